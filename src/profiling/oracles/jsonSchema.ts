/** `json-schema:PATH`: the output parses as JSON and validates against a JSON Schema (ajv). */
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import type { OracleVerdict } from '../types';
import { parseJsonOutput } from './normalize';

/** Compiles a schema once; returns the grader. Throws ajv's error for an invalid schema. */
export function compileJsonSchemaOracle(schema: object): (output: string) => OracleVerdict {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate: ValidateFunction = ajv.compile(schema);
  return (output) => {
    const parsed = parseJsonOutput(output);
    if (!parsed.ok) return { pass: false, score: 0, reason: parsed.error };
    if (validate(parsed.value)) return { pass: true, score: 1, reason: 'valid against the schema' };
    const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
    return { pass: false, score: 0, reason: `schema errors: ${errors.slice(0, 3).join('; ')}` };
  };
}
