import { join } from 'node:path';
import type { EditorEngine, EngineModule } from './engineTypes';

/**
 * Loads the heavy engine bundle (`dist/engine.js`: ts-morph, TypeScript, tiktoken) on first use
 * and hands out the one `EditorEngine` of the session. Activation never loads it; the first JS/TS
 * document that imports an LLM SDK (see ./sdkImports.ts) or an explicit command does.
 */
export class EngineHost {
  private engine: EditorEngine | undefined;
  private loadedAtMs: number | undefined;

  constructor(
    private readonly distDir: string,
    private readonly log: (line: string) => void,
  ) {}

  /** True once the engine bundle has been required. */
  get loaded(): boolean {
    return this.engine !== undefined;
  }

  /** The engine, loading its bundle on the first call. */
  get(): EditorEngine {
    if (!this.engine) {
      const started = Date.now();
      // A computed path keeps esbuild from inlining the engine into the extension bundle.
      const bundle = join(this.distDir, 'engine.js');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(bundle) as EngineModule;
      this.engine = mod.createEditorEngine(this.log);
      this.loadedAtMs = Date.now() - started;
      this.log(`engine loaded from ${bundle} in ${this.loadedAtMs} ms`);
    }
    return this.engine;
  }

  dispose(): void {
    this.engine?.dispose();
    this.engine = undefined;
  }
}
