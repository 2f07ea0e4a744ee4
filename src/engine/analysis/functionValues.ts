/**
 * Which workspace functions a callee can be, so a client made by a factory is traced through what
 * the factory returns. Beyond `function make()` and `const make = () => ...` this covers what real
 * libraries write: a class field holding a factory (`this.createClient = fields.createClient ??
 * ((o) => new Anthropic(o))`, LangChain's ChatAnthropic), fields assigned in the constructor of a
 * JavaScript class without a field declaration, and `??`/`||`/`?:` between a caller-supplied
 * function and a default one (the default is the one the code can show).
 */
import { Node } from 'ts-morph';
import type { Symbol as MorphSymbol } from 'ts-morph';
import { unwrap } from './resolve/symbols';

/** Removes parentheses, type assertions, `!` and `await` around an expression (the resolver's `unwrap`). */
export const stripExpression = unwrap;

/** The function-like nodes a callee may refer to (declarations, initialisers, assigned values). */
export function functionsOf(callee: Node): Node[] {
  const target = stripExpression(callee);
  const nameNode = Node.isPropertyAccessExpression(target) ? target.getNameNode() : target;
  if (!Node.isIdentifier(nameNode) && !Node.isPrivateIdentifier(nameNode)) return [];
  const symbol = followAliases(nameNode.getSymbol());
  const out: Node[] = [];
  for (const decl of symbol?.getDeclarations() ?? []) {
    if (Node.isFunctionDeclaration(decl) || Node.isMethodDeclaration(decl)) out.push(decl);
    else if (Node.isVariableDeclaration(decl) || Node.isPropertyAssignment(decl)) out.push(...functionValues(decl.getInitializer()));
    else if (Node.isPropertyDeclaration(decl)) {
      out.push(...functionValues(decl.getInitializer()));
      for (const value of assignedToThis(decl.getName(), decl)) out.push(...functionValues(value));
    } else {
      const assigned = expandoAssignment(decl);
      if (assigned) out.push(...functionValues(assigned));
    }
  }
  return [...new Set(out)];
}

/** The function expressions an expression can evaluate to (through `??`, `||`, `&&`, `?:`). */
export function functionValues(expr: Node | undefined): Node[] {
  if (!expr) return [];
  const node = stripExpression(expr);
  if (Node.isArrowFunction(node) || Node.isFunctionExpression(node)) return [node];
  if (Node.isConditionalExpression(node)) return [...functionValues(node.getWhenTrue()), ...functionValues(node.getWhenFalse())];
  if (Node.isBinaryExpression(node) && ['??', '||', '&&'].includes(node.getOperatorToken().getText())) {
    return [...functionValues(node.getLeft()), ...functionValues(node.getRight())];
  }
  return [];
}

/** Right-hand sides of `this.<name> = value` inside the class that declares `member`. */
export function assignedToThis(name: string, member: Node): Node[] {
  const cls = member.getFirstAncestor((n) => Node.isClassDeclaration(n) || Node.isClassExpression(n));
  if (!cls) return [];
  const out: Node[] = [];
  cls.forEachDescendant((child) => {
    if (!Node.isBinaryExpression(child) || child.getOperatorToken().getText() !== '=') return;
    const left = child.getLeft();
    if (Node.isPropertyAccessExpression(left) && Node.isThisExpression(left.getExpression()) && left.getName() === name) out.push(child.getRight());
  });
  return out;
}

/**
 * For a JavaScript member declared only by assignment (`this.client = new OpenAI()` in a
 * constructor, no field declaration): the assigned value, else undefined.
 */
export function expandoAssignment(decl: Node): Node | undefined {
  const access = Node.isBinaryExpression(decl) ? decl.getLeft() : decl;
  const parent = access.getParent();
  if (!Node.isPropertyAccessExpression(access) || !parent || !Node.isBinaryExpression(parent)) return undefined;
  if (parent.getLeft() !== access || parent.getOperatorToken().getText() !== '=') return undefined;
  return parent.getRight();
}

/** Returned expressions of a function (not of functions nested in it); an arrow's expression body. */
export function returnedExpressions(fn: Node): Node[] {
  if (Node.isArrowFunction(fn)) {
    const body = fn.getBody();
    if (!Node.isBlock(body)) return [body];
  }
  const out: Node[] = [];
  fn.forEachDescendant((child, traversal) => {
    if (child !== fn && (Node.isFunctionDeclaration(child) || Node.isFunctionExpression(child) || Node.isArrowFunction(child) || Node.isClassDeclaration(child))) {
      traversal.skip();
      return;
    }
    if (Node.isReturnStatement(child)) {
      const expr = child.getExpression();
      if (expr) out.push(expr);
    }
  });
  return out;
}

function followAliases(symbol: MorphSymbol | undefined): MorphSymbol | undefined {
  if (!symbol?.isAlias()) return symbol;
  return symbol.getAliasedSymbol() ?? symbol;
}
