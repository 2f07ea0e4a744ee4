/**
 * The prompt of a request as `PromptShape`: system prompts (strings or text blocks with
 * `cache_control` markers), message arrays (objects, LangChain tuples and message classes, Gemini
 * `parts`), single-string prompts and embedding inputs. Message lists that are not statically
 * known (`messages: history`) become `unknown` entries with the reason.
 */
import { Node } from 'ts-morph';
import type { PromptPart, PromptSegment, PromptShape, UnknownValue } from '../../model';
import { exprText } from './common';
import type { EvalState } from './common';
import { followToLiteral, propertyIn } from './objects';
import { hole, segmentsOf, staticText } from './segments';
import { evaluate } from './evaluate';
import { unwrap } from './symbols';

type Role = PromptPart['role'];

const ROLE_NAMES: Record<string, Role> = {
  system: 'system', developer: 'developer', user: 'user', human: 'user', assistant: 'assistant', ai: 'assistant',
  model: 'assistant', tool: 'tool', function: 'tool', placeholder: 'user',
};
const MESSAGE_CLASSES: Record<string, Role> = {
  SystemMessage: 'system', HumanMessage: 'user', AIMessage: 'assistant', ToolMessage: 'tool', ChatMessage: 'user',
};

/** Accumulates a prompt in request order and remembers the static text before a cache marker. */
export class PromptBuilder {
  readonly parts: PromptPart[] = [];
  readonly unknown: UnknownValue[] = [];
  cache: { marked: boolean; cachedPrefixText?: string } | undefined;

  constructor(private readonly st: EvalState) {}

  /** The evaluation state the builder resolves in (the request's bindings). */
  get state(): EvalState {
    return this.st;
  }

  /** Adds one part. */
  add(role: Role, segments: PromptSegment[]): void {
    if (segments.length > 0) this.parts.push({ role, segments });
  }

  /** Records a `cache_control` marker after everything added so far. */
  markCache(): void {
    this.cache = { marked: true, cachedPrefixText: this.parts.map((p) => staticText(p.segments)).join('\n') };
  }

  /** Records a part that cannot be resolved. */
  unresolved(reason: string, node: Node): void {
    this.unknown.push({ reason, expression: exprText(node), span: this.st.ctx.span(node) });
  }

  /** The finished shape. */
  shape(): PromptShape {
    return { parts: this.parts, unknown: this.unknown };
  }
}

/** A system prompt: a string, or an array of text blocks (Anthropic) / `{ parts }` (Gemini). */
export function addSystem(b: PromptBuilder, node: Node, st: EvalState, role: Role = 'system'): void {
  addContent(b, role, node, st);
}

/** Message content: a string, an array of content blocks, or Gemini `{ parts: [...] }`. */
export function addContent(b: PromptBuilder, role: Role, node: Node, st: EvalState): void {
  const literal = followToLiteral(node, st);
  if (!literal) {
    b.add(role, segmentsOf(node, st));
    return;
  }
  if (Node.isObjectLiteralExpression(literal.node)) {
    addBlocks(b, role, [literal.node], literal.st);
    return;
  }
  addBlocks(b, role, literal.node.getElements(), literal.st);
}

function addBlocks(b: PromptBuilder, role: Role, blocks: Node[], st: EvalState): void {
  for (const block of blocks) {
    const obj = followToLiteral(block, st);
    if (!obj || !Node.isObjectLiteralExpression(obj.node)) {
      b.add(role, segmentsOf(block, st));
      continue;
    }
    const read = (name: string) => (obj.node && Node.isObjectLiteralExpression(obj.node) ? propertyIn(obj.node, name, obj.st) : undefined);
    const parts = read('parts');
    if (parts) {
      addContent(b, role, parts.node, parts.st);
      continue;
    }
    const textProp = read('text');
    const type = read('type');
    const typeName = type ? evaluate(type.node, type.st).candidates[0]?.value : undefined;
    if (textProp) b.add(role, segmentsOf(textProp.node, textProp.st));
    else if (typeof typeName === 'string' && /image|file|document|audio/.test(typeName)) b.add(role, [hole(block, st)]);
    else if (read('content')) addContent(b, role, read('content')!.node, obj.st);
    else b.unresolved(`content block \`${exprText(block)}\` has no statically known text`, block);
    if (read('cache_control')) b.markCache();
  }
}

