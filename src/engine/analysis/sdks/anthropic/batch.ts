/**
 * Batch submissions (`messages.batches.create({ requests })`): which request a record describes and
 * how many requests one submission carries.
 *
 * - `requests: [a, b, c]`, request literals: one record per request (`batchElementNodes`).
 * - `requests: items.map((item, i) => ({ custom_id, params }))`, written inline or in a variable
 *   before the call, with an arrow, a function expression or a named function: one request shape
 *   repeated per item (`mapTemplate`). Its count is the length of `items` when that is an array
 *   literal, otherwise known only at run time.
 */
import { Node } from 'ts-morph';
import type { CallExpression } from 'ts-morph';
import type { Resolved } from '../../../model';
import type { AnalysisContext } from '../../types';
import { functionValues, functionsOf, returnedExpressions } from '../../functionValues';
import { emptyResolved, exprText, initialState, literalRes, toResolved } from '../../resolve/common';
import type { EvalState } from '../../resolve/common';
import { followToLiteral } from '../../resolve/objects';
import { constInitializer, objectAt, readPath } from '../../resolve/params';
import type { RequestObject } from '../../resolve/params';
import { unwrap } from '../../resolve/symbols';

/** The `params` of one request of a batch and the number of requests in the submission. */
export interface BatchRequest {
  params: RequestObject | undefined;
  size: Resolved<number>;
}

/**
 * `requests: [...]` or a `.map(...)` template: the `params` of request `element` (a template has
 * one shape for all) and the number of requests when known.
 */
export function batchRequest(req: RequestObject, element: number): BatchRequest {
  const requests = readPath(req, 'requests');
  const expression = requests ? exprText(requests.node) : 'requests';
  if (!requests) return { params: undefined, size: emptyResolved('the batch has no `requests`', expression) };
  const literal = followToLiteral(requests.node, requests.st);
  if (literal && Node.isArrayLiteralExpression(literal.node)) {
    const chosen = literal.node.getElements()[element];
    const chosenObj = chosen ? followToLiteral(chosen, literal.st) : undefined;
    const params = chosenObj && Node.isObjectLiteralExpression(chosenObj.node) ? objectAt({ node: chosenObj.node, st: chosenObj.st }, 'params') : undefined;
    const size = toResolved(literalRes(literal.node.getElements().length, literal.node, literal.st), expression);
    return { params, size };
  }
  const template = mapTemplate(requests.node, requests.st);
  if (!template) return { params: undefined, size: emptyResolved<number>(`the batch's \`requests\` (\`${expression}\`) are built at run time`, expression) };
  return { params: objectAt(template.request, 'params'), size: template.size };
}

/** A `.map(...)` that builds the requests of a batch: one request shape repeated per item. */
export interface MapTemplate {
  /** The `LIST.map(callback)` call. */
  call: CallExpression;
  /** The object the callback returns (`{ custom_id, params }`), when statically known. */
  request: RequestObject | undefined;
  /** The number of items: LIST's length when it is an array literal without spreads. */
  size: Resolved<number>;
}

/** `LIST.map(callback)` written at `node` or in the variable `node` names; undefined for anything else. */
export function mapTemplate(node: Node, st: EvalState): MapTemplate | undefined {
  const call = constInitializer(unwrap(node));
  const callee = Node.isCallExpression(call) ? unwrap(call.getExpression()) : undefined;
  if (!Node.isCallExpression(call) || !callee || !Node.isPropertyAccessExpression(callee) || callee.getName() !== 'map') return undefined;
  const callback = call.getArguments()[0];
  const functions = callback ? [...functionValues(callback), ...functionsOf(callback)] : [];
  let request: RequestObject | undefined;
  for (const returned of functions.flatMap(returnedExpressions)) {
    const obj = followToLiteral(returned, st);
    if (obj && Node.isObjectLiteralExpression(obj.node)) {
      request = { node: obj.node, st: obj.st };
      break;
    }
  }
  const expression = `${exprText(callee.getExpression())}.map(...)`;
  const list = followToLiteral(callee.getExpression(), st);
  const size = list && Node.isArrayLiteralExpression(list.node) && !list.node.getElements().some(Node.isSpreadElement)
    ? toResolved(literalRes(list.node.getElements().length, list.node, list.st), expression)
    : emptyResolved<number>(`the number of batch requests depends on \`${expression}\` at run time`, expression);
  return { call, request, size };
}

/**
 * The request elements of `messages.batches.create({ requests: [a, b, ...] })` when `requests` is an
 * array literal of two or more request objects (literals or consts naming them), in order; empty
 * otherwise (one request, a spread, a `.map(...)` template or a runtime value: one record sizes it).
 */
export function batchElementNodes(request: Node | undefined, ctx: AnalysisContext): Node[] {
  const requests = requestsOf(request, ctx);
  const literal = requests ? followToLiteral(requests.node, requests.st) : undefined;
  if (!literal || !Node.isArrayLiteralExpression(literal.node)) return [];
  const elements = literal.node.getElements();
  const objects = elements.filter((element) => {
    const obj = Node.isSpreadElement(element) ? undefined : followToLiteral(element, literal.st);
    return obj !== undefined && Node.isObjectLiteralExpression(obj.node);
  });
  return objects.length >= 2 && objects.length === elements.length ? elements : [];
}

/**
 * The detection line of a batch whose `requests` are a `.map(...)` template: one request shape per
 * item, and how many items when known; undefined for other batches.
 */
export function batchTemplateNote(request: Node | undefined, ctx: AnalysisContext): string | undefined {
  const requests = requestsOf(request, ctx);
  const template = requests ? mapTemplate(requests.node, requests.st) : undefined;
  if (!template) return undefined;
  const built = `\`requests\` is built by \`${template.size.expression}\`: one request shape repeated per item`;
  const count = template.size.candidates.length === 1 ? template.size.candidates[0].value : undefined;
  return count !== undefined
    ? `${built}, ${count} request${count === 1 ? '' : 's'} per submission`
    : `${built}; the number of items is known only at run time, so the requests per month come from the traffic set in tierwise.yml`;
}

function requestsOf(request: Node | undefined, ctx: AnalysisContext) {
  const st = initialState(ctx);
  const located = request ? followToLiteral(request, st) : undefined;
  if (!located || !Node.isObjectLiteralExpression(located.node)) return undefined;
  return readPath({ node: located.node, st: located.st }, 'requests');
}
