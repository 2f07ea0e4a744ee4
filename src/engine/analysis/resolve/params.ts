/**
 * Request parameters that drive cost and task inference: output caps (every SDK's spelling),
 * temperature, tools, structured output, streaming, thinking/reasoning budgets.
 */
import { Node } from 'ts-morph';
import type { ObjectLiteralExpression } from 'ts-morph';
import type { CallParams, Resolved, StructuredOutput } from '../../model';
import { exprText } from './common';
import { followToLiteral, propertyIn } from './objects';
import type { Located } from './objects';
import { evaluate } from './evaluate';
import { numberIn } from './values';
import { describeSchema } from './schema';
import { declarationOf, unwrap } from './symbols';

const ZOD_HELPERS = new Set(['zodResponseFormat', 'zodTextFormat', 'zodOutputFormat', 'zodFunction']);
const MAX_TOKEN_KEYS = ['max_tokens', 'max_completion_tokens', 'max_output_tokens', 'maxTokens', 'maxOutputTokens', 'maxCompletionTokens', 'max_tokens_to_sample'];

/** A request object (or one nested in it) with its resolution state. */
export type RequestObject = Located<ObjectLiteralExpression>;

/** Reads `a.b.c` from a request object, following nested literals. */
export function readPath(obj: RequestObject | undefined, path: string): Located | undefined {
  let current: Located | undefined = obj;
  for (const key of path.split('.')) {
    if (!current) return undefined;
    const literal = followToLiteral(current.node, current.st);
    if (!literal || !Node.isObjectLiteralExpression(literal.node)) return undefined;
    current = propertyIn(literal.node, key, literal.st);
  }
  return current;
}

/** A nested object of a request as a RequestObject. */
export function objectAt(obj: RequestObject | undefined, path: string): RequestObject | undefined {
  const found = readPath(obj, path);
  const literal = found ? followToLiteral(found.node, found.st) : undefined;
  return literal && Node.isObjectLiteralExpression(literal.node) ? { node: literal.node, st: literal.st } : undefined;
}

/** The first of several keys present on any of the objects. */
export function firstOf(objects: Array<RequestObject | undefined>, keys: string[]): Located | undefined {
  for (const obj of objects) {
    for (const key of keys) {
      const found = readPath(obj, key);
      if (found) return found;
    }
  }
  return undefined;
}

/** The output cap in any SDK spelling. */
export function maxTokensOf(objects: Array<RequestObject | undefined>): Resolved<number> | undefined {
  const found = firstOf(objects, MAX_TOKEN_KEYS);
  return found ? numberIn(found.node, found.st) : undefined;
}

/** A single known number, or undefined. */
export function singleNumber(found: Located | undefined): number | undefined {
  if (!found) return undefined;
  const res = evaluate(found.node, found.st);
  return res.candidates.length === 1 && typeof res.candidates[0].value === 'number' ? res.candidates[0].value : undefined;
}

/** A single known string, or undefined. */
export function singleString(found: Located | undefined): string | undefined {
  if (!found) return undefined;
  const res = evaluate(found.node, found.st);
  return res.candidates.length >= 1 && typeof res.candidates[0].value === 'string' ? res.candidates[0].value : undefined;
}

/** `stream: true` / `streaming: true`. */
export function streamFlag(objects: Array<RequestObject | undefined>): boolean {
  const found = firstOf(objects, ['stream', 'streaming']);
  if (!found) return false;
  const res = evaluate(found.node, found.st);
  return res.candidates.some((c) => c.value === true);
}

/** Tools: an array (Anthropic/OpenAI/Gemini) or an object keyed by tool name (AI SDK). */
export function toolsOf(found: Located | undefined): CallParams['tools'] {
  if (!found) return undefined;
  const literal = followToLiteral(found.node, found.st);
  if (!literal) return { count: 0, schemaText: `unknown: ${exprText(found.node)}` };
  const count = Node.isArrayLiteralExpression(literal.node) ? literal.node.getElements().length : literal.node.getProperties().length;
  return { count, schemaText: compactText(literal.node) };
}

/** The source of a literal with whitespace collapsed (a stand-in for the JSON sent to the API). */
export function compactText(node: Node): string {
  return node.getText().split('\n').map((l) => l.trim()).join(' ');
}

/** Structured output from `response_format`, `text.format`, `output_format`, zod helpers or a schema. */
export function structuredOutputOf(found: Located | undefined): StructuredOutput | undefined {
  if (!found) return undefined;
  const target = constInitializer(unwrap(found.node));
  if (Node.isCallExpression(target)) {
    const callee = unwrap(target.getExpression()).getText();
    const name = callee.split('.').pop() ?? callee;
    const schemaArg = target.getArguments()[0];
    if (ZOD_HELPERS.has(name) && schemaArg) return describeSchema(schemaArg, found.st, 'zod');
    if (name === 'jsonSchema' && schemaArg) return describeSchema(schemaArg, found.st, 'json-schema');
    if (name === 'object' || name === 'enum' || name === 'array') return describeSchema(target, found.st, 'zod');
    return { kind: 'other', schemaText: exprText(target) };
  }
  const literal = followToLiteral(found.node, found.st);
  if (!literal || !Node.isObjectLiteralExpression(literal.node)) return { kind: 'other', schemaText: exprText(found.node) };
  const obj: RequestObject = { node: literal.node, st: literal.st };
  const type = singleString(readPath(obj, 'type'));
  if (type === 'json_object') return { kind: 'json-object' };
  const schema = readPath(obj, 'json_schema.schema') ?? readPath(obj, 'schema');
  if (schema) return describeSchema(schema.node, schema.st, 'json-schema');
  if (type === 'json_schema') return { kind: 'json-schema' };
  if (readPath(obj, 'properties') || readPath(obj, 'type')) return describeSchema(obj.node, obj.st, 'json-schema');
  return { kind: 'other', schemaText: compactText(literal.node) };
}

/** Follows an identifier to its const initializer (`const Schema = z.object(...)`, `const requests = items.map(...)`), else the node itself. */
export function constInitializer(node: Node): Node {
  let current = node;
  for (let hop = 0; hop < 8 && Node.isIdentifier(current); hop++) {
    const decl = declarationOf(current);
    const init = decl && Node.isVariableDeclaration(decl) ? decl.getInitializer() : undefined;
    if (!init) break;
    current = unwrap(init);
  }
  return current;
}
