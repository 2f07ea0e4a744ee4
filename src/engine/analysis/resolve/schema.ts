/**
 * Structured-output schemas, statically: zod builders (`z.object({...})`, `z.enum([...])`, chains
 * like `.nullable().describe()`), JSON Schema object literals and `jsonSchema(...)`. Produces the leaf
 * field count, a compact rendering (used to size the output) and the enum labels found.
 */
import { Node } from 'ts-morph';
import type { CallExpression } from 'ts-morph';
import type { SchemaField, StructuredOutput } from '../../model';
import { enter } from './common';
import type { EvalState } from './common';
import { followToLiteral, propertyIn } from './objects';
import { declarationOf, unwrap } from './symbols';
import { evaluate } from './evaluate';

/** What a schema walk found. */
interface SchemaInfo {
  text: string;
  fields: number;
  labels: string[];
  /** The leaf fields, paths relative to this schema (`` for the schema itself). */
  leaves: SchemaField[];
}

/** A leaf of a given type (no path yet: the enclosing object prefixes it). */
function leafInfo(text: string, type: SchemaField['type'], labels: string[] = []): SchemaInfo {
  const leaf: SchemaField = { path: '', type };
  if (labels.length > 0) leaf.labels = labels;
  return { text, fields: 1, labels, leaves: [leaf] };
}

/** Every leaf of `info` marked as a list (an array schema). */
function asList(info: SchemaInfo): SchemaInfo {
  return { ...info, text: `${info.text}[]`, leaves: info.leaves.map((l) => ({ ...l, path: l.path ? `[].${l.path}` : '', list: true })) };
}

/** Sets the description of a single-leaf schema (`z.string().describe('...')`). */
function described(info: SchemaInfo, description: string | undefined): SchemaInfo {
  if (!description || info.leaves.length !== 1) return info;
  return { ...info, leaves: [{ ...info.leaves[0], description }] };
}

const ZOD_LEAVES: Record<string, string> = {
  string: 'string', number: 'number', int: 'integer', boolean: 'boolean', bigint: 'integer', date: 'string',
  email: 'string', url: 'string', uuid: 'string', any: 'any', unknown: 'any', null: 'null', literal: 'literal',
};

/** Describes a schema expression (zod or JSON Schema); `kind` is how it was given. */
export function describeSchema(node: Node, st: EvalState, kind: StructuredOutput['kind']): StructuredOutput {
  const info = schemaInfo(node, st);
  if (!info) return { kind };
  return { kind, fieldCount: info.fields, schemaText: info.text, labels: info.labels.length > 0 ? info.labels : undefined, fields: info.leaves };
}

function schemaInfo(node: Node, st: EvalState): SchemaInfo | undefined {
  const next = enter(node, st);
  if (typeof next === 'string') return undefined;
  const target = unwrap(node);
  if (Node.isIdentifier(target)) {
    const decl = declarationOf(target);
    const init = decl && Node.isVariableDeclaration(decl) ? decl.getInitializer() : undefined;
    if (init) return schemaInfo(init, next);
    const literal = followToLiteral(target, next);
    return literal ? schemaInfo(literal.node, literal.st) : undefined;
  }
  if (Node.isCallExpression(target)) return zodInfo(target, next);
  const literal = followToLiteral(target, next);
  if (literal && Node.isObjectLiteralExpression(literal.node)) return jsonSchemaInfo(literal.node, literal.st);
  return undefined;
}

/** `z.object({...})`, `z.enum([...])`, `z.array(x)`, `x.nullable()`, `jsonSchema({...})`. */
function zodInfo(call: CallExpression, st: EvalState): SchemaInfo | undefined {
  const callee = unwrap(call.getExpression());
  const args = call.getArguments();
  if (Node.isIdentifier(callee) && callee.getText() === 'jsonSchema' && args[0]) return schemaInfo(args[0], st);
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.getName();
  const receiver = unwrap(callee.getExpression());
  const isRoot = Node.isIdentifier(receiver) && receiver.getText() === 'z';
  if (!isRoot) {
    // A modifier on a schema: `.nullable()`, `.optional()`, `.describe('...')`, `.min(1)`, `.array()`.
    const inner = schemaInfo(receiver, st);
    if (!inner) return undefined;
    if (method === 'describe' && args[0]) return described(inner, stringValue(args[0], st));
    if (method === 'array') return asList(inner);
    return method === 'nullable' ? { ...inner, text: `${inner.text}|null` } : inner;
  }
  if (method === 'object' && args[0]) {
    const shape = followToLiteral(args[0], st);
    if (!shape || !Node.isObjectLiteralExpression(shape.node)) return undefined;
    return objectInfo(shape.node.getProperties().map((p) => (Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p) ? p.getName() : '')), (name) => {
      const value = shape.node && Node.isObjectLiteralExpression(shape.node) ? propertyIn(shape.node, name, shape.st) : undefined;
      return value ? schemaInfo(value.node, value.st) : undefined;
    });
  }
  if ((method === 'enum' || method === 'union') && args[0]) return enumInfo(args[0], st);
  if (method === 'array' && args[0]) {
    const item = schemaInfo(args[0], st);
    return item ? asList(item) : undefined;
  }
  const leaf = ZOD_LEAVES[method];
  return leaf ? leafInfo(leaf, fieldType(leaf)) : undefined;
}

