/**
 * `import()` of a user's module (an oracle `.mjs`/`.js`, tsx's API), in a file of its own.
 *
 * The editor loads the engine bundle through V8's code cache (src/vscode/codeCache.ts), and Node 20
 * loses the dynamic-import callback of code restored from a code cache ("A dynamic import callback
 * was not specified"). scripts/build.mjs therefore writes this module as dist/importModule.js, loaded
 * by Node's own module loader, where `import()` always works.
 */
export function importModule(url: string): Promise<unknown> {
  return import(url);
}
