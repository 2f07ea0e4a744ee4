/**
 * The two kinds of checker program a workspace can be analysed with.
 *
 * - `lean` (tried first): workspace files only. Imports of packages in node_modules stay unresolved
 *   (the SDKs' declarations are several MB: loading them dominated every scan), no automatic
 *   `@types/*` and the ECMAScript lib without the DOM (lib.dom.d.ts alone is ~2 MB of declarations).
 *   Detection traces imports and declarations, which needs none of them.
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

/** The workspace's options without automatic `@types` and without the DOM/host libs. */
export function leanCompilerOptions(options: ts.CompilerOptions): ts.CompilerOptions {
  const hostLib = (lib: string) => /(^|\.)(dom|webworker|scripthost)(\.|$)/.test(lib.replace(/^lib\./, '').replace(/\.d\.ts$/, ''));
  const lib = options.lib ? options.lib.filter((name) => !hostLib(name)) : [ecmaLibOf(options)];
  return { ...options, lib, types: [] };
}

/** `lib.es2022.d.ts` for the default lib `lib.es2022.full.d.ts` of the target (`lib.es5.d.ts` for `lib.d.ts`). */
function ecmaLibOf(options: ts.CompilerOptions): string {
  const full = ts.getDefaultLibFileName(options);
  if (full === 'lib.d.ts') return 'lib.es5.d.ts';
  return full.replace(/\.full\.d\.ts$/, '.d.ts');
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