function fieldType(text: string): SchemaField['type'] {
  const known: readonly SchemaField['type'][] = ['string', 'number', 'integer', 'boolean', 'literal', 'null'];
  return known.find((t) => t === text) ?? 'any';
}

function objectInfo(names: string[], describe: (name: string) => SchemaInfo | undefined): SchemaInfo {
  const entries: string[] = [];
  let fields = 0;
  const labels: string[] = [];
  const leaves: SchemaField[] = [];
  for (const name of names.filter(Boolean)) {
    const info = describe(name) ?? leafInfo('?', 'any');
    entries.push(`${name}:${info.text}`);
    fields += info.fields;
    labels.push(...info.labels);
    for (const leaf of info.leaves) leaves.push({ ...leaf, path: leaf.path ? (leaf.path.startsWith('[]') ? `${name}${leaf.path}` : `${name}.${leaf.path}`) : name });
  }
  return { text: `{${entries.join(',')}}`, fields, labels, leaves };
}

function stringValue(node: Node, st: EvalState): string | undefined {
  const res = evaluate(node, st);
  return res.candidates.length === 1 && typeof res.candidates[0].value === 'string' ? res.candidates[0].value : undefined;
}

/** `z.enum(['a','b'])` or a JSON `enum: [...]` array: a closed label set. */
function enumInfo(arrayExpr: Node, st: EvalState): SchemaInfo | undefined {
  const array = followToLiteral(arrayExpr, st);
  if (!array || !Node.isArrayLiteralExpression(array.node)) return undefined;
  const labels: string[] = [];
  for (const element of array.node.getElements()) {
    const res = evaluate(element, array.st);
    if (res.candidates.length === 1 && res.unknown.length === 0) labels.push(String(res.candidates[0].value));
    else {
      const sub = schemaInfo(element, array.st);
      if (!sub) return undefined;
      labels.push(...sub.labels);
    }
  }
  return leafInfo(labels.map((l) => JSON.stringify(l)).join('|'), 'enum', labels);
}

/** A JSON Schema object literal (`{ type: 'object', properties: {...} }`, `enum`, `items`). */
function jsonSchemaInfo(node: Node, st: EvalState): SchemaInfo | undefined {
  if (!Node.isObjectLiteralExpression(node)) return undefined;
  const read = (name: string) => propertyIn(node, name, st);
  const description = read('description');
  const info = jsonSchemaShape(node, st);
  return info && description ? described(info, stringValue(description.node, description.st)) : info;
}

function jsonSchemaShape(node: Node, st: EvalState): SchemaInfo | undefined {
  if (!Node.isObjectLiteralExpression(node)) return undefined;
  const read = (name: string) => propertyIn(node, name, st);
  const enumProp = read('enum');
  if (enumProp) return enumInfo(enumProp.node, enumProp.st);
  const props = read('properties');
  const propsObj = props ? followToLiteral(props.node, props.st) : undefined;
  if (propsObj && Node.isObjectLiteralExpression(propsObj.node)) {
    const obj = propsObj.node;
    const names = obj.getProperties().map((p) => (Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p) ? p.getName().replace(/^['"]|['"]$/g, '') : ''));
    return objectInfo(names, (name) => {
      const value = propertyIn(obj, name, propsObj.st);
      const literal = value ? followToLiteral(value.node, value.st) : undefined;
      return literal ? jsonSchemaInfo(literal.node, literal.st) : undefined;
    });
  }
  const items = read('items');
  if (items) {
    const literal = followToLiteral(items.node, items.st);
    const item = literal ? jsonSchemaInfo(literal.node, literal.st) : undefined;
    return item ? asList(item) : undefined;
  }
  const type = read('type');
  const typeRes = type ? evaluate(type.node, type.st) : undefined;
  const typeName = typeRes?.candidates[0] ? String(typeRes.candidates[0].value).toLowerCase() : 'any';
  return leafInfo(typeName, fieldType(typeName));
}
