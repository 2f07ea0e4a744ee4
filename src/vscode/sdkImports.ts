/**
 * Decides whether a document is worth loading the analyzer for: does it import or require a known
 * LLM SDK (or a module of the workspace, which may re-export one)?
 *
 * This is the ONE place in Tierwise where a text check is acceptable: it only decides whether to
 * load the heavy engine bundle (ts-morph + TypeScript) at all, never what a call site is. Call
 * sites are found by the engine's AST and type-checker analysis. A false positive costs one engine
 * load; a false negative is corrected by the workspace scan. Dependency-free on purpose: it runs in
 * the small extension bundle on every opened JS/TS file.
 */

/** Package prefixes of the SDKs the engine's detectors handle. */
export const LLM_SDK_PACKAGES: readonly string[] = [
  '@anthropic-ai/sdk',
  'openai',
  'ai',
  '@ai-sdk/',
  '@langchain/',
  'langchain',
  '@google/genai',
  '@google/generative-ai',
];

/** Module specifiers of `import … from 'x'`, `import 'x'`, `export … from 'x'`, `require('x')`, `import('x')`. */
export function importSpecifiers(text: string): string[] {
  const out: string[] = [];
  const pattern = /\b(?:from|import|require\s*\(|import\s*\()\s*['"]([^'"\n]+)['"]/g;
  for (const match of text.matchAll(pattern)) out.push(match[1]);
  return out;
}

/** True when a specifier names an LLM SDK package (or one of its subpaths). */
export function isLlmSdkSpecifier(specifier: string): boolean {
  return LLM_SDK_PACKAGES.some((pkg) =>
    pkg.endsWith('/') ? specifier.startsWith(pkg) : specifier === pkg || specifier.startsWith(`${pkg}/`),
  );
}

/**
 * True when the document imports an LLM SDK directly, or imports a relative module while the
 * workspace is already known to contain LLM call sites (a wrapper module re-exporting a client).
 */
export function mayCallLlm(text: string, workspaceHasCallSites: boolean): boolean {
  const specifiers = importSpecifiers(text);
  if (specifiers.some(isLlmSdkSpecifier)) return true;
  return workspaceHasCallSites && specifiers.some((s) => s.startsWith('.'));
}
