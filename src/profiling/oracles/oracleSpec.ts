/**
 * The oracle spec grammar of `tasks.<task>.oracle` (one owner: profiling builds graders from it,
 * the audit checks the files it names). Parts are joined by ` + `; a part ending in a module
 * extension is a user module (`./tierwise/oracles/summary.mjs`); any other part is a built-in
 * grader `name[:argument]` (`label-in-set:a,b`, `json-schema:./schema.json`).
 */

/** File extensions of user oracle modules. */
export const MODULE_EXTENSIONS = ['.mjs', '.js', '.cjs', '.ts'];

/** One part of a spec. */
export type OracleSpecPart =
  | { kind: 'module'; text: string; file: string }
  | { kind: 'builtin'; text: string; name: string; arg: string | undefined };

/** The parts of a spec, in order (empty parts dropped). */
export function parseOracleSpec(spec: string): OracleSpecPart[] {
  return spec.split(/\s\+\s/).map((p) => p.trim()).filter(Boolean).map((text): OracleSpecPart => {
    if (MODULE_EXTENSIONS.some((ext) => text.endsWith(ext))) return { kind: 'module', text, file: text };
    const colon = text.indexOf(':');
    return colon >= 0 ? { kind: 'builtin', text, name: text.slice(0, colon).trim(), arg: text.slice(colon + 1).trim() } : { kind: 'builtin', text, name: text, arg: undefined };
  });
}

/** The file a part reads, if any: a user module, or the schema of `json-schema:PATH`. */
export function oracleFileOf(part: OracleSpecPart): string | undefined {
  if (part.kind === 'module') return part.file;
  return part.name === 'json-schema' && part.arg ? part.arg : undefined;
}
