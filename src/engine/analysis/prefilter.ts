/**
 * The cheap syntactic pre-filter: which files import or require a known LLM SDK module, or import
 * a workspace module that (transitively) does? Only those files are walked with the type checker.
 * Uses `ts.preProcessFile` (the scanner TypeScript itself uses for imports), never a regex.
 */
import { resolve } from 'node:path';
import { ts } from 'ts-morph';
import { boundedSys } from '../files/boundedSys';

/** The import facts of one file. */
export interface FileImports {
  /** Module specifiers of SDK packages it imports/requires/re-exports. */
  sdkModules: string[];
  /** Workspace files (absolute) it imports/requires/re-exports. */
  workspaceImports: string[];
}

/** True when `specifier` is `pkg` or a subpath of it (`openai/helpers/zod`). */
export function isPackageSpecifier(specifier: string, pkg: string): boolean {
  return specifier === pkg || specifier.startsWith(`${pkg}/`);
}

/** Reads one file's imports (ES imports, `export ... from`, `require`, dynamic `import()`). */
export function readImports(
  file: string,
  text: string,
  sdkPackages: readonly string[],
  options: ts.CompilerOptions,
  isWorkspaceFile: (absolute: string) => boolean,
  cache?: ts.ModuleResolutionCache,
): FileImports {
  const info = ts.preProcessFile(text, true, true);
  const sdkModules: string[] = [];
  const workspaceImports: string[] = [];
  for (const imported of info.importedFiles) {
    const specifier = imported.fileName;
    if (sdkPackages.some((pkg) => isPackageSpecifier(specifier, pkg))) {
      sdkModules.push(specifier);
      continue;
    }
    const resolved = ts.resolveModuleName(specifier, file, options, boundedSys, cache).resolvedModule;
    if (resolved && !resolved.isExternalLibraryImport) {
      const target = [resolve(resolved.resolvedFileName), ...implementationsOf(resolve(resolved.resolvedFileName))].find(isWorkspaceFile);
      if (target) workspaceImports.push(target);
    }
  }
  return { sdkModules: [...new Set(sdkModules)], workspaceImports: [...new Set(workspaceImports)] };
}

/**
 * The JavaScript files a declaration file describes (`base.d.ts` -> `base.js`): TypeScript resolves
 * `import './base.js'` to a sibling `base.d.ts` when both exist (a package's shipped output, a
 * build committed next to its types), but the code that runs, and that Tierwise analyses, is the JS.
 */
export function implementationsOf(path: string): string[] {
  const pairs: Array<[string, string[]]> = [['.d.ts', ['.js', '.jsx']], ['.d.mts', ['.mjs']], ['.d.cts', ['.cjs']]];
  const pair = pairs.find(([ext]) => path.endsWith(ext));
  if (!pair) return [];
  const stem = path.slice(0, -pair[0].length);
  return pair[1].map((ext) => `${stem}${ext}`);
}

/**
 * Files worth analysing: those importing an SDK directly, plus those importing (transitively) a
 * workspace module that does (`export const llm = new Anthropic()` used elsewhere).
 */
export function selectSdkFiles(imports: Map<string, FileImports>): Set<string> {
  const direct = [...imports].filter(([, facts]) => facts.sdkModules.length > 0).map(([file]) => file);
  return reachBackwards(direct, imports);
}

/** Files whose import closure includes `changed` (the dependants to re-analyse after an edit), `changed` included. */
export function dependantsOf(changed: string, imports: Map<string, FileImports>): Set<string> {
  return reachBackwards([changed], imports);
}

/** Files `from` import, transitively (their values and wrappers live there); `from` itself excluded unless in a cycle. */
export function importClosure(from: Iterable<string>, imports: Map<string, FileImports>): Set<string> {
  const out = new Set<string>();
  const queue = [...from];
  while (queue.length > 0) {
    const next = queue.pop() as string;
    for (const target of imports.get(next)?.workspaceImports ?? []) {
      if (!out.has(target)) {
        out.add(target);
        queue.push(target);
      }
    }
  }
  return out;
}

/** `start` plus every file that imports one of them, transitively (one pass over reversed edges). */
function reachBackwards(start: readonly string[], imports: Map<string, FileImports>): Set<string> {
  const importers = new Map<string, string[]>();
  for (const [file, facts] of imports) {
    for (const target of facts.workspaceImports) {
      const list = importers.get(target);
      if (list) list.push(file);
      else importers.set(target, [file]);
    }
  }
  const result = new Set<string>(start);
  const queue = [...start];
  while (queue.length > 0) {
    for (const importer of importers.get(queue.pop() as string) ?? []) {
      if (!result.has(importer)) {
        result.add(importer);
        queue.push(importer);
      }
    }
  }
  return result;
}
