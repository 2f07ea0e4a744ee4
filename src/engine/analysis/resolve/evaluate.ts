/**
 * The static evaluator behind every resolution: turns an expression into the primitive values it
 * can take (each with the chain of hops that produced it and where it is written), or `unknown`
 * with a reason a user understands. Never guesses: a dead end is an unknown branch.
 */
import { Node, SyntaxKind } from 'ts-morph';
import type { ParameterDeclaration } from 'ts-morph';
import { enter, exprText, literalRes, makeStep, unknownRes, where, withStep } from './common';
import type { EvalState, Res, Value } from './common';
import { declarationOf, envVariable, functionName, unwrap } from './symbols';
import { accessKey, bindingElementValue, followToLiteral, memberOf } from './objects';
import { evalBinary, evalConditional, evalTemplate } from './operators';
import { evalCall } from './calls';
import { unionTypeCandidates } from './unionType';

/** Every value `node` can statically take. */
export function evaluate(node: Node, st: EvalState): Res<Value> {
  const next = enter(node, st);
  if (typeof next === 'string') return unknownRes(next, node, st);
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return literalRes<Value>(node.getLiteralValue(), node, next);
  if (Node.isNumericLiteral(node)) return literalRes<Value>(node.getLiteralValue(), node, next);
  if (node.getKind() === SyntaxKind.TrueKeyword || node.getKind() === SyntaxKind.FalseKeyword) {
    return literalRes<Value>(node.getKind() === SyntaxKind.TrueKeyword, node, next);
  }
  if (Node.isPrefixUnaryExpression(node) && node.getOperatorToken() === SyntaxKind.MinusToken) {
    const inner = evaluate(node.getOperand(), next);
    return { ...inner, candidates: inner.candidates.map((c) => ({ ...c, value: typeof c.value === 'number' ? -c.value : c.value })) };
  }
  const inner = Node.isShorthandPropertyAssignment(node) ? node.getNameNode() : unwrap(node);
  if (inner !== node) return evaluate(inner, next);
  if (Node.isIdentifier(node)) return evalIdentifier(node, next);
  if (Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node)) return evalAccess(node, next);
  if (Node.isTemplateExpression(node)) return evalTemplate(node, next);
  if (Node.isBinaryExpression(node)) return evalBinary(node, next);
  if (Node.isConditionalExpression(node)) return evalConditional(node, next);
  if (Node.isCallExpression(node)) return evalCall(node, next);
  return unknownRes(`\`${exprText(node)}\` (${node.getKindName()}) is not a statically known value`, node, st);
}

function evalIdentifier(node: Node, st: EvalState): Res<Value> {
  const name = node.getText();
  if (name === 'undefined') return unknownRes('the value is `undefined`', node, st);
  const decl = declarationOf(node);
  if (!decl) return fallbackOrUnknown(node, st, `\`${name}\` has no declaration TypeScript can find`);
  if (Node.isParameterDeclaration(decl)) return evalParameter(decl, node, st);
  if (Node.isVariableDeclaration(decl)) return evalVariable(decl, node, st);
  if (Node.isEnumMember(decl)) return evalEnumMember(decl, node, st);
  if (Node.isBindingElement(decl)) return evalBindingElement(decl, node, st);
  if (Node.isPropertyAssignment(decl) || Node.isShorthandPropertyAssignment(decl)) {
    const init = Node.isPropertyAssignment(decl) ? decl.getInitializer() : decl.getNameNode();
    if (init && init !== node) return withStep(evaluate(init, st), makeStep('object-property', node, st));
  }
  return fallbackOrUnknown(node, st, `\`${name}\` (${decl.getKindName()} at ${where(decl, st)}) is not a statically known value`);
}

function evalVariable(decl: Node, ref: Node, st: EvalState): Res<Value> {
  if (!Node.isVariableDeclaration(decl)) return unknownRes('not a variable', ref, st);
  const init = decl.getInitializer();
  const kind = decl.getVariableStatement()?.getDeclarationKind();
  if (!init) return fallbackOrUnknown(ref, st, `\`${decl.getName()}\` is declared without a value at ${where(decl, st)}`);
  if (kind !== 'const') {
    return fallbackOrUnknown(ref, st, `\`${decl.getName()}\` is declared with \`${kind ?? 'var'}\` and may be reassigned (declare it \`const\`)`);
  }
  const isLocal = decl.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a) || Node.isArrowFunction(a)) !== undefined;
  const note = `${isLocal ? 'local ' : ''}const ${decl.getName()} at ${where(decl, st)}`;
  return withStep(evaluate(init, st), makeStep('const', ref, st, { note }));
}

