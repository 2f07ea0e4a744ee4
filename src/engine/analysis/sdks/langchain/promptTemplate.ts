/**
 * LangChain prompt templates as prompt parts: `ChatPromptTemplate.fromMessages([...])`,
 * `ChatPromptTemplate.fromTemplate(text)`, `PromptTemplate.fromTemplate(text)`, `new
 * PromptTemplate({ template })` and the `*MessagePromptTemplate.fromTemplate(text)` entries of a
 * message list. Template variables (`{question}` in f-string templates, `{{question}}` with
 * `templateFormat: 'mustache'`) take the value the chain input gives them when it is statically
 * known, else they stay holes named after the variable. `MessagesPlaceholder` entries and
 * `['placeholder', '{history}']` tuples take a literal message list from the input, else they are
 * reported unknown.
 */
import { Node } from 'ts-morph';
import type { PromptPart, PromptSegment } from '../../../model';
import { exprText } from '../../resolve/common';
import type { EvalState } from '../../resolve/common';
import { followToLiteral, propertyIn } from '../../resolve/objects';
import type { Located } from '../../resolve/objects';
import { addContent, addMessages } from '../../resolve/prompt';
import type { PromptBuilder } from '../../resolve/prompt';
import { evaluate } from '../../resolve/evaluate';
import { segmentsOf } from '../../resolve/segments';
import { unwrap } from '../../resolve/symbols';

type Role = PromptPart['role'];

/** Which template variables the chain input supplies (see `TemplateFields`). */
export interface TemplateVariables {
  /** The input is an object whose properties fill the variables of the same name (`invoke({ question })`). */
  properties: boolean;
  /** Variables bound to the whole input (a `RunnablePassthrough` branch of a map before the prompt). */
  whole: string[];
}

/** A prompt template step of a chain and the input that fills it. */
export interface TemplateFields {
  /** The expression creating the template (`ChatPromptTemplate.fromMessages([...])`). */
  node: Node;
  variables: TemplateVariables;
}

const TUPLE_ROLES: Record<string, Role> = { system: 'system', human: 'user', user: 'user', ai: 'assistant', assistant: 'assistant', developer: 'developer', tool: 'tool' };
const TEMPLATE_CLASSES: Record<string, Role> = {
  ChatPromptTemplate: 'user',
  PromptTemplate: 'user',
  HumanMessagePromptTemplate: 'user',
  SystemMessagePromptTemplate: 'system',
  AIMessagePromptTemplate: 'assistant',
};
const MESSAGE_CLASSES: Record<string, Role> = { SystemMessage: 'system', HumanMessage: 'user', AIMessage: 'assistant', ToolMessage: 'tool' };

type Lookup = (name: string) => Located | undefined;

/** The class a template-creating expression is called on (`ChatPromptTemplate` in `ChatPromptTemplate.fromMessages(...)`). */
export function templateFactory(node: Node): { className: string; method: string } | undefined {
  const target = unwrap(node);
  if (Node.isNewExpression(target)) {
    const className = target.getExpression().getText().split('.').pop() ?? '';
    return className in TEMPLATE_CLASSES ? { className, method: 'new' } : undefined;
  }
  if (!Node.isCallExpression(target)) return undefined;
  const callee = unwrap(target.getExpression());
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const className = callee.getExpression().getText().split('.').pop() ?? '';
  const method = callee.getName();
  return className in TEMPLATE_CLASSES && (method === 'fromTemplate' || method === 'fromMessages') ? { className, method } : undefined;
}

/** Adds the parts of the template created at `template.node`, its variables filled from `input` where known. */
export function addPromptTemplate(b: PromptBuilder, template: TemplateFields, input: Located | undefined, st: EvalState): void {
  const node = unwrap(template.node);
  const factory = templateFactory(node);
  if (!factory || !(Node.isCallExpression(node) || Node.isNewExpression(node))) {
    b.unresolved(`the prompt template \`${exprText(template.node)}\` is not one Tierwise can read`, template.node);
    return;
  }
  const [first, options] = node.getArguments();
  const optionsObj = options ? followToLiteral(options, st) : undefined;
  const lookup = variableLookup(template.variables, input, optionsObj);
  if (factory.method === 'new') {
    // `new PromptTemplate({ template, templateFormat, partialVariables })`
    const fields = first ? followToLiteral(first, st) : undefined;
    const text = fields && Node.isObjectLiteralExpression(fields.node) ? propertyIn(fields.node, 'template', fields.st) : undefined;
    if (!text || !fields) {
      b.unresolved(`the prompt template \`${exprText(template.node)}\` has no statically known \`template\``, template.node);
      return;
    }
    addTemplateText(b, TEMPLATE_CLASSES[factory.className], text, mustache(fields), variableLookup(template.variables, input, fields));
    return;
  }
  if (!first) return;
  if (factory.method === 'fromTemplate') {
    addTemplateText(b, TEMPLATE_CLASSES[factory.className], { node: first, st }, mustache(optionsObj), lookup);
    return;
  }
  const list = followToLiteral(first, st);
  if (!list || !Node.isArrayLiteralExpression(list.node)) {
    b.unresolved(`the message list \`${exprText(first)}\` of the prompt template is not a literal array`, first);
    return;
  }
  for (const entry of list.node.getElements()) addTemplateMessage(b, entry, list.st, mustache(optionsObj), lookup);
}

