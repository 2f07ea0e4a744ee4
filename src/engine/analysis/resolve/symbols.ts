/**
 * Following identifiers to what they mean with the type checker: through import aliases and
 * re-exports to declarations, and back to the module an import came from.
 */
import { Node } from 'ts-morph';
import type { Symbol as MorphSymbol } from 'ts-morph';

/** Strips parentheses, `as`/`satisfies`/`!`/`<T>` assertions and `await` (they do not change the value). */
export function unwrap(node: Node): Node {
  let current = node;
  for (;;) {
    if (
      Node.isParenthesizedExpression(current) ||
      Node.isAsExpression(current) ||
      Node.isSatisfiesExpression(current) ||
      Node.isNonNullExpression(current) ||
      Node.isTypeAssertion(current) ||
      Node.isAwaitExpression(current)
    ) {
      current = current.getExpression();
    } else {
      return current;
    }
  }
}

/** The symbol an identifier refers to (the value symbol for `{ model }` shorthand), aliases followed. */
export function targetSymbol(identifier: Node): MorphSymbol | undefined {
  const parent = identifier.getParent();
  let symbol: MorphSymbol | undefined;
  if (parent && Node.isShorthandPropertyAssignment(parent) && parent.getNameNode() === identifier) {
    symbol = parent.getValueSymbol();
  } else {
    symbol = identifier.getSymbol();
  }
  if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol() ?? symbol;
  return symbol;
}

/** The declaration an identifier (or property name) refers to, following imports and re-exports. */
export function declarationOf(node: Node): Node | undefined {
  const symbol = targetSymbol(node);
  if (!symbol) return undefined;
  return symbol.getValueDeclaration() ?? symbol.getDeclarations()[0];
}

/**
 * The module specifier a local binding was imported from (`import x from 'm'`, `import { x } from 'm'`,
 * `import * as x from 'm'`, `const x = require('m')`, `const { x } = require('m')`), or undefined.
 * Works without the module's types: it reads the local import declaration, not the resolved module.
 */
export function importedFrom(identifier: Node): string | undefined {
  const symbol = identifier.getSymbol();
  for (const decl of symbol?.getDeclarations() ?? []) {
    const importDecl = decl.getFirstAncestor(Node.isImportDeclaration);
    if (importDecl) return importDecl.getModuleSpecifierValue();
    const variable = Node.isVariableDeclaration(decl) ? decl : decl.getFirstAncestor(Node.isVariableDeclaration);
    const init = variable?.getInitializer();
    if (init && Node.isCallExpression(unwrap(init))) {
      const call = unwrap(init);
      if (Node.isCallExpression(call) && call.getExpression().getText() === 'require') {
        const arg = call.getArguments()[0];
        if (arg && Node.isStringLiteral(arg)) return arg.getLiteralValue();
      }
    }
  }
  return undefined;
}

/** The leftmost identifier of an access chain (`fs` in `fs.promises.readFile`). */
export function rootIdentifier(node: Node): Node | undefined {
  let current = unwrap(node);
  while (Node.isPropertyAccessExpression(current) || Node.isElementAccessExpression(current) || Node.isCallExpression(current)) {
    current = unwrap(current.getExpression());
  }
  return Node.isIdentifier(current) ? current : undefined;
}

/** A readable name of the function-like node that declares `param` (`complete`, `TicketService.classify`). */
export function functionName(fn: Node): string {
  if (Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn)) {
    const name = fn.getName() ?? '<anonymous>';
    const cls = fn.getFirstAncestor(Node.isClassDeclaration);
    return cls && Node.isMethodDeclaration(fn) ? `${cls.getName() ?? '<class>'}.${name}` : name;
  }
  if (Node.isConstructorDeclaration(fn)) {
    return `${fn.getFirstAncestor(Node.isClassDeclaration)?.getName() ?? '<class>'}.constructor`;
  }
  const parent = fn.getParent();
  if (parent && (Node.isVariableDeclaration(parent) || Node.isPropertyAssignment(parent) || Node.isPropertyDeclaration(parent))) {
    return parent.getName();
  }
  return '<anonymous function>';
}

/** True for `process.env.X`, `process.env['X']` and `import.meta.env.X`; returns the variable name. */
export function envVariable(node: Node): string | undefined {
  const target = unwrap(node);
  if (!Node.isPropertyAccessExpression(target) && !Node.isElementAccessExpression(target)) return undefined;
  const owner = unwrap(target.getExpression());
  if (!Node.isPropertyAccessExpression(owner) || owner.getName() !== 'env') return undefined;
  const base = unwrap(owner.getExpression());
  const isProcess = Node.isIdentifier(base) && base.getText() === 'process';
  const isImportMeta = Node.isMetaProperty(base);
  if (!isProcess && !isImportMeta) return undefined;
  if (Node.isPropertyAccessExpression(target)) return target.getName();
  const arg = target.getArgumentExpression();
  return arg && (Node.isStringLiteral(arg) || Node.isNoSubstitutionTemplateLiteral(arg)) ? arg.getLiteralValue() : `<computed>`;
}
