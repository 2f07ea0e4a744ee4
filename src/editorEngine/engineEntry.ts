/**
 * Entry of the lazily loaded engine bundle (`dist/engine.js`): adapts the engine, profiling and
 * review libraries to the editor's `EditorEngine` contract (./engineTypes.ts). Required by
 * ./engineHost.ts on the first LLM file; never imported by the extension bundle itself.
 * No logic is duplicated here: scan, incremental analysis, recommendation and projection are the
 * engine's; this file only keeps the last scan per root and merges incremental results into it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONFIG_FILE_NAMES, createEngine, createTokenCounter, loadConfig, parseConfig, updateConfigFile } from '../engine/api';
import { EditorInputsCache } from './editorInputs';
import type { EditorInputs } from './editorInputs';
import type { Engine, TokenCounter, ScanResult, TaskType, TierEvidence, TierwiseConfig } from '../engine/api';
import { readEvidence } from '../profiling/api';
import { starterConfig } from '../engine/api';
import { createProfilingAdapter } from './engineProfiling';
import { compareWithRef } from './engineReview';
import { effectiveBuffer } from './engineConfig';
import type { AnalysisOptions, ConfigBuffer, EditorEngine, EditorEngineOptions, EditorOverrides, EngineModule, WorkspaceState } from './engineTypes';
import { openTokenMemo } from './tokenMemo';
import type { PersistentTokenMemo } from './tokenMemo';

/** Creates the editor's engine (one per session). */
export const createEditorEngine: EngineModule['createEditorEngine'] = (log, options = {}) => new EditorEngineImpl(log, options);

/** The file name new configuration is written to. */
const CONFIG_FILE_NAME = CONFIG_FILE_NAMES[0];

interface RootState {
  scan: ScanResult;
  complete: boolean;
}

class EditorEngineImpl implements EditorEngine {
  /** Token counts remembered between sessions (see ./tokenMemo.ts); none without a storage directory. */
  private readonly memo: PersistentTokenMemo | undefined;
  private readonly counter: TokenCounter;
  private readonly engine: Engine;
  private readonly roots = new Map<string, RootState>();
  private readonly profiling: ReturnType<typeof createProfilingAdapter>;

  private readonly inputs = new EditorInputsCache((root, loaded) => this.evidence(root, loaded.config));

  constructor(
    private readonly log: (line: string) => void,
    options: EditorEngineOptions,
  ) {
    this.memo = options.storageDir ? openTokenMemo(join(options.storageDir, 'token-counts.json')) : undefined;
    this.counter = createTokenCounter({ memo: this.memo });
    this.engine = createEngine({ counter: this.counter });
    this.profiling = createProfilingAdapter(this.engine, (root) => this.completeScanOf(root));
  }

  /**
   * The root's last full scan, or undefined when only single files have been analysed so far (the
   * editor analyses the first opened file before its folder's scan): profiling samples and the
   * starter configuration need every call site of the workspace, so they scan when this is undefined.
   */
  private completeScanOf(root: string): ScanResult | undefined {
    const state = this.roots.get(root);
    return state?.complete ? state.scan : undefined;
  }