/** One entry of `fromMessages([...])`. */
function addTemplateMessage(b: PromptBuilder, entry: Node, st: EvalState, isMustache: boolean, lookup: Lookup): void {
  const target = unwrap(entry);
  if (Node.isNewExpression(target)) {
    const className = target.getExpression().getText().split('.').pop() ?? '';
    const arg = target.getArguments()[0];
    if (className === 'MessagesPlaceholder') {
      addPlaceholder(b, arg ? placeholderName(arg, st) : undefined, entry, lookup);
      return;
    }
    const role = MESSAGE_CLASSES[className];
    if (role && arg) {
      // A message instance is sent as written (not templated).
      const obj = followToLiteral(arg, st);
      const content = obj && Node.isObjectLiteralExpression(obj.node) ? propertyIn(obj.node, 'content', obj.st) : undefined;
      addContent(b, role, content ? content.node : arg, content ? content.st : st);
      return;
    }
  }
  const nested = templateFactory(target);
  if (nested && nested.method === 'fromTemplate' && Node.isCallExpression(target)) {
    const text = target.getArguments()[0];
    if (text) addTemplateText(b, TEMPLATE_CLASSES[nested.className], { node: text, st }, isMustache, lookup);
    return;
  }
  const literal = followToLiteral(entry, st);
  if (literal && Node.isArrayLiteralExpression(literal.node)) {
    const [roleNode, content] = literal.node.getElements();
    const roleName = roleNode ? evaluate(roleNode, literal.st).candidates[0]?.value : undefined;
    if (roleName === 'placeholder' && content) {
      const name = singleString(content, literal.st)?.replace(/^\{+|\}+$/g, '');
      addPlaceholder(b, name, entry, lookup);
      return;
    }
    const role = typeof roleName === 'string' ? TUPLE_ROLES[roleName] : undefined;
    if (role && content) addTemplateText(b, role, { node: content, st: literal.st }, isMustache, lookup);
    else b.unresolved(`message \`${exprText(entry)}\` of the prompt template has no known role`, entry);
    return;
  }
  if (literal && Node.isObjectLiteralExpression(literal.node)) {
    const roleProp = propertyIn(literal.node, 'role', literal.st);
    const roleName = roleProp ? evaluate(roleProp.node, roleProp.st).candidates[0]?.value : undefined;
    const content = propertyIn(literal.node, 'content', literal.st);
    const role = typeof roleName === 'string' ? TUPLE_ROLES[roleName] : undefined;
    if (role && content) addTemplateText(b, role, content, isMustache, lookup);
    else b.unresolved(`message \`${exprText(entry)}\` of the prompt template has no known role and content`, entry);
    return;
  }
  if (Node.isStringLiteral(target) || Node.isNoSubstitutionTemplateLiteral(target) || Node.isTemplateExpression(target)) {
    addTemplateText(b, 'user', { node: entry, st }, isMustache, lookup);
    return;
  }
  b.unresolved(`message \`${exprText(entry)}\` of the prompt template is not statically known`, entry);
}

/** A messages placeholder: the literal message list the input gives it, else unknown. */
function addPlaceholder(b: PromptBuilder, name: string | undefined, entry: Node, lookup: Lookup): void {
  const value = name ? lookup(name) : undefined;
  if (value) {
    addMessages(b, value.node, value.st);
    return;
  }
  b.unresolved(`the messages of placeholder \`${name ?? exprText(entry)}\` come from the chain input at run time`, entry);
}

function placeholderName(arg: Node, st: EvalState): string | undefined {
  const obj = followToLiteral(arg, st);
  if (obj && Node.isObjectLiteralExpression(obj.node)) {
    const name = propertyIn(obj.node, 'variableName', obj.st);
    return name ? singleString(name.node, name.st) : undefined;
  }
  return singleString(arg, st);
}

