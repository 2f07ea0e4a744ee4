import { join } from 'node:path';
import { requireWithCodeCache } from './codeCache';
import type { EditorEngine, EngineModule } from '../editorEngine/engineTypes';

/** How long after loading the engine its code cache is written (the first analysis and scan have run by then). */
const PERSIST_CODE_CACHE_AFTER_MS = 8_000;

/**
 * Loads the heavy engine bundle (`dist/engine.js`: ts-morph, TypeScript, tiktoken) on first use
 * and hands out the one `EditorEngine` of the session. Activation never loads it; the first JS/TS
 * document that imports an LLM SDK (see ./sdkImports.ts) or an explicit command does. With a
 * `storageDir` (the extension's global storage) the bundle loads through V8's code cache
 * (./codeCache.ts, written once in the background after the first analyses) and the engine
 * remembers token counts between sessions (./tokenMemo.ts): both make a session's first lens cheaper.
 */
export class EngineHost {
  private engine: EditorEngine | undefined;
  private loadedAtMs: number | undefined;
  private persistTimer: ReturnType<typeof setTimeout> | undefined;
  /** Writes the code cache once, when this session compiled the bundle without one. */
  private persistCodeCache: (() => void) | undefined;

  constructor(
    private readonly distDir: string,
    private readonly log: (line: string) => void,
    private readonly storageDir?: string,
  ) {}

  /** True once the engine bundle has been required. */
  get loaded(): boolean {
    return this.engine !== undefined;
  }

  /** The engine, loading its bundle on the first call. */
  get(): EditorEngine {
    if (!this.engine) {
      const started = Date.now();
      const bundle = join(this.distDir, 'engine.js');
      const load = requireWithCodeCache<EngineModule>(bundle, this.storageDir && join(this.storageDir, 'code-cache'));
      this.engine = load.exports.createEditorEngine(this.log, { storageDir: this.storageDir });
      this.loadedAtMs = Date.now() - started;
      this.log(`engine loaded from ${bundle} in ${this.loadedAtMs} ms (code cache: ${load.cache})`);
      if (load.cache === 'miss' || load.cache === 'rejected') {
        this.persistCodeCache = () => {
          this.persistCodeCache = undefined;
          const result = load.persist();
          if (result.written) this.log(`engine code cache written (${Math.round(result.bytes / 1024)} KB) to ${result.file}`);
          else if (result.error) this.log(`engine code cache not written: ${result.error}`);
        };
        this.persistTimer = setTimeout(() => this.persistCodeCache?.(), PERSIST_CODE_CACHE_AFTER_MS);
        this.persistTimer.unref?.();
      }
    }
    return this.engine;
  }

  dispose(): void {
    clearTimeout(this.persistTimer);
    // A session shorter than the delay still leaves its cache for the next one.
    this.persistCodeCache?.();
    this.engine?.dispose();
    this.engine = undefined;
  }
}
