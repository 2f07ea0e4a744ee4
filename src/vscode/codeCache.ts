/**
 * Requires a CommonJS bundle through V8's code cache, as VS Code does for its own code.
 *
 * The engine bundle (dist/engine.js: TypeScript, ts-morph, the catalog) is ~18 MB of JavaScript. V8
 * must scan all of it before running it and then compile each function the first analysis calls;
 * both dominate the first lens of a session. The code cache V8 writes after that first analysis
 * holds the compiled functions, so later sessions skip most of that work. The cache lives in the
 * extension's global storage, is keyed by the bundle's size and mtime and the V8 version, and V8
 * itself rejects a cache that does not match the source (the loader then writes a fresh one).
 * No `vscode` import: unit-tested in plain Node.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** How a bundle was loaded, for the log. */
export interface CodeCacheLoad<T> {
  exports: T;
  /** `hit` (cache accepted), `miss` (no cache yet), `rejected` (stale or corrupt), `off` (no cache dir). */
  cache: 'hit' | 'miss' | 'rejected' | 'off';
  /** Writes the code cache (with every function compiled so far) when this load did not use one. */
  persist(): { written: boolean; bytes: number; file?: string; error?: string };
}

/** The cache file of `bundle` in `cacheDir`: changes with the bundle's size and mtime and with V8. */
export function codeCacheFile(bundle: string, cacheDir: string): string {
  const stat = statSync(bundle);
  const key = `${stat.size.toString(36)}-${Math.round(stat.mtimeMs).toString(36)}-${process.versions.v8.replace(/[^\w]/g, '_')}`;
  return join(cacheDir, `${basename(bundle, '.js')}.${key}.v8cache`);
}

/**
 * Loads `bundle` like `require` (its own `require`, `module`, `__filename`, `__dirname`), through the
 * code cache in `cacheDir` when given. Never fails because of the cache: an unreadable or rejected
 * cache only means a normal compile.
 */
export function requireWithCodeCache<T>(bundle: string, cacheDir: string | undefined): CodeCacheLoad<T> {
  const source = readFileSync(bundle, 'utf8');
  const cacheFile = cacheDir ? codeCacheFile(bundle, cacheDir) : undefined;
  let cachedData: Buffer | undefined;
  if (cacheFile) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  // No `importModuleDynamically`: Node 20 loses it for code restored from a cache, so the bundle must
  // not call `import()` itself (the engine imports user modules through dist/importModule.js).
  const script = new Script(Module.wrap(source), { filename: bundle, cachedData });
  const cache: CodeCacheLoad<T>['cache'] = !cacheFile ? 'off' : !cachedData ? 'miss' : script.cachedDataRejected ? 'rejected' : 'hit';
  // A real Module in require's cache, as `require(bundle)` would leave it: a later `require` of the
  // bundle gets this instance instead of loading a second engine.
  const mod = new Module(bundle);
  mod.filename = bundle;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(bundle));
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: Module, filename: string, dirname: string) => void;
  const require = createRequire(bundle);
  require.cache[bundle] = mod;
  try {
    wrapper.call(mod.exports, mod.exports, require, mod, bundle, dirname(bundle));
  } catch (error) {
    delete require.cache[bundle];
    throw error;
  }
  mod.loaded = true;
  let persisted = false;
  return {
    exports: mod.exports as T,
    cache,
    persist() {
      if (!cacheFile || !cacheDir || cache === 'hit' || persisted) return { written: false, bytes: 0 };
      persisted = true;
      try {
        const data = script.createCachedData();
        mkdirSync(cacheDir, { recursive: true });
        const temp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(temp, data);
        renameSync(temp, cacheFile);
        removeStaleCaches(cacheDir, bundle, cacheFile);
        return { written: true, bytes: data.length, file: cacheFile };
      } catch (error) {
        return { written: false, bytes: 0, error: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

/** Deletes older caches of the same bundle (an updated extension leaves its previous one behind). */
function removeStaleCaches(cacheDir: string, bundle: string, keep: string): void {
  const prefix = `${basename(bundle, '.js')}.`;
  for (const name of readdirSync(cacheDir)) {
    const path = join(cacheDir, name);
    if (path !== keep && name.startsWith(prefix) && name.endsWith('.v8cache')) {
      try {
        unlinkSync(path);
      } catch {
        // Another window may be using it; it is tiny compared to the bundle and harmless.
      }
    }
  }
}