/** Template text: its static text split at variables, each variable filled or left a hole. */
function addTemplateText(b: PromptBuilder, role: Role, text: Located, isMustache: boolean, lookup: Lookup): void {
  const literal = followToLiteral(text.node, text.st);
  if (literal && Node.isArrayLiteralExpression(literal.node)) {
    // Content blocks (`[{ type: 'text', text: '...' }, { type: 'image_url', ... }]`): templated text blocks.
    for (const block of literal.node.getElements()) {
      const obj = followToLiteral(block, literal.st);
      const blockText = obj && Node.isObjectLiteralExpression(obj.node) ? propertyIn(obj.node, 'text', obj.st) : undefined;
      if (blockText) addTemplateText(b, role, blockText, isMustache, lookup);
      else if (Node.isStringLiteral(unwrap(block))) addTemplateText(b, role, { node: block, st: literal.st }, isMustache, lookup);
      else b.add(role, [{ kind: 'hole', name: exprText(block), expression: exprText(block), span: literal.st.ctx.span(block) }]);
    }
    return;
  }
  const segments: PromptSegment[] = [];
  for (const segment of segmentsOf(text.node, text.st)) {
    if (segment.kind === 'hole') segments.push(segment);
    else segments.push(...fillVariables(segment, text, isMustache, lookup));
  }
  b.add(role, segments);
}

/** Splits one static text segment at template variables (`{name}` or `{{name}}`). */
function fillVariables(segment: Extract<PromptSegment, { kind: 'text' }>, at: Located, isMustache: boolean, lookup: Lookup): PromptSegment[] {
  const out: PromptSegment[] = [];
  let pending = '';
  const flush = () => {
    if (pending) out.push({ ...segment, text: pending });
    pending = '';
  };
  const source = segment.text;
  const pattern = isMustache ? /\{\{\{?\s*([#^/]?)\s*([^{}]+?)\s*\}?\}\}/y : /\{\{|\}\}|\{([^{}]+)\}/y;
  let i = 0;
  while (i < source.length) {
    pattern.lastIndex = i;
    const match = source[i] === '{' || source[i] === '}' ? pattern.exec(source) : null;
    if (!match) {
      pending += source[i];
      i++;
      continue;
    }
    i += match[0].length;
    if (!isMustache && (match[0] === '{{' || match[0] === '}}')) {
      pending += match[0][0];
      continue;
    }
    const section = isMustache ? match[1] : '';
    const name = (isMustache ? match[2] : match[1]).trim();
    if (section === '/' || section === '^') continue;
    flush();
    out.push(...variableSegments(name, match[0], at, lookup));
  }
  flush();
  return out;
}

function variableSegments(name: string, written: string, at: Located, lookup: Lookup): PromptSegment[] {
  const value = lookup(name);
  if (!value) return [{ kind: 'hole', name, expression: written, span: at.st.ctx.span(at.node) }];
  // A number or boolean is formatted into the text (`{n}` with `n: 3`).
  const known = evaluate(value.node, value.st);
  if (known.unknown.length === 0 && known.candidates.length === 1 && typeof known.candidates[0].value !== 'string') {
    return [{ kind: 'text', text: String(known.candidates[0].value), source: { kind: 'inline', span: known.candidates[0].definedAt } }];
  }
  return segmentsOf(value.node, value.st);
}

/** The value of variable `name`: bound to the whole input, a property of the input, or a partial variable. */
function variableLookup(variables: TemplateVariables, input: Located | undefined, options: Located | undefined): Lookup {
  const inputObject = input && variables.properties ? followToLiteral(input.node, input.st) : undefined;
  const partials = options && Node.isObjectLiteralExpression(options.node) ? propertyIn(options.node, 'partialVariables', options.st) : undefined;
  const partialObject = partials ? followToLiteral(partials.node, partials.st) : undefined;
  return (name) => {
    if (input && variables.whole.includes(name)) return input;
    if (inputObject && Node.isObjectLiteralExpression(inputObject.node)) {
      const found = propertyIn(inputObject.node, name, inputObject.st);
      if (found) return found;
    }
    if (partialObject && Node.isObjectLiteralExpression(partialObject.node)) return propertyIn(partialObject.node, name, partialObject.st);
    return undefined;
  };
}

function mustache(options: Located | undefined): boolean {
  if (!options || !Node.isObjectLiteralExpression(options.node)) return false;
  const format = propertyIn(options.node, 'templateFormat', options.st);
  return format ? singleString(format.node, format.st) === 'mustache' : false;
}

function singleString(node: Node, st: EvalState): string | undefined {
  const res = evaluate(node, st);
  return res.candidates.length === 1 && typeof res.candidates[0].value === 'string' ? res.candidates[0].value : undefined;
}