/** A message list: object messages, `[role, text]` tuples, `new HumanMessage(...)`, spreads. */
export function addMessages(b: PromptBuilder, node: Node, st: EvalState, defaultRole: Role = 'user'): void {
  const literal = followToLiteral(node, st);
  if (!literal || !Node.isArrayLiteralExpression(literal.node)) {
    const target = unwrap(node);
    if (Node.isStringLiteral(target) || Node.isTemplateExpression(target) || Node.isNoSubstitutionTemplateLiteral(target)) {
      b.add(defaultRole, segmentsOf(node, st));
      return;
    }
    if (Node.isNewExpression(target)) {
      addMessage(b, target, st, defaultRole);
      return;
    }
    b.unresolved(`the message list \`${exprText(node)}\` is not a literal array (its contents are only known at run time)`, node);
    return;
  }
  for (const element of literal.node.getElements()) {
    if (Node.isSpreadElement(element)) {
      addMessages(b, element.getExpression(), literal.st, defaultRole);
      continue;
    }
    addMessage(b, element, literal.st, defaultRole);
  }
}

function addMessage(b: PromptBuilder, element: Node, st: EvalState, defaultRole: Role): void {
  const target = unwrap(element);
  if (Node.isNewExpression(target)) {
    const role = MESSAGE_CLASSES[target.getExpression().getText()];
    const arg = target.getArguments()[0];
    if (!role || !arg) {
      b.unresolved(`message \`${exprText(element)}\` is not a known message class`, element);
      return;
    }
    const obj = followToLiteral(arg, st);
    const content = obj && Node.isObjectLiteralExpression(obj.node) ? propertyIn(obj.node, 'content', obj.st) : undefined;
    addContent(b, role, content ? content.node : arg, content ? content.st : st);
    return;
  }
  const literal = followToLiteral(element, st);
  if (literal && Node.isArrayLiteralExpression(literal.node)) {
    const [roleNode, contentNode] = literal.node.getElements();
    const roleName = roleNode ? evaluate(roleNode, literal.st).candidates[0]?.value : undefined;
    const role = typeof roleName === 'string' ? ROLE_NAMES[roleName] : undefined;
    if (role && contentNode) addContent(b, role, contentNode, literal.st);
    else b.unresolved(`message tuple \`${exprText(element)}\` has no known role`, element);
    return;
  }
  if (literal && Node.isObjectLiteralExpression(literal.node)) {
    const roleProp = propertyIn(literal.node, 'role', literal.st);
    const roleName = roleProp ? evaluate(roleProp.node, roleProp.st).candidates[0]?.value : undefined;
    const role = typeof roleName === 'string' ? ROLE_NAMES[roleName] ?? defaultRole : defaultRole;
    const content = propertyIn(literal.node, 'content', literal.st) ?? propertyIn(literal.node, 'parts', literal.st);
    if (content) addContent(b, role, content.node, content.st);
    else b.unresolved(`message \`${exprText(element)}\` has no \`content\``, element);
    if (propertyIn(literal.node, 'cache_control', literal.st)) b.markCache();
    return;
  }
  const direct = unwrap(element);
  if (Node.isStringLiteral(direct) || Node.isTemplateExpression(direct) || Node.isNoSubstitutionTemplateLiteral(direct)) {
    b.add(defaultRole, segmentsOf(element, st));
    return;
  }
  b.unresolved(`message \`${exprText(element)}\` is not statically known`, element);
}
