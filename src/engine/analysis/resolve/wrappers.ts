/**
 * Wrapper expansion: when an SDK call's model or prompt comes from parameters of the function it is
 * written in (`complete(model, system, user)`), the values are resolved at each caller of that
 * function, and each caller becomes an `invocation` call site with its own model, prompt and sizes.
 * Wrappers of wrappers are followed up to `ctx.maxCallerDepth` levels while the model still depends
 * on the caller's own parameters.
 */
import { Node } from 'ts-morph';
import type { CallExpression, ParameterDeclaration } from 'ts-morph';
import type { CallSite, ModelRef, Resolved } from '../../model';
import type { AnalysisContext, Bindings, DetectedCall, ExtractedRequest } from '../types';
import { parseAnnotation } from './annotations';
import { functionName } from './symbols';

type FunctionLike = Node;

/** One wrapper record: the SDK call found by a detector and its direct CallSite. */
export interface WrapperRecord {
  site: CallSite;
  detected: DetectedCall;
}

/** One link of a caller chain: `call` calls `fn`. */
interface Link {
  fn: FunctionLike;
  call: CallExpression;
}

/** Bindings of one function's parameters to the arguments of one call (implements `Bindings`). */
export class CallBindings implements Bindings {
  constructor(
    private readonly fn: FunctionLike,
    private readonly call: CallExpression | undefined,
    private readonly outer: Bindings | undefined,
    readonly depth: number,
    private readonly onLookup?: (param: ParameterDeclaration) => void,
  ) {}

  lookup(param: ParameterDeclaration): { argument: Node | undefined; outer: Bindings | undefined } | undefined {
    if (param.getParent() !== this.fn) return undefined;
    this.onLookup?.(param);
    if (!this.call) return undefined;
    if (param.isRestParameter()) return undefined;
    const index = parametersOf(this.fn).indexOf(param);
    const args = this.call.getArguments();
    if (args.slice(0, index + 1).some((a) => Node.isSpreadElement(a))) return undefined;
    return { argument: args[index], outer: this.outer };
  }
}

/** Expands wrapper records into `wrapper` + `invocation` sites; other records pass through unchanged. */
export function expandWrappers(records: WrapperRecord[], ctx: AnalysisContext): CallSite[] {
  const out: CallSite[] = [];
  for (const record of records) {
    const fn = dependsOnCaller(record.detected.extract())
      ? namedEnclosingFunctions(record.detected.call).find((f) => usesParameters(record.detected, [], f))
      : undefined;
    if (!fn) {
      out.push(record.site);
      continue;
    }
    const invocations: CallSite[] = [];
    for (const call of callersOf(fn)) expandPath(record, [{ fn, call }], ctx, invocations);
    if (invocations.length === 0) {
      out.push(record.site);
      continue;
    }
    numberInvocations(invocations, ctx);
    out.push(asWrapper(record.site, invocations), ...invocations);
  }
  return out;
}

function expandPath(record: WrapperRecord, path: Link[], ctx: AnalysisContext, out: CallSite[]): void {
  const top = path[path.length - 1];
  const extracted = record.detected.extract(chainBindings(path, undefined));
  const mayClimb = path.length < Math.max(2, ctx.maxCallerDepth) && dependsOnCaller(extracted);
  const outerFn = mayClimb ? namedEnclosingFunctions(top.call).find((f) => usesParameters(record.detected, path, f)) : undefined;
  if (outerFn) {
    const callers = callersOf(outerFn).filter((call) => !path.some((link) => link.call === call));
    if (callers.length > 0) {
      for (const call of callers) expandPath(record, [...path, { fn: outerFn, call }], ctx, out);
      return;
    }
  }
  out.push(invocation(record, top.call, extracted, ctx));
}

/**
 * True when the values that decide cost (model, output cap, thinking budget) come from a parameter:
 * unknown because a parameter is unbound, or a parameter's default / literal-union type. Prompt holes
 * alone do not make a wrapper: they are sized by name, and the call site stays where it is written.
 */
export function dependsOnCaller(extracted: ExtractedRequest): boolean {
  const values: Array<Resolved<unknown> | undefined> = [extracted.model, extracted.params.maxTokens, extracted.params.thinkingBudget];
  return values.some(
    (value) =>
      value !== undefined &&
      (value.unknown.some((u) => u.reason.includes('parameter `') || u.reason.includes('options parameter')) ||
        value.candidates.some((c) => c.via.some((step) => step.kind === 'parameter-default' || step.kind === 'union-type'))),
  );
}

/** True when extracting `detected` with `path` bound looks up a parameter of `fn`. */
function usesParameters(detected: DetectedCall, path: Link[], fn: FunctionLike): boolean {
  let used = false;
  const probe = new CallBindings(fn, undefined, undefined, path.length + 1, () => (used = true));
  detected.extract(chainBindings(path, probe));
  return used;
}

