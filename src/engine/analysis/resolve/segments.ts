/**
 * Prompt text as static segments plus named holes. Follows the same paths as value resolution
 * (consts across files, bound parameters, object properties, `.join()` of literal arrays, files read
 * from the repository) but, unlike it, keeps the dynamic parts as holes instead of giving up.
 */
import { Node, SyntaxKind } from 'ts-morph';
import type { CallExpression } from 'ts-morph';
import type { PromptSegment } from '../../model';
import { enter, exprText } from './common';
import type { EvalState } from './common';
import { declarationOf, unwrap } from './symbols';
import { bindingElementValue, followToLiteral, memberOf, accessKey } from './objects';
import { evaluate } from './evaluate';
import { evalFileRead, isFileRead } from './calls';

type SourceKind = 'inline' | 'const';

/** A named hole for a dynamic expression. The name is the expression as written (`ticket.body`). */
export function hole(node: Node, st: EvalState): PromptSegment {
  return { kind: 'hole', name: exprText(unwrap(node)), expression: exprText(node), span: st.ctx.span(node) };
}

function text(value: string, node: Node, st: EvalState, source: SourceKind): PromptSegment {
  return { kind: 'text', text: value, source: { kind: source, span: st.ctx.span(node) } };
}

/** The segments of a prompt expression; never fails (what is not static becomes a hole). */
export function segmentsOf(node: Node, st: EvalState, source: SourceKind = 'inline'): PromptSegment[] {
  const next = enter(node, st);
  if (typeof next === 'string') return [hole(node, st)];
  const target = unwrap(node);
  if (Node.isStringLiteral(target) || Node.isNoSubstitutionTemplateLiteral(target)) return [text(target.getLiteralValue(), target, next, source)];
  if (Node.isTemplateExpression(target)) {
    const out: PromptSegment[] = [text(target.getHead().getLiteralText(), target.getHead(), next, source)];
    for (const span of target.getTemplateSpans()) {
      out.push(...segmentsOf(span.getExpression(), next, source));
      out.push(text(span.getLiteral().getLiteralText(), span.getLiteral(), next, source));
    }
    return out.filter((s) => s.kind === 'hole' || s.text !== '');
  }
  if (Node.isBinaryExpression(target) && target.getOperatorToken().getKind() === SyntaxKind.PlusToken) {
    return [...segmentsOf(target.getLeft(), next, source), ...segmentsOf(target.getRight(), next, source)];
  }
  if (Node.isIdentifier(target)) return identifierSegments(target, next, source);
  if (Node.isPropertyAccessExpression(target) || Node.isElementAccessExpression(target)) return accessSegments(target, next);
  if (Node.isCallExpression(target)) return callSegments(target, next, source);
  return staticOrHole(target, next);
}

function identifierSegments(node: Node, st: EvalState, source: SourceKind): PromptSegment[] {
  const decl = declarationOf(node);
  if (decl && Node.isVariableDeclaration(decl)) {
    const init = decl.getInitializer();
    const isConst = decl.getVariableStatement()?.getDeclarationKind() === 'const';
    if (init && isConst) return segmentsOf(init, st, 'const');
  }
  if (decl && Node.isParameterDeclaration(decl)) {
    const bound = st.bindings?.lookup(decl);
    if (bound?.argument) return segmentsOf(bound.argument, { ...st, bindings: bound.outer }, 'inline');
    const init = decl.getInitializer();
    return init ? segmentsOf(init, st, source) : [hole(node, st)];
  }
  if (decl && Node.isBindingElement(decl)) {
    const value = bindingElementValue(decl, st);
    return value ? segmentsOf(value.node, value.st, source) : [hole(node, st)];
  }
  return staticOrHole(node, st);
}

function accessSegments(node: Node, st: EvalState): PromptSegment[] {
  if (!Node.isPropertyAccessExpression(node) && !Node.isElementAccessExpression(node)) return [hole(node, st)];
  const key = accessKey(node, st);
  const owner = key === undefined ? undefined : followToLiteral(node.getExpression(), st);
  const member = owner && key !== undefined ? memberOf(owner, key) : undefined;
  if (member) return segmentsOf(member.node, member.st, 'const');
  return staticOrHole(node, st);
}

function callSegments(call: CallExpression, st: EvalState, source: SourceKind): PromptSegment[] {
  if (isFileRead(call)) {
    const res = evalFileRead(call, st);
    const found = res.candidates[0];
    if (!found) return [hole(call, st)];
    return [{ kind: 'text', text: String(found.value), source: { kind: 'file', span: found.definedAt, path: found.definedAt.file } }];
  }
  const callee = unwrap(call.getExpression());
  if (Node.isPropertyAccessExpression(callee) && callee.getName() === 'join') {
    const array = followToLiteral(callee.getExpression(), st);
    const sepArg = call.getArguments()[0];
    const sep = sepArg ? evaluate(sepArg, st) : undefined;
    const separator = sep === undefined ? ',' : sep.candidates.length === 1 && sep.unknown.length === 0 ? String(sep.candidates[0].value) : undefined;
    if (array && Node.isArrayLiteralExpression(array.node) && separator !== undefined) {
      const out: PromptSegment[] = [];
      array.node.getElements().forEach((element, index) => {
        if (index > 0 && separator) out.push({ kind: 'text', text: separator, source: { kind: source } });
        out.push(...(Node.isSpreadElement(element) ? [hole(element, array.st)] : segmentsOf(element, array.st, source)));
      });
      return out;
    }
    return [hole(callee.getExpression(), st)];
  }
  return staticOrHole(call, st);
}

/** A single statically known string becomes text (from a const/config); anything else a hole. */
function staticOrHole(node: Node, st: EvalState): PromptSegment[] {
  const res = evaluate(node, st);
  if (res.unknown.length === 0 && res.candidates.length === 1 && typeof res.candidates[0].value === 'string') {
    const c = res.candidates[0];
    return [{ kind: 'text', text: c.value as string, source: { kind: 'const', span: c.definedAt } }];
  }
  return [hole(node, st)];
}

/** Concatenated static text of segments (holes left out). */
export function staticText(segments: PromptSegment[]): string {
  return segments.map((s) => (s.kind === 'text' ? s.text : '')).join('');
}
