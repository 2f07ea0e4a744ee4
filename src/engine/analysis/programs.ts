/**
 * The two kinds of checker program a workspace can be analysed with.
 *
 * - `lean` (tried first): workspace files only. Imports of packages in node_modules stay unresolved
 *   (the SDKs' declarations are several MB: loading them dominated every scan), no automatic
 *   `@types/*`, and of the default library only `lib.es5.d.ts` (the core types: Array, Promise,
 *   Record, Partial...). Detection traces imports and declarations, which needs none of them; the
 *   later ECMAScript libs (~250 KB more to parse: ~100 ms of the editor's first file, several times
 *   that while VS Code is starting) and the DOM (~2 MB) only matter where a type gap sends the pass
 *   to the full program anyway. On this project's tests the lean pass meets exactly the same gaps
 *   with es5 alone as with the target's whole ECMAScript lib.
 * - `full`: the workspace's own compiler options, with dependency declarations unless the engine
 *   was created with `dependencyTypes: false`.
 *
 * A value whose type is unresolved in a lean program (the checker's error type: it came from an
 * unresolved package or a missing global) is a *type gap*: the full program could give it an SDK
 * client type or a literal-union type. The scanner reports gaps and the engine then re-runs the
 * pass with the full program, so results never depend on which program answered.
 */
import { Project, ts } from 'ts-morph';
import type { ResolutionHostFactory, Type } from 'ts-morph';

/** Which program a workspace is analysed with (see the module comment). */
export type TypeLevel = 'lean' | 'full';

/** A ts-morph Project for `level` over a workspace's compiler options. */
export function createProgramProject(level: TypeLevel, options: ts.CompilerOptions, dependencyTypes: boolean): Project {
  const lean = level === 'lean';
  return new Project({
    compilerOptions: lean ? leanCompilerOptions(options) : options,
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    ...(lean || !dependencyTypes ? { resolutionHost: workspaceOnlyResolution } : {}),
  });
}

/** The core ECMAScript library the lean program is checked with (see the module comment). */
const LEAN_LIB = 'lib.es5.d.ts';

/** The workspace's options without automatic `@types` and with only the core ECMAScript lib. */
export function leanCompilerOptions(options: ts.CompilerOptions): ts.CompilerOptions {
  return { ...options, lib: [LEAN_LIB], types: [] };
}

/** Resolves imports to workspace files only (node_modules packages stay unresolved). */
export const workspaceOnlyResolution: ResolutionHostFactory = (host, getCompilerOptions) => ({
  resolveModuleNames: (moduleNames, containingFile) =>
    moduleNames.map((name) => {
      const resolved = ts.resolveModuleName(name, containingFile, getCompilerOptions(), host).resolvedModule;
      return resolved && !resolved.isExternalLibraryImport ? resolved : undefined;
    }),
});

/**
 * True for the checker's error type (an unresolved import, package or global), as opposed to a
 * declared or implicit `any`. TypeScript exposes no public predicate for it; its intrinsic name is
 * `error` (stable since TypeScript 2).
 */
export function isUnresolvedType(type: Type): boolean {
  const compiler: { intrinsicName?: string } = type.compilerType as ts.Type & { intrinsicName?: string };
  if (compiler.intrinsicName === 'error') return true;
  return type.isUnion() && type.getUnionTypes().some((member) => isUnresolvedType(member));
}
