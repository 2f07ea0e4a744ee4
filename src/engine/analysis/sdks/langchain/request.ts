/**
 * How a LangChain run is written: the chat model's constructor options (`{ model | modelName,
 * temperature, maxTokens }`) are the request; the prompt is the run's input (`.invoke(x)`,
 * `.stream(x)`, one input of `.batch([...])`), or a chain's prompt template filled from it.
 */
import { Node } from 'ts-morph';
import type { Resolved } from '../../../model';
import { emptyResolved, exprText, literalRes, toResolved } from '../../resolve/common';
import type { EvalState } from '../../resolve/common';
import { followToLiteral } from '../../resolve/objects';
import type { Located } from '../../resolve/objects';
import { addMessages } from '../../resolve/prompt';
import type { PromptBuilder } from '../../resolve/prompt';
import type { RequestFields, RequestShape } from '../../resolve/request';
import { addPromptTemplate } from './promptTemplate';
import type { TemplateFields } from './promptTemplate';

/** What the LangChain detector found at a run, beyond the model's options. */
export interface LangchainFields extends RequestFields {
  /** `.invoke(x)` / `.stream(x)` argument, or the list of inputs of `.batch([...])` (`batchInputs`). */
  messagesArg?: Node;
  /** `.batch(inputs)`: `messagesArg` is a list with one input per request; `batchElement` picks one. */
  batchInputs?: boolean;
  /** A chain: the prompt template that formats the model's input from the run's input. */
  template?: TemplateFields;
  /** A chain: the model's input is the output of an earlier step; the reason its prompt is unknown. */
  opaqueInput?: { reason: string; node: Node };
}

/** A LangChain chat model run (directly or as a step of a chain). */
export const LANGCHAIN_RUN: RequestShape<LangchainFields> = {
  name: 'langchain',
  modelPaths: ['model', 'modelName'],
  systemPaths: ['system'],
  input: (b, { fields, st }) => {
    const run = runInputOf(fields, st);
    addLangchainInput(b, fields, run);
    return run.size ? { batchSize: run.size } : undefined;
  },
};

/** The input one LangChain request receives, and for `.batch(...)` the number of inputs. */
interface RunInput {
  input?: Located;
  size?: Resolved<number>;
  /** Why the input is not known (a `.batch` list built at run time). */
  missing?: { reason: string; node: Node };
}

/** The `.invoke(x)` / `.stream(x)` argument, or input `batchElement` of `.batch([...])` (all of them counted). */
function runInputOf(fields: LangchainFields, st: EvalState): RunInput {
  const arg = fields.messagesArg;
  if (!arg) return {};
  if (!fields.batchInputs) return { input: { node: arg, st } };
  const expression = exprText(arg);
  const list = followToLiteral(arg, st);
  if (list && Node.isArrayLiteralExpression(list.node) && !list.node.getElements().some(Node.isSpreadElement)) {
    const elements = list.node.getElements();
    const element = elements[fields.batchElement ?? 0];
    const size = fields.batchElement === undefined ? toResolved(literalRes(elements.length, list.node, list.st), expression) : undefined;
    return { input: element ? { node: element, st: list.st } : undefined, ...(size ? { size } : {}) };
  }
  return {
    size: emptyResolved<number>(`the number of inputs of \`.batch(${expression})\` is known only at run time (one request per input)`, expression),
    missing: { reason: `the inputs of \`.batch(${expression})\` are known only at run time`, node: arg },
  };
}

/** A LangChain request's prompt: a chain's prompt template filled from the input, else the input as messages. */
function addLangchainInput(b: PromptBuilder, fields: LangchainFields, run: RunInput): void {
  if (fields.opaqueInput) b.unresolved(fields.opaqueInput.reason, fields.opaqueInput.node);
  else if (fields.template) addPromptTemplate(b, fields.template, run.input, b.state);
  else if (run.input) addMessages(b, run.input.node, run.input.st);
  else if (run.missing) b.unresolved(run.missing.reason, run.missing.node);
}