function evalEnumMember(decl: Node, ref: Node, st: EvalState): Res<Value> {
  if (!Node.isEnumMember(decl)) return unknownRes('not an enum member', ref, st);
  const step = makeStep('enum-member', ref, st, { note: `${decl.getParent().getName()}.${decl.getName()} at ${where(decl, st)}` });
  const init = decl.getInitializer();
  if (init) return withStep(evaluate(init, st), step);
  const value = decl.getValue();
  if (value === undefined) return unknownRes(`enum member \`${decl.getName()}\` has no constant value`, ref, st);
  return { candidates: [{ value, via: [step], definedAt: st.ctx.span(decl) }], unknown: [] };
}

function evalBindingElement(decl: Node, ref: Node, st: EvalState): Res<Value> {
  const value = bindingElementValue(decl, st);
  const holder = decl.getParent()?.getParent();
  if (value) {
    const kind = holder && Node.isParameterDeclaration(holder) && value.st !== st ? 'caller-argument' : 'object-property';
    return withStep(evaluate(value.node, value.st), makeStep(kind, ref, st, { note: `destructured at ${where(decl, st)}` }));
  }
  if (holder && Node.isParameterDeclaration(holder)) {
    const fn = functionName(holder.getParent());
    const reason = st.bindings
      ? `property \`${ref.getText()}\` of the options parameter of \`${fn}\` is not passed by the caller and has no default`
      : `property \`${ref.getText()}\` of the options parameter of \`${fn}\` has no default and no caller was found`;
    return fallbackOrUnknown(ref, st, reason);
  }
  return fallbackOrUnknown(ref, st, `destructured \`${ref.getText()}\` cannot be traced to a statically known object`);
}

/** A parameter: the caller's argument (bindings), else its default, else its literal-union type. */
export function evalParameter(param: ParameterDeclaration, ref: Node, st: EvalState): Res<Value> {
  const fn = functionName(param.getParent());
  const bound = st.bindings?.lookup(param);
  if (bound?.argument) {
    const note = `argument of \`${fn}\` passed at ${where(bound.argument, st)}`;
    const step = { ...makeStep('caller-argument', bound.argument, st, { note }) };
    return withStep(evaluate(bound.argument, { ...st, bindings: bound.outer }), step);
  }
  const init = param.getInitializer();
  if (init) return withStep(evaluate(init, st), makeStep('parameter-default', ref, st, { note: `default of parameter \`${param.getName()}\` of \`${fn}\`` }));
  const reason = bound
    ? `parameter \`${param.getName()}\` of \`${fn}\` has no default and the caller at ${where(param, st)} passes no argument`
    : parameterReason(param.getName(), fn);
  return fallbackOrUnknown(ref, st, reason);
}

/** The reason given for an unbound parameter (wrappers.ts rewrites it once callers are known). */
export function parameterReason(param: string, fn: string): string {
  return `parameter \`${param}\` of \`${fn}\` has no default and no caller was found`;
}

function evalAccess(node: Node, st: EvalState): Res<Value> {
  if (!Node.isPropertyAccessExpression(node) && !Node.isElementAccessExpression(node)) return unknownRes('not an access', node, st);
  const envVar = envVariable(node);
  if (envVar) return unknownRes(`environment variable \`${envVar}\` is read without a default in code`, node, st);
  const decl = Node.isPropertyAccessExpression(node) ? declarationOf(node.getNameNode()) : undefined;
  if (decl && Node.isEnumMember(decl)) return evalEnumMember(decl, node, st);
  const key = accessKey(node, st);
  if (key === undefined) return fallbackOrUnknown(node, st, `the key of \`${exprText(node)}\` is not statically known`);
  const owner = followToLiteral(node.getExpression(), st);
  const member = owner ? memberOf(owner, key) : undefined;
  const step = makeStep('object-property', node, st);
  if (member) return withStep(evaluate(member.node, member.st), step);
  if (decl && (Node.isPropertyAssignment(decl) || Node.isPropertyDeclaration(decl))) {
    const isStaticReadonly = Node.isPropertyDeclaration(decl) && decl.isStatic() && decl.isReadonly();
    const init = decl.getInitializer();
    if (init && (Node.isPropertyAssignment(decl) || isStaticReadonly)) return withStep(evaluate(init, st), step);
  }
  const reason = owner
    ? `\`${exprText(node.getExpression())}\` has no property \`${key}\``
    : `\`${exprText(node)}\` reads a property of \`${exprText(node.getExpression())}\`, which is not a statically known object`;
  return fallbackOrUnknown(node, st, reason);
}

/** At a dead end, the checker's literal-union type (`'a' | 'b'`) still lists the candidates. */
export function fallbackOrUnknown(node: Node, st: EvalState, reason: string): Res<Value> {
  const fromType = unionTypeCandidates(node, st);
  return fromType ?? unknownRes(reason, node, st);
}