  /** Writes new token counts to the memo (after a workspace scan and at the end of the session). */
  private saveMemo(): void {
    try {
      this.memo?.save();
    } catch (error) {
      this.log(`token-count memo not saved: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async analyzeWorkspace(root: string, overrides: EditorOverrides, options: AnalysisOptions = {}): Promise<WorkspaceState> {
    const inputs = await this.inputs.get(root, overrides, true, options.configBuffers);
    const scan = await this.engine.scan(root, { config: inputs.loaded.config, signal: options.signal });
    this.roots.set(root, { scan, complete: true });
    this.saveMemo();
    return this.state(root, inputs, true);
  }

  async analyzeFile(root: string, relativePath: string, text: string, overrides: EditorOverrides, options: AnalysisOptions = {}): Promise<WorkspaceState> {
    const inputs = await this.inputs.get(root, overrides, false, options.configBuffers);
    const { loaded } = inputs;
    const result = await this.engine.analyzeFile(root, relativePath, text, { config: loaded.config });
    const previous = this.roots.get(root);
    const base: ScanResult = previous?.scan ?? { root, filesScanned: 0, filesWithSdkImports: 0, callSites: [], problems: [], catalogAsOf: '', durationMs: 0 };
    // The engine returns the sites of the edited file and of the files depending on it: those files' old sites go.
    const replaced = new Set([relativePath, ...result.callSites.map((s) => s.site.span.file)]);
    const scan: ScanResult = {
      ...base,
      callSites: [...base.callSites.filter((s) => !replaced.has(s.site.span.file)), ...result.callSites],
      problems: [...base.problems.filter((p) => !replaced.has(p.file)), ...result.problems],
      catalogAsOf: base.catalogAsOf || this.engine.catalogFor(loaded.config).asOf,
    };
    const complete = previous?.complete ?? false;
    this.roots.set(root, { scan, complete });
    return this.state(root, inputs, complete);
  }

  forgetRoot(root: string): void {
    this.roots.delete(root);
    this.inputs.forget(root);
  }

  private state(root: string, inputs: EditorInputs, complete: boolean): WorkspaceState {
    const scan = this.roots.get(root)?.scan as ScanResult;
    const { config, problems } = inputs.loaded;
    const { evidence } = inputs;
    const projection = this.engine.project(scan, config, evidence);
    const projected = new Set(projection.callSites.map((c) => c.callSiteId));
    const recommendations = [
      ...projection.callSites.map((c) => c.recommendation),
      ...scan.callSites.filter((s) => !projected.has(s.site.id) && s.site.operation !== 'count-tokens').map((s) => this.engine.recommend(s, config, evidence)),
    ];
    const consequences = Object.fromEntries(Object.entries(config.tasks).map(([task, policy]) => [task, policy.consequence]));
    return { root, scan, projection, recommendations, configFile: config.file, configProblems: problems, consequences, traffic: config.traffic, complete };
  }

  private async evidence(root: string, config: TierwiseConfig): Promise<TierEvidence[]> {
    try {
      // Evidence carries pass rates and tokens only: no prices are needed to read it.
      return await readEvidence(root, config);
    } catch (error) {
      this.log(`profiling evidence ignored: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  }

  async configTemplate(root: string): Promise<string> {
    const { config } = await loadConfig(root);
    const scan = this.completeScanOf(root) ?? (await this.engine.scan(root, { config }));
    return starterConfig(scan, config, new Date().toISOString().slice(0, 10));
  }

  async addCallSiteToConfig(root: string, callSiteId: string, buffer?: ConfigBuffer): Promise<{ file: string; text: string }> {
    const unsaved = buffer ? effectiveBuffer(root, [buffer]) : undefined;
    const { config } = unsaved ? parseConfig(unsaved.text, unsaved.file) : await loadConfig(root);
    const file = config.file ?? join(root, CONFIG_FILE_NAME);
    const current = unsaved ? unsaved.text : config.file ? await readFile(config.file, 'utf8') : '';
    const projection = this.roots.has(root) ? this.engine.project(this.roots.get(root)?.scan as ScanResult, config) : undefined;
    // The rate the traffic rules state (before growth): growth applies to `traffic.callSites` entries too.
    const perMonth = Math.round(projection?.callSites.find((c) => c.callSiteId === callSiteId)?.baseRequestsPerMonth ?? config.traffic.default.perMonth);
    const text = updateConfigFile(current, [{ path: ['traffic', 'callSites', callSiteId], value: `${perMonth}/month`, comment: 'added from the editor: adjust to the expected traffic of this call site' }], file);
    return { file, text };
  }

  profilingChoices(root: string) {
    return this.profiling.choices(root);
  }

  planProfiling(root: string, selection: { tasks: TaskType[]; tiers: number[] }, overrides: EditorOverrides) {
    return this.profiling.plan(root, selection, overrides);
  }

  async saveTraffic(root: string, tasks: Partial<Record<TaskType, number>>, growthPerMonth: number): Promise<string> {
    const { config } = await loadConfig(root);
    const file = config.file ?? join(root, CONFIG_FILE_NAME);
    const current = config.file ? await readFile(config.file, 'utf8') : '';
    const edits = [
      ...Object.entries(tasks).map(([task, perMonth]) => ({ path: ['traffic', 'tasks', task], value: `${Math.round(perMonth ?? 0)}/month` })),
      { path: ['traffic', 'growthPerMonth'], value: growthPerMonth },
    ];
    await writeText(file, updateConfigFile(current, edits, file));
    return `Saved traffic for ${Object.keys(tasks).length} task types to ${CONFIG_FILE_NAME}.`;
  }

  applyProfilingDecision(root: string, task: TaskType): Promise<string> {
    return this.profiling.applyDecision(root, task);
  }

  compareWithRef(root: string, ref: string) {
    return compareWithRef(this.engine, root, ref, this.log);
  }

  dispose(): void {
    this.saveMemo();
    this.engine.dispose();
    this.counter.dispose();
    this.roots.clear();
  }
}

async function writeText(file: string, text: string): Promise<void> {
  await writeFile(file, text, 'utf8');
}
