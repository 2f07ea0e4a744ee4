/**
 * LangChain runnable composition: which chat-model steps a chain runs, and what each one receives.
 *
 * A chain is built with `a.pipe(b)`, `RunnableSequence.from([a, b, c])`, maps of parallel branches
 * (`RunnableMap.from({...})`, `RunnableParallel.from({...})`, an object literal inside a sequence,
 * `RunnablePassthrough.assign({...})`), prompt templates (`ChatPromptTemplate.fromMessages`, ...),
 * `new RunnablePassthrough()`, and other steps (output parsers, lambdas, retrievers) whose output
 * is not statically known. The composition is read from declarations (variables, class fields,
 * imports across files), never from the checker's types: no type-checker call per step.
 *
 * Each chat-model step becomes a `ModelUse` with what it receives: the chain's own input (the model
 * is the first step), a prompt template filled from the chain input, or the output of an earlier
 * step (unknown until run time).
 */
import { Node } from 'ts-morph';
import type { CallExpression } from 'ts-morph';
import { assignedToThis, expandoAssignment, stripExpression } from '../../functionValues';
import { templateFactory } from './promptTemplate';
import type { TemplateVariables } from './promptTemplate';
import { declarationOf, importedFrom } from '../../resolve/symbols';

/** A chat-model step, as recognised by the caller (the LangChain detector knows the model classes). */
export interface ModelStepInfo {
  /** The model's class with the chainable calls applied (`ChatOpenAI.withStructuredOutput`). */
  label: string;
}

type Step<M> =
  | { kind: 'model'; node: Node; model: M }
  | { kind: 'prompt'; node: Node }
  | { kind: 'sequence'; steps: Array<Step<M>> }
  | { kind: 'map'; node: Node; branches: Array<{ key: string; step: Step<M> }>; keepsInput: boolean }
  | { kind: 'passthrough'; node: Node }
  /** A step whose output is not statically known; `runnable` when it is known to be a LangChain runnable. */
  | { kind: 'other'; node: Node; runnable?: boolean };

/** What flows between steps while walking a chain. */
type Flow =
  | { kind: 'input' }
  | { kind: 'prompt'; node: Node; variables: TemplateVariables }
  | { kind: 'map'; node: Node; whole: string[]; keepsInput: boolean }
  | { kind: 'opaque'; node: Node };

/** What one model step of a chain receives. */
export type ModelInput =
  | { kind: 'input' }
  | { kind: 'template'; node: Node; variables: TemplateVariables }
  | { kind: 'opaque'; node: Node; reason: string };

/** One chat-model step of a chain and its input. */
export interface ModelUse<M> {
  node: Node;
  model: M;
  input: ModelInput;
}

/** A chain and its model steps, in the order they run. */
export interface ChainModels<M> {
  uses: Array<ModelUse<M>>;
  /** The chain's steps by kind, for explanation (`ChatPromptTemplate | ChatOpenAI | StringOutputParser`). */
  outline: string;
}

const MAX_DEPTH = 25;
const SEQUENCE_CLASSES = new Set(['RunnableSequence']);
const MAP_CLASSES = new Set(['RunnableMap', 'RunnableParallel']);

/**
 * The model steps of the chain `expr` evaluates to, or undefined when it is not a chain containing a
 * model (a lone model, a parameter, a value built at run time). `recognise` says whether an
 * expression is a chat model (and how to label it).
 */
export function chainModels<M extends ModelStepInfo>(expr: Node, recognise: (node: Node) => M | undefined): ChainModels<M> | undefined {
  const step = stepOf(expr, recognise, false, 0, new Set());
  if (step.kind === 'model' || step.kind === 'other' || step.kind === 'passthrough') return undefined;
  const uses: Array<ModelUse<M>> = [];
  walk(step, { kind: 'input' }, uses);
  return uses.length > 0 ? { uses, outline: outline(step) } : undefined;
}

/**
 * The step `input` evaluates to. `coerced`: the position coerces an object literal to a map of
 * branches (a `.pipe()` argument, a sequence element, a map branch), as LangChain does; an object
 * literal elsewhere (a `.pipe()` receiver) is not a runnable.
 */
