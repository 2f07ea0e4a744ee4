/**
 * The composition root of the engine: one `Engine` instance owns the ts-morph project cache, the
 * token counter and the catalog (no module-level state). Front ends create one with
 * `createEngine()` and call `scan` (whole workspace) or `analyzeFile` (one edited file, with an
 * unsaved-buffer overlay). Everything returned is plain JSON-serializable data.
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { analyzeCallSite } from './analyze';
import { WorkspaceProjects, toRelative } from './analysis/project';
import type { LoadedWorkspace } from './analysis/project';
import { dependantsOf } from './analysis/prefilter';
import type { FileImports } from './analysis/prefilter';
import { scanWorkspace } from './analysis/scanner';
import type { ProgressCallback, ScanPass } from './analysis/scanner';
import { createCatalog } from './catalog/catalog';
import type { Catalog, CatalogOptions } from './catalog/catalog';
import { loadConfig } from './config/load';
import { TierwiseError } from './errors';
import type { AnalyzedCallSite, FileProblem, Projection, Recommendation, ScanResult, TierEvidence, TierwiseConfig } from './model';
import { recommend as recommendSite } from './recommend/recommend';
import { project as projectScan } from './project/project';
import { createTokenCounter } from './tokens/counter';
import type { TokenCounter } from './tokens/counter';

/** Options of `createEngine`. */
export interface EngineOptions {
  /** Catalog options (cache directory, bundled-only); overrides come from each scan's config. */
  catalog?: Omit<CatalogOptions, 'overrides'>;
  /** A token counter to share (default: a new one owned and disposed by the engine). */
  counter?: TokenCounter;
  /** Caller levels wrapper resolution follows (default 3, at least 2). */
  maxCallerDepth?: number;
  /**
   * Load the declaration files of the workspace's dependencies (SDK types) so the type checker can
   * confirm client types (default true). False skips them: detection then relies on import tracing
   * alone, and a first scan is several times faster.
   */
  dependencyTypes?: boolean;
}

/** Options of one scan. */
export interface EngineScanOptions {
  /** Configuration to use; default: `tierwise.yml` at the root (or the defaults). */
  config?: TierwiseConfig;
  /** Called as files are analysed: (done, total, workspace-relative file). */
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
}

/** The engine: scans workspaces and re-analyses single files incrementally. */
export interface Engine {
  /** Scans a workspace root: every LLM call site, sized and priced. */
  scan(root: string, options?: EngineScanOptions): Promise<ScanResult>;
  /**
   * Re-analyses one file (workspace-relative or absolute path), using `contents` as its unsaved
   * buffer when given (`undefined` clears a previous overlay). Returns the call sites of that file
   * and of the files whose analysis depends on it.
   */
  analyzeFile(root: string, file: string, contents?: string, options?: { config?: TierwiseConfig }): Promise<{ callSites: AnalyzedCallSite[]; problems: FileProblem[] }>;
  /** The catalog used for a configuration (shared with recommend/project front ends). */
  catalogFor(config: TierwiseConfig): Catalog;
  /** The tier recommendation of one analysed call site (with profiling evidence when given). */
  recommend(site: AnalyzedCallSite, config: TierwiseConfig, evidence?: readonly TierEvidence[]): Recommendation;
  /** The monthly cost projection of a scan (now vs. recommended, per call site, per task, totals). */
  project(scan: ScanResult, config: TierwiseConfig, evidence?: readonly TierEvidence[]): Projection;
  /** Frees projects, encoders and caches. */
  dispose(): void;
}

/** Creates an engine instance. */
export function createEngine(options: EngineOptions = {}): Engine {
  return new EngineImpl(options);
}

class EngineImpl implements Engine {
  private readonly projects: WorkspaceProjects;
  private readonly counter: TokenCounter;
  private readonly ownsCounter: boolean;
  private readonly catalogs = new Map<string, Catalog>();
  private readonly workspaces = new Map<string, { loaded: LoadedWorkspace; imports: Map<string, FileImports> }>();

  constructor(private readonly options: EngineOptions) {
    this.projects = new WorkspaceProjects({ dependencyTypes: options.dependencyTypes });
    this.counter = options.counter ?? createTokenCounter();
    this.ownsCounter = !options.counter;
  }

