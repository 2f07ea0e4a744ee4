/**
 * Candidates from the type checker: when an expression's type is a string/number literal or a
 * union of them (`model: 'claude-haiku-4-5' | 'claude-sonnet-4-6'`), every member is a candidate.
 * `definedAt` points at the literal in the type annotation when it can be found.
 */
import { Node } from 'ts-morph';
import type { Type } from 'ts-morph';
import { makeStep } from './common';
import type { EvalState, Res, Value } from './common';
import type { Candidate, Span } from '../../model';
import { declarationOf, unwrap } from './symbols';
import { isUnresolvedType } from '../programs';

/** Literal-union candidates of `node`'s type, or undefined when the type is not a closed set. */
export function unionTypeCandidates(node: Node, st: EvalState): Res<Value> | undefined {
  const type = node.getType();
  // In the lean program a type from a package (an SDK's model-id union) is unresolved: the full program must decide.
  if (isUnresolvedType(type)) st.ctx.typeGap?.(node);
  const members = (type.isUnion() ? type.getUnionTypes() : [type]).filter((t) => !t.isUndefined() && !t.isNull());
  if (members.length === 0) return undefined;
  const values: Value[] = [];
  for (const member of members) {
    const value = literalOf(member);
    if (value === undefined) return undefined;
    values.push(value);
  }
  const typeNode = typeNodeFor(node);
  const step = makeStep('union-type', node, st, { note: `type \`${type.getText(node)}\`` });
  const candidates: Candidate<Value>[] = values.map((value) => ({
    value,
    via: [step],
    definedAt: literalSpan(typeNode, value, st) ?? (typeNode ? st.ctx.span(typeNode) : st.ctx.span(node)),
  }));
  return { candidates, unknown: [] };
}

function literalOf(type: Type): Value | undefined {
  if (type.isStringLiteral() || type.isNumberLiteral()) {
    const value = type.getLiteralValue();
    return typeof value === 'string' || typeof value === 'number' ? value : undefined;
  }
  if (type.isBooleanLiteral()) return type.getText() === 'true';
  return undefined;
}

/** The written type annotation that gives `node` its type (parameter, variable, property, return). */
function typeNodeFor(node: Node): Node | undefined {
  const target = unwrap(node);
  let decl: Node | undefined;
  if (Node.isIdentifier(target)) decl = declarationOf(target);
  else if (Node.isPropertyAccessExpression(target)) decl = declarationOf(target.getNameNode());
  else if (Node.isCallExpression(target)) {
    const callee = unwrap(target.getExpression());
    const fn = Node.isPropertyAccessExpression(callee) ? declarationOf(callee.getNameNode()) : declarationOf(callee);
    if (fn && (Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn) || Node.isMethodSignature(fn))) return fn.getReturnTypeNode();
    return undefined;
  }
  if (
    decl &&
    (Node.isParameterDeclaration(decl) || Node.isVariableDeclaration(decl) || Node.isPropertySignature(decl) || Node.isPropertyDeclaration(decl))
  ) {
    return decl.getTypeNode();
  }
  return undefined;
}

/** Finds the literal type node written for `value`, following type aliases a few levels. */
function literalSpan(typeNode: Node | undefined, value: Value, st: EvalState, depth = 0): Span | undefined {
  if (!typeNode || depth > 4) return undefined;
  for (const literal of [typeNode, ...typeNode.getDescendants()]) {
    if (Node.isLiteralTypeNode(literal)) {
      const inner = literal.getLiteral();
      const text = Node.isStringLiteral(inner) ? inner.getLiteralValue() : Node.isNumericLiteral(inner) ? inner.getLiteralValue() : undefined;
      if (text === value) return st.ctx.span(inner);
    }
    if (Node.isTypeReference(literal)) {
      const alias = declarationOf(literal.getTypeName());
      if (alias && Node.isTypeAliasDeclaration(alias)) {
        const found = literalSpan(alias.getTypeNode(), value, st, depth + 1);
        if (found) return found;
      }
    }
  }
  return undefined;
}