function stepOf<M>(input: Node, recognise: (node: Node) => M | undefined, coerced: boolean, depth: number, seen: Set<Node>): Step<M> {
  const node = stripExpression(input);
  if (depth > MAX_DEPTH || seen.has(node)) return { kind: 'other', node };
  const next = new Set([...seen, node]);
  const sub = (n: Node) => stepOf(n, recognise, true, depth + 1, next);
  const same = (n: Node) => stepOf(n, recognise, coerced, depth + 1, next);
  if (Node.isCallExpression(node)) {
    const piped = pipeOf(node);
    if (piped) {
      // Only a runnable has `.pipe`: a receiver that is not recognisably one makes this some other `pipe`.
      const receiver = stepOf(piped.receiver, recognise, false, depth + 1, next);
      return receiver.kind === 'other' && !receiver.runnable ? { kind: 'other', node } : { kind: 'sequence', steps: [receiver, ...piped.args.map(sub)] };
    }
    const helper = langchainStatic(node);
    if (helper && SEQUENCE_CLASSES.has(helper.className) && helper.method === 'from') {
      const list = node.getArguments()[0];
      const items = list ? stripExpression(list) : undefined;
      if (items && Node.isArrayLiteralExpression(items)) return { kind: 'sequence', steps: items.getElements().map(sub) };
    }
    if (helper && MAP_CLASSES.has(helper.className) && helper.method === 'from') return mapStep(node, node.getArguments()[0], false, sub);
    if (helper && helper.className === 'RunnablePassthrough' && helper.method === 'assign') return mapStep(node, node.getArguments()[0], true, sub);
  }
  if (isTemplate(node)) return { kind: 'prompt', node };
  // Another LangChain factory (`RunnableLambda.from(fn)`): a runnable whose output is not known.
  if (Node.isCallExpression(node) && langchainStatic(node)) return { kind: 'other', node, runnable: true };
  const created = Node.isNewExpression(node) ? langchainClass(node.getExpression()) : undefined;
  if (created === 'RunnablePassthrough') return { kind: 'passthrough', node };
  if (Node.isObjectLiteralExpression(node)) return coerced ? mapStep(node, node, false, sub) : { kind: 'other', node };
  const model = recognise(node);
  if (model) return { kind: 'model', node, model };
  if (created) return { kind: 'other', node, runnable: true };
  if (Node.isIdentifier(node) || Node.isPropertyAccessExpression(node)) {
    for (const value of valuesOf(node)) {
      const step = same(value);
      if (step.kind !== 'other') return step;
    }
  }
  return { kind: 'other', node };
}

/** A prompt template created by a class imported from a LangChain package. */
function isTemplate(node: Node): boolean {
  if (!templateFactory(node)) return false;
  const callee = Node.isCallExpression(node) ? stripExpression(node.getExpression()) : undefined;
  const classExpr = Node.isNewExpression(node) ? node.getExpression() : callee && Node.isPropertyAccessExpression(callee) ? callee.getExpression() : undefined;
  return classExpr !== undefined && langchainClass(classExpr) !== undefined;
}

/** `a.pipe(b)`, `a.pipe(b, c)`. */
function pipeOf(call: CallExpression): { receiver: Node; args: Node[] } | undefined {
  const callee = stripExpression(call.getExpression());
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'pipe' || call.getArguments().length === 0) return undefined;
  return { receiver: callee.getExpression(), args: call.getArguments() };
}

function mapStep<M>(node: Node, arg: Node | undefined, keepsInput: boolean, sub: (n: Node) => Step<M>): Step<M> {
  const obj = arg ? stripExpression(arg) : undefined;
  if (!obj || !Node.isObjectLiteralExpression(obj)) return { kind: 'other', node };
  const branches: Array<{ key: string; step: Step<M> }> = [];
  for (const prop of obj.getProperties()) {
    if (Node.isPropertyAssignment(prop)) branches.push({ key: prop.getName(), step: sub(prop.getInitializerOrThrow()) });
    else if (Node.isShorthandPropertyAssignment(prop)) branches.push({ key: prop.getName(), step: sub(prop.getNameNode()) });
    else return { kind: 'other', node };
  }
  return { kind: 'map', node, branches, keepsInput };
}