  async scan(rootInput: string, scanOptions: EngineScanOptions = {}): Promise<ScanResult> {
    const started = Date.now();
    const root = checkRoot(rootInput);
    const { config, problems: configProblems } = await this.configFor(root, scanOptions.config);
    const loaded = this.projects.load(root);
    const pass = scanWorkspace(loaded, { onProgress: scanOptions.onProgress, signal: scanOptions.signal, maxCallerDepth: this.depth() });
    this.workspaces.set(root, { loaded, imports: pass.imports });
    const catalog = this.catalogFor(config);
    return {
      root,
      filesScanned: pass.filesScanned,
      filesWithSdkImports: pass.filesWithSdkImports,
      callSites: this.size(pass, config, catalog),
      problems: [...configProblems, ...pass.problems],
      catalogAsOf: catalog.asOf,
      durationMs: Date.now() - started,
    };
  }

  async analyzeFile(rootInput: string, file: string, contents?: string, options: { config?: TierwiseConfig } = {}) {
    const root = checkRoot(rootInput);
    const absolute = isAbsolute(file) ? resolve(file) : resolve(root, file);
    const { config, problems: configProblems } = await this.configFor(root, options.config);
    let workspace = this.workspaces.get(root);
    if (!workspace) {
      const loaded = this.projects.load(root);
      workspace = { loaded, imports: new Map() };
    }
    this.projects.setOverlay(root, absolute, contents);
    if (!workspace.loaded.files.includes(absolute) && existsSync(absolute)) workspace.loaded.files.push(absolute);
    const affected = dependantsOf(absolute, workspace.imports);
    const only = new Set([...affected, ...importClosure(absolute, workspace.imports)]);
    const pass = scanWorkspace(workspace.loaded, { only, maxCallerDepth: this.depth() });
    this.workspaces.set(root, { loaded: workspace.loaded, imports: pass.imports });
    const affectedRel = new Set([...dependantsOf(absolute, pass.imports)].map((p) => toRelative(root, p)));
    const sites = this.size(pass, config, this.catalogFor(config)).filter((s) => affectedRel.has(s.site.span.file));
    const problems = pass.problems.filter((p) => affectedRel.has(p.file));
    return { callSites: sites, problems: [...configProblems, ...problems] };
  }

  catalogFor(config: TierwiseConfig): Catalog {
    const key = JSON.stringify(config.pricing.overrides ?? {});
    let catalog = this.catalogs.get(key);
    if (!catalog) {
      catalog = createCatalog({ ...this.options.catalog, overrides: config.pricing.overrides });
      this.catalogs.set(key, catalog);
    }
    return catalog;
  }

  recommend(site: AnalyzedCallSite, config: TierwiseConfig, evidence: readonly TierEvidence[] = []): Recommendation {
    return recommendSite(site, config, this.catalogFor(config), evidence);
  }

  project(scan: ScanResult, config: TierwiseConfig, evidence: readonly TierEvidence[] = []): Projection {
    return projectScan(scan, config, this.catalogFor(config), evidence);
  }

  dispose(): void {
    this.projects.clear();
    this.workspaces.clear();
    this.catalogs.clear();
    if (this.ownsCounter) this.counter.dispose();
  }

  private depth(): number {
    return Math.max(2, this.options.maxCallerDepth ?? 3);
  }

  private size(pass: ScanPass, config: TierwiseConfig, catalog: Catalog): AnalyzedCallSite[] {
    return pass.sites.map((site) => analyzeCallSite(site, { catalog, counter: this.counter, config }));
  }

  private async configFor(root: string, given: TierwiseConfig | undefined): Promise<{ config: TierwiseConfig; problems: FileProblem[] }> {
    if (given) return { config: given, problems: [] };
    const loaded = await loadConfig(root);
    const problems: FileProblem[] = loaded.problems.map((p) => ({
      file: toRelative(root, p.file),
      severity: 'error',
      message: `${p.message} (field \`${p.field}\`)`,
      fix: p.fix,
      position: { line: Math.max(0, p.line - 1), character: Math.max(0, p.column - 1) },
    }));
    return { config: loaded.config, problems };
  }
}

/** The absolute root, or a TierwiseError naming the path and the fix. */
function checkRoot(rootInput: string): string {
  const root = resolve(rootInput);
  if (!existsSync(root)) {
    throw new TierwiseError('root-not-found', `directory not found: ${root}`, 'pass the path of an existing project directory (for example `tierwise scan .`)', { file: root });
  }
  if (!statSync(root).isDirectory()) {
    throw new TierwiseError('root-not-directory', `not a directory: ${root}`, 'pass the project directory, not a file', { file: root });
  }
  return root;
}

/** Files `file` imports, transitively (wrappers it calls live there). */
function importClosure(file: string, imports: Map<string, FileImports>): Set<string> {
  const out = new Set<string>();
  const queue = [file];
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
