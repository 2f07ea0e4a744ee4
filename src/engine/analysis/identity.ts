/**
 * Stable call-site identities: `relative/path.ts#EnclosingDecl#ordinal`, where the ordinal counts
 * SDK calls within the same enclosing declaration in source order. Adding lines above, or another
 * function elsewhere in the file, leaves the id unchanged (no line numbers in it).
 *
 * A call carrying several requests (an Anthropic batch of several request literals) gets one id per
 * request: the first keeps the call's id, request `i` (0-based, i >= 1) gets `<call id>.<i>`
 * (`src/jobs.ts#nightly#0`, `src/jobs.ts#nightly#0.1`, ...). The ordinal of later calls in the same
 * declaration is unchanged: the batch counts once.
 */
import { Node } from 'ts-morph';

/** The readable name of the declaration enclosing `node`: `TicketService.classify`, `complete`, or `<module>`. */
export function enclosingName(node: Node): string {
  for (let current = node.getParent(); current; current = current.getParent()) {
    const name = declarationName(current);
    if (name) return name;
  }
  return '<module>';
}

function className(node: Node): string {
  const cls = node.getFirstAncestor((n) => Node.isClassDeclaration(n) || Node.isClassExpression(n));
  if (!cls || !(Node.isClassDeclaration(cls) || Node.isClassExpression(cls))) return '<class>';
  const own = cls.getName();
  if (own) return own;
  const holder = cls.getParent();
  return holder && Node.isVariableDeclaration(holder) ? holder.getName() : '<class>';
}

function declarationName(node: Node): string | undefined {
  if (Node.isFunctionDeclaration(node)) return node.getName() ?? 'default';
  if (Node.isMethodDeclaration(node) || Node.isGetAccessorDeclaration(node) || Node.isSetAccessorDeclaration(node)) {
    const owner = node.getParent();
    if (owner && Node.isObjectLiteralExpression(owner)) return qualifiedObjectMember(owner, node.getName());
    return `${className(node)}.${node.getName()}`;
  }
  if (Node.isConstructorDeclaration(node)) return `${className(node)}.constructor`;
  if (Node.isPropertyDeclaration(node)) return `${className(node)}.${node.getName()}`;
  if (Node.isArrowFunction(node) || Node.isFunctionExpression(node)) {
    const parent = node.getParent();
    // A function-local helper (`const run = async () => ...` inside a method) is named under its
    // owner, so two methods' helpers of the same name stay apart: `Chat.completionWithRetry.run`.
    if (parent && Node.isVariableDeclaration(parent)) {
      const outer = enclosingName(parent);
      return outer === '<module>' ? parent.getName() : `${outer}.${parent.getName()}`;
    }
    if (parent && Node.isPropertyAssignment(parent)) {
      const owner = parent.getParent();
      return owner && Node.isObjectLiteralExpression(owner) ? qualifiedObjectMember(owner, parent.getName()) : parent.getName();
    }
    if (Node.isFunctionExpression(node) && node.getName()) return node.getName();
    return undefined; // an anonymous callback: the enclosing declaration names it
  }
  return undefined;
}

/** `handlers.classify` for a method of `const handlers = { classify() {...} }`. */
function qualifiedObjectMember(owner: Node, member: string): string {
  const holder = owner.getParent();
  if (holder && Node.isVariableDeclaration(holder)) return `${holder.getName()}.${member}`;
  const outer = holder ? declarationName(holder) : undefined;
  return outer ? `${outer}.${member}` : member;
}

/**
 * Ids for the calls of one file, in the order given: ordinals count per enclosing name in source
 * order (position), so the result does not depend on the order of `calls`.
 */
export function assignIds(relativePath: string, calls: readonly Node[]): string[] {
  const named = calls.map((call) => ({ call, name: enclosingName(call), pos: call.getStart() }));
  return named.map(({ name, pos }) => {
    const ordinal = named.filter((other) => other.name === name && other.pos < pos).length;
    return `${relativePath}#${name}#${ordinal}`;
  });
}

/** The id of request `index` (0-based) of a call carrying several: the call's id for the first, `<id>.<index>` after. */
export function elementId(callId: string, index: number): string {
  return index === 0 ? callId : `${callId}.${index}`;
}
