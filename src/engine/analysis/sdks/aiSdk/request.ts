/**
 * How AI SDK calls are written: `generateText({ model, system, prompt | messages, output })`,
 * `embed({ model, value })` / `embedMany({ values })`, and agents (`new ToolLoopAgent({ instructions })`).
 */
import { Node } from 'ts-morph';
import type { StructuredOutput } from '../../../model';
import { exprText } from '../../resolve/common';
import { followToLiteral } from '../../resolve/objects';
import type { Located } from '../../resolve/objects';
import { firstOf, readPath, singleString, structuredOutputOf } from '../../resolve/params';
import type { RequestObject } from '../../resolve/params';
import type { RequestShape } from '../../resolve/request';
import { unwrap } from '../../resolve/symbols';
import { stringIn } from '../../resolve/values';

/** Every AI SDK function's options (agents name their system prompt `instructions`). */
export const AI_SDK_REQUEST: RequestShape = {
  name: 'ai-sdk',
  modelPaths: ['model'],
  systemPaths: ['system', 'instructions'],
  promptPath: 'prompt',
  messagesPath: 'messages',
  embedding: { paths: ['input', 'value', 'values'], when: ['value', 'values'] },
  structuredOutput: ({ req }) => aiSdkStructuredOutput(req),
};

/** `schema` (generateObject), `output: Output.object({ schema })` and the other output helpers, `output: 'no-schema'`. */
function aiSdkStructuredOutput(req: RequestObject | undefined): StructuredOutput | undefined {
  const schema = firstOf([req], ['schema', 'output.schema', 'experimental_output.schema']);
  if (schema) return structuredOutputOf(schema);
  const helper = outputHelperOf(firstOf([req], ['output', 'experimental_output']));
  if (helper) return helper;
  return singleString(firstOf([req], ['output'])) === 'no-schema' ? { kind: 'json-object' as const } : undefined;
}

/**
 * AI SDK 5/6 output helpers: `output: Output.object({ schema })`, `Output.array({ element })`,
 * `Output.choice({ options: [...] })` (a closed label set), `Output.json()`; `Output.text()` is plain text.
 */
function outputHelperOf(found: Located | undefined): StructuredOutput | undefined {
  const target = found ? unwrap(found.node) : undefined;
  if (!found || !target || !Node.isCallExpression(target)) return undefined;
  const callee = unwrap(target.getExpression());
  const helper = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
  const arg = target.getArguments()[0];
  const literal = arg ? followToLiteral(arg, found.st) : undefined;
  const options: RequestObject | undefined = literal && Node.isObjectLiteralExpression(literal.node) ? { node: literal.node, st: literal.st } : undefined;
  if (helper === 'object' || helper === 'array') {
    const schema = readPath(options, helper === 'object' ? 'schema' : 'element');
    return schema ? structuredOutputOf(schema) : { kind: 'other', schemaText: exprText(target) };
  }
  if (helper === 'choice') {
    const labels = readPath(options, 'options');
    const values = labels ? stringsOf(labels) : [];
    return { kind: 'other', schemaText: exprText(target), ...(values.length > 0 ? { labels: values } : {}) };
  }
  if (helper === 'json') return { kind: 'json-object' };
  return undefined;
}

/** The string values of an array literal (`['positive', 'negative']`), resolved element by element. */
function stringsOf(found: Located): string[] {
  const literal = followToLiteral(found.node, found.st);
  if (!literal || !Node.isArrayLiteralExpression(literal.node)) return [];
  return literal.node.getElements().flatMap((element) => stringIn(element, literal.st).candidates.map((c) => c.value));
}
