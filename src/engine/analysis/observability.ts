/**
 * Facts around a call the readiness audit reads: is the response's served model / usage read or
 * logged (following the result variable), does a task tag travel with the request (metadata,
 * `X-Task`-style headers, LangChain tags, a `task`/`tag` parameter of the wrapper), and does a size
 * check (a comparison involving `.length` or a token count) precede the call in its function.
 */
import { Node, SyntaxKind } from 'ts-morph';
import type { CallExpression } from 'ts-morph';
import type { CallObservability } from '../model';
import { getProperty, resolveObjectLiteral } from './resolve/values';
import type { AnalysisContext } from './types';

const MODEL_KEYS = new Set(['model', 'modelId', 'modelVersion', 'response_metadata']);
const USAGE_KEYS = new Set(['usage', 'usageMetadata', 'totalUsage', 'usage_metadata']);
const COMPARISONS = new Set([SyntaxKind.LessThanToken, SyntaxKind.LessThanEqualsToken, SyntaxKind.GreaterThanToken, SyntaxKind.GreaterThanEqualsToken]);

/** Observability facts of one SDK call. */
export function observe(call: CallExpression, ctx: AnalysisContext): CallObservability {
  const reads = responseReads(call);
  const result: CallObservability = { readsResponseModel: reads.model, readsUsage: reads.usage };
  const taskTag = findTaskTag(call, ctx);
  if (taskTag) result.taskTag = taskTag;
  const guard = findContextGuard(call, ctx);
  if (guard) result.contextGuard = guard;
  return result;
}

function enclosingFunction(node: Node): Node | undefined {
  return node.getFirstAncestor((n) => Node.isFunctionDeclaration(n) || Node.isMethodDeclaration(n) || Node.isArrowFunction(n) || Node.isFunctionExpression(n) || Node.isConstructorDeclaration(n));
}

/** The node holding the call's value (through `await`, parentheses, `as`). */
function valueHolder(call: Node): Node | undefined {
  let current: Node = call;
  let parent = current.getParent();
  while (parent && (Node.isAwaitExpression(parent) || Node.isParenthesizedExpression(parent) || Node.isAsExpression(parent) || Node.isNonNullExpression(parent))) {
    current = parent;
    parent = current.getParent();
  }
  return parent;
}

function responseReads(call: CallExpression): { model: boolean; usage: boolean } {
  const holder = valueHolder(call);
  const out = { model: false, usage: false };
  if (!holder || !Node.isVariableDeclaration(holder)) return out;
  const nameNode = holder.getNameNode();
  if (Node.isObjectBindingPattern(nameNode)) {
    for (const element of nameNode.getElements()) {
      const key = element.getPropertyNameNode()?.getText() ?? element.getName();
      if (MODEL_KEYS.has(key) || key === 'response') out.model = true;
      if (USAGE_KEYS.has(key)) out.usage = true;
    }
    return out;
  }
  if (!Node.isIdentifier(nameNode)) return out;
  const scope = enclosingFunction(call) ?? call.getSourceFile();
  const symbol = nameNode.getSymbol();
  scope.forEachDescendant((node) => {
    if (!Node.isIdentifier(node) || node === nameNode || node.getText() !== nameNode.getText() || node.getSymbol() !== symbol) return;
    markRead(node, out);
  });
  return out;
}

/** `response.model`, `response.usage.input_tokens`, `log(response)`. */
function markRead(reference: Node, out: { model: boolean; usage: boolean }): void {
  let current: Node = reference;
  let parent = current.getParent();
  while (parent && Node.isPropertyAccessExpression(parent) && parent.getExpression() === current) {
    if (MODEL_KEYS.has(parent.getName())) out.model = true;
    if (USAGE_KEYS.has(parent.getName())) out.usage = true;
    current = parent;
    parent = current.getParent();
  }
  if (current === reference && parent && Node.isCallExpression(parent) && parent.getArguments().includes(reference)) {
    const callee = parent.getExpression().getText();
    if (/log|trace|record|track|emit/i.test(callee)) {
      out.model = true;
      out.usage = true;
    }
  }
}

function findTaskTag(call: CallExpression, ctx: AnalysisContext): CallObservability['taskTag'] {
  for (const arg of call.getArguments()) {
    const obj = resolveObjectLiteral(arg, ctx);
    if (!obj) continue;
    for (const key of ['metadata', 'tags', 'providerOptions']) {
      const value = getProperty(obj, key, ctx);
      if (value && (key !== 'providerOptions' || /task|tag/i.test(value.getText()))) return { how: `request \`${key}\``, span: ctx.span(value) };
    }
    const headers = getProperty(obj, 'headers', ctx);
    const headerObj = headers ? resolveObjectLiteral(headers, ctx) : undefined;
    const taskHeader = headerObj?.getProperties().find((p) => /task|feature|tag/i.test(p.getText().split(':')[0]));
    if (taskHeader) return { how: `header ${taskHeader.getText().split(':')[0].trim()}`, span: ctx.span(taskHeader) };
  }
  const fn = enclosingFunction(call);
  if (fn && (Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn) || Node.isArrowFunction(fn) || Node.isFunctionExpression(fn))) {
    const param = fn.getParameters().find((p) => /^(tag|tags|taskTag|taskType|task_type|feature)$/i.test(p.getName()));
    if (param) return { how: `wrapper parameter \`${param.getName()}\``, span: ctx.span(param) };
  }
  return undefined;
}

/** A comparison with `.length` or a token count, or a call of a `fits…`/`guard…` helper, before the call in its function. */
function findContextGuard(call: CallExpression, ctx: AnalysisContext): CallObservability['contextGuard'] {
  const fn = enclosingFunction(call);
  if (!fn) return undefined;
  const before = call.getStart();
  let found: Node | undefined;
  fn.forEachDescendant((node, traversal) => {
    if (found || node.getStart() >= before) {
      if (found) traversal.stop();
      return;
    }
    if (Node.isBinaryExpression(node) && COMPARISONS.has(node.getOperatorToken().getKind()) && mentionsSize(node)) found = node;
    if (Node.isCallExpression(node) && /^(fits|guard|ensureFits|within|truncate|assertSize|countTokens)/i.test(lastName(node.getExpression()))) found = node;
  });
  return found ? { expression: found.getText().replace(/\s+/g, ' ').slice(0, 200), span: ctx.span(found) } : undefined;
}

function lastName(expr: Node): string {
  return Node.isPropertyAccessExpression(expr) ? expr.getName() : Node.isIdentifier(expr) ? expr.getText() : '';
}

function mentionsSize(node: Node): boolean {
  let hit = false;
  node.forEachDescendant((child) => {
    if (Node.isPropertyAccessExpression(child) && (child.getName() === 'length' || /tokens?/i.test(child.getName()))) hit = true;
    if (Node.isIdentifier(child) && /tokens?/i.test(child.getText())) hit = true;
  });
  return hit;
}