/** Bindings for a caller chain: the innermost link first, each with the next link as `outer`. */
function chainBindings(path: Link[], top: Bindings | undefined): Bindings | undefined {
  let outer = top;
  for (let i = path.length - 1; i >= 0; i--) outer = new CallBindings(path[i].fn, path[i].call, outer, i + 1);
  return outer;
}

function invocation(record: WrapperRecord, call: CallExpression, extracted: ExtractedRequest, ctx: AnalysisContext): CallSite {
  const site = record.site;
  const annotation = parseAnnotation(call, ctx) ?? site.annotation;
  const enclosing = enclosingName(call);
  return {
    ...site,
    id: `${ctx.relativePath(call.getSourceFile())}#${enclosing}#?@${site.id}`,
    role: 'invocation',
    wrapperId: site.id,
    invocationIds: undefined,
    span: ctx.span(call),
    enclosing,
    model: extracted.model,
    prompt: extracted.prompt,
    params: { ...site.params, ...extracted.params, batch: site.params.batch || extracted.params.batch },
    ...(extracted.batchSize ? { batchSize: extracted.batchSize } : {}),
    ...(annotation ? { annotation } : { annotation: undefined }),
    detection: [...site.detection, `called through wrapper \`${site.enclosing}\` at ${ctx.relativePath(call.getSourceFile())}:${ctx.span(call).start.line + 1}`],
  };
}

/** Replaces the `?` ordinal by the position among invocations of the same wrapper in the same declaration. */
function numberInvocations(invocations: CallSite[], ctx: AnalysisContext): void {
  void ctx;
  const groups = new Map<string, CallSite[]>();
  for (const site of invocations) {
    const key = site.id.replace('#?@', '@');
    groups.set(key, [...(groups.get(key) ?? []), site]);
  }
  for (const group of groups.values()) {
    group.sort((a, b) => a.span.start.line - b.span.start.line || a.span.start.character - b.span.start.character);
    group.forEach((site, index) => (site.id = site.id.replace('#?@', `#${index}@`)));
  }
}

function asWrapper(site: CallSite, invocations: CallSite[]): CallSite {
  const n = invocations.length;
  const explain = (model: ModelRef): ModelRef => ({
    ...model,
    unknown: model.unknown.map((u) => ({
      ...u,
      reason: u.reason.replace('has no default and no caller was found', `is set by each caller: resolved at its ${n} invocation${n === 1 ? '' : 's'}`),
    })),
  });
  return { ...site, role: 'wrapper', invocationIds: invocations.map((i) => i.id), model: explain(site.model) };
}

/** Enclosing functions with parameters and a name callers can use, innermost first. */
function namedEnclosingFunctions(node: Node): FunctionLike[] {
  const out: FunctionLike[] = [];
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    if (parametersOf(fn).length > 0 && functionNameNode(fn)) out.push(fn);
  }
  return out;
}

/** The nearest function-like node around `node` (function, arrow, function expression, method). */
export function enclosingFunction(node: Node): FunctionLike | undefined {
  return node.getFirstAncestor(
    (a) => Node.isFunctionDeclaration(a) || Node.isArrowFunction(a) || Node.isFunctionExpression(a) || Node.isMethodDeclaration(a),
  );
}

function parametersOf(fn: FunctionLike): ParameterDeclaration[] {
  if (Node.isFunctionDeclaration(fn) || Node.isArrowFunction(fn) || Node.isFunctionExpression(fn) || Node.isMethodDeclaration(fn)) {
    return fn.getParameters();
  }
  return [];
}

/** Calls of `fn` anywhere in the project (through imports and re-exports), via the language service. */
export function callersOf(fn: FunctionLike): CallExpression[] {
  const nameNode = functionNameNode(fn);
  if (!nameNode || !Node.isIdentifier(nameNode)) return [];
  const calls: CallExpression[] = [];
  for (const ref of nameNode.findReferencesAsNodes()) {
    if (ref.getSourceFile().isInNodeModules() || ref.getSourceFile().isDeclarationFile()) continue;
    const parent = ref.getParent();
    const callee = parent && Node.isPropertyAccessExpression(parent) && parent.getNameNode() === ref ? parent : ref;
    const call = callee.getParent();
    if (call && Node.isCallExpression(call) && call.getExpression() === callee) calls.push(call);
  }
  return calls;
}

function functionNameNode(fn: FunctionLike): Node | undefined {
  if (Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn)) return fn.getNameNode();
  const parent = fn.getParent();
  if (parent && (Node.isVariableDeclaration(parent) || Node.isPropertyAssignment(parent) || Node.isPropertyDeclaration(parent))) {
    return parent.getNameNode();
  }
  return undefined;
}

/** The declaration a call belongs to, for ids: `classifyTicket`, `TicketService.classify`, or `<module>`. */
export function enclosingName(node: Node): string {
  let current = enclosingFunction(node);
  while (current) {
    if (functionNameNode(current)) return functionName(current);
    current = enclosingFunction(current);
  }
  return '<module>';
}