/** `RunnableSequence.from(...)`: a static method of a class imported from a LangChain package. */
function langchainStatic(call: CallExpression): { className: string; method: string } | undefined {
  const callee = stripExpression(call.getExpression());
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const className = langchainClass(callee.getExpression());
  return className ? { className, method: callee.getName() } : undefined;
}

/** The name of a class imported from a LangChain package (`@langchain/core/runnables`, `langchain/...`), else undefined. */
function langchainClass(expr: Node): string | undefined {
  const target = stripExpression(expr);
  const id = Node.isPropertyAccessExpression(target) ? target.getExpression() : target;
  if (!Node.isIdentifier(id)) return undefined;
  const from = importedFrom(id);
  if (!from || !(from.startsWith('@langchain/') || from === 'langchain' || from.startsWith('langchain/'))) return undefined;
  return Node.isPropertyAccessExpression(target) ? target.getName() : declaredName(id);
}

/** The exported name an identifier was imported as (`RunnableSequence` for `import { RunnableSequence as Seq }`). */
function declaredName(id: Node): string {
  for (const decl of id.getSymbol()?.getDeclarations() ?? []) {
    if (Node.isImportSpecifier(decl)) return decl.getName();
  }
  return id.getText();
}

/** The expressions a variable, field or imported binding holds (initialisers and `this.x = ...` assignments). */
function valuesOf(node: Node): Node[] {
  const nameNode = Node.isPropertyAccessExpression(node) ? node.getNameNode() : node;
  const decl = declarationOf(nameNode);
  if (!decl) return [];
  if (Node.isVariableDeclaration(decl) || Node.isPropertyAssignment(decl)) {
    const init = decl.getInitializer();
    return init ? [init] : [];
  }
  if (Node.isPropertyDeclaration(decl)) {
    const init = decl.getInitializer();
    return [...(init ? [init] : []), ...assignedToThis(decl.getName(), decl)];
  }
  const assigned = expandoAssignment(decl);
  return assigned ? [assigned] : [];
}

function walk<M>(step: Step<M>, input: Flow, uses: Array<ModelUse<M>>): Flow {
  switch (step.kind) {
    case 'sequence':
      return step.steps.reduce<Flow>((flow, s) => walk(s, flow, uses), input);
    case 'prompt':
      return { kind: 'prompt', node: step.node, variables: variablesFrom(input) };
    case 'model':
      uses.push({ node: step.node, model: step.model, input: modelInput(input, step.node) });
      return { kind: 'opaque', node: step.node };
    case 'map': {
      const whole: string[] = [];
      for (const branch of step.branches) {
        const out = walk(branch.step, input, uses);
        if (out.kind === 'input') whole.push(branch.key);
      }
      return { kind: 'map', node: step.node, whole, keepsInput: step.keepsInput && input.kind === 'input' };
    }
    case 'passthrough':
      return input;
    case 'other':
      return { kind: 'opaque', node: step.node };
  }
}

/** Which template variables the flow into a prompt supplies. */
function variablesFrom(flow: Flow): TemplateVariables {
  if (flow.kind === 'input') return { properties: true, whole: [] };
  if (flow.kind === 'map') return { properties: flow.keepsInput, whole: flow.whole };
  return { properties: false, whole: [] };
}

function modelInput(flow: Flow, model: Node): ModelInput {
  if (flow.kind === 'input') return { kind: 'input' };
  if (flow.kind === 'prompt') return { kind: 'template', node: flow.node, variables: flow.variables };
  const reason = `the input of \`${short(model)}\` in this chain is the output of \`${short(flow.node)}\`, known only at run time`;
  return { kind: 'opaque', node: flow.node, reason };
}

function outline<M extends ModelStepInfo>(step: Step<M>): string {
  switch (step.kind) {
    case 'sequence':
      return step.steps.map(outline).join(' | ');
    case 'model':
      return step.model.label;
    case 'prompt':
      return templateFactory(step.node)?.className ?? 'prompt';
    case 'map':
      return `{ ${step.branches.map((b) => `${b.key}: ${outline(b.step)}`).join(', ')} }`;
    case 'passthrough':
      return 'RunnablePassthrough';
    case 'other':
      return short(step.node, 30);
  }
}

function short(node: Node, max = 60): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}
