/**
 * Navigating statically known object and array literals: follow an expression (identifiers,
 * consts across files, bound parameters, nested properties, `as const`, `satisfies`) to the literal
 * that defines it, and read a property the way JavaScript would (last assignment or spread wins).
 */
import { Node } from 'ts-morph';
import type { ArrayLiteralExpression, ObjectLiteralExpression } from 'ts-morph';
import { enter } from './common';
import type { EvalState } from './common';
import { declarationOf, unwrap } from './symbols';
import { evaluate } from './evaluate';

/** A node together with the state (bindings) its sub-expressions must be resolved in. */
export interface Located<N extends Node = Node> {
  node: N;
  st: EvalState;
}

/** Follows `node` to the object or array literal that defines it, or undefined. */
export function followToLiteral(node: Node, st: EvalState): Located<ObjectLiteralExpression | ArrayLiteralExpression> | undefined {
  const target = unwrap(node);
  if (Node.isObjectLiteralExpression(target) || Node.isArrayLiteralExpression(target)) return { node: target, st };
  const next = enter(node, st);
  if (typeof next === 'string') return undefined;
  if (Node.isIdentifier(target)) return followIdentifier(target, next);
  if (Node.isPropertyAccessExpression(target) || Node.isElementAccessExpression(target)) {
    const key = accessKey(target, next);
    const owner = key === undefined ? undefined : followToLiteral(target.getExpression(), next);
    if (owner === undefined || key === undefined) return undefined;
    const member = memberOf(owner, key);
    return member ? followToLiteral(member.node, member.st) : undefined;
  }
  return undefined;
}

function followIdentifier(identifier: Node, st: EvalState): Located<ObjectLiteralExpression | ArrayLiteralExpression> | undefined {
  const decl = declarationOf(identifier);
  if (!decl) return undefined;
  if (Node.isVariableDeclaration(decl)) {
    const init = decl.getInitializer();
    return init ? followToLiteral(init, st) : undefined;
  }
  if (Node.isParameterDeclaration(decl)) {
    const bound = st.bindings?.lookup(decl);
    if (bound?.argument) return followToLiteral(bound.argument, { ...st, bindings: bound.outer });
    const init = decl.getInitializer();
    return init ? followToLiteral(init, st) : undefined;
  }
  if (Node.isBindingElement(decl)) {
    const value = bindingElementValue(decl, st);
    return value ? followToLiteral(value.node, value.st) : undefined;
  }
  if (Node.isPropertyAssignment(decl)) {
    const init = decl.getInitializer();
    return init ? followToLiteral(init, st) : undefined;
  }
  return undefined;
}

/**
 * The expression a destructured name stands for: `const { fast } = MODELS` or a destructured
 * parameter `({ model }: Options)` bound at a caller. Falls back to the element's default.
 */
export function bindingElementValue(element: Node, st: EvalState): Located | undefined {
  if (!Node.isBindingElement(element)) return undefined;
  const pattern = element.getParent();
  const holder = pattern.getParent();
  const key = element.getPropertyNameNode()?.getText() ?? element.getName();
  let source: Located | undefined;
  if (Node.isParameterDeclaration(holder)) {
    const bound = st.bindings?.lookup(holder);
    if (bound?.argument) source = { node: bound.argument, st: { ...st, bindings: bound.outer } };
  } else if (Node.isVariableDeclaration(holder)) {
    const init = holder.getInitializer();
    if (init) source = { node: init, st };
  }
  if (source && Node.isObjectBindingPattern(pattern)) {
    const owner = followToLiteral(source.node, source.st);
    const member = owner ? memberOf(owner, key) : undefined;
    if (member) return member;
  }
  if (source && Node.isArrayBindingPattern(pattern)) {
    const owner = followToLiteral(source.node, source.st);
    const member = owner ? memberOf(owner, String(pattern.getElements().indexOf(element))) : undefined;
    if (member) return member;
  }
  const init = element.getInitializer();
  return init ? { node: init, st } : undefined;
}

/** The key of `a.b` or `a['b']` / `a[KEY]` when statically known. */
export function accessKey(node: Node, st: EvalState): string | undefined {
  if (Node.isPropertyAccessExpression(node)) return node.getName();
  if (!Node.isElementAccessExpression(node)) return undefined;
  const arg = node.getArgumentExpression();
  if (!arg) return undefined;
  const res = evaluate(arg, st);
  if (res.unknown.length > 0 || res.candidates.length !== 1) return undefined;
  return String(res.candidates[0].value);
}

/** A member of an object literal (by name) or array literal (by index). */
export function memberOf(owner: Located<ObjectLiteralExpression | ArrayLiteralExpression>, key: string): Located | undefined {
  if (Node.isArrayLiteralExpression(owner.node)) {
    const index = Number(key);
    const elements = owner.node.getElements();
    if (!Number.isInteger(index) || elements.some((e) => Node.isSpreadElement(e))) return undefined;
    const element = elements[index];
    return element ? { node: element, st: owner.st } : undefined;
  }
  return propertyIn(owner.node, key, owner.st);
}

/** Reads property `name` of an object literal: assignments, shorthand, spreads; last one wins. */
export function propertyIn(obj: ObjectLiteralExpression, name: string, st: EvalState): Located | undefined {
  let found: Located | undefined;
  for (const prop of obj.getProperties()) {
    if (Node.isPropertyAssignment(prop)) {
      if (propertyName(prop.getNameNode(), st) === name) found = { node: prop.getInitializerOrThrow(), st };
    } else if (Node.isShorthandPropertyAssignment(prop)) {
      if (prop.getName() === name) found = { node: prop.getNameNode(), st };
    } else if (Node.isSpreadAssignment(prop)) {
      const spread = followToLiteral(prop.getExpression(), st);
      if (spread && Node.isObjectLiteralExpression(spread.node)) {
        found = propertyIn(spread.node, name, spread.st) ?? found;
      }
    } else if (Node.isMethodDeclaration(prop) && prop.getName() === name) {
      found = { node: prop, st };
    }
  }
  return found;
}

function propertyName(nameNode: Node, st: EvalState): string | undefined {
  if (Node.isIdentifier(nameNode) || Node.isPrivateIdentifier(nameNode)) return nameNode.getText();
  if (Node.isStringLiteral(nameNode) || Node.isNoSubstitutionTemplateLiteral(nameNode)) return nameNode.getLiteralValue();
  if (Node.isNumericLiteral(nameNode)) return String(nameNode.getLiteralValue());
  if (Node.isComputedPropertyName(nameNode)) {
    const res = evaluate(nameNode.getExpression(), st);
    return res.candidates.length === 1 && res.unknown.length === 0 ? String(res.candidates[0].value) : undefined;
  }
  return undefined;
}
