/**
 * The composition root of the engine: one `Engine` instance owns the ts-morph project cache, the
 * token counter and the catalog (no module-level state). Front ends create one with
 * `createEngine()` and call `scan` (whole workspace) or `analyzeFile` (one edited file, with an
 * unsaved-buffer overlay). Everything returned is plain JSON-serializable data.
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { sizeAndPriceCallSite } from './sizeAndPrice';
import { sdkPackages } from './analysis/sdks/index';
import { WorkspaceProjects, toRelative } from './analysis/workspace';
import type { LoadedWorkspace } from './analysis/workspace';
import { dependantsOf, importClosure } from './analysis/prefilter';
import { scanWorkspace } from './analysis/scanner';
import type { ProgressCallback, ScanPass, ScanPassOptions } from './analysis/scanner';
import { createCatalog } from './catalog/catalog';
import type { Catalog, CatalogOptions } from './catalog/catalog';
import { loadConfig } from './config/load';
import { TierwiseError } from './errors';
import type { AnalyzedCallSite, FileProblem, Projection, Recommendation, ScanResult, TierEvidence, TierwiseConfig } from './model';
import { recommend as recommendSite } from './recommend/recommend';
import { projectCosts } from './projection/project';
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
  /**
   * Analyse first with the lean program (workspace files only, no dependency or DOM declarations)
   * and switch a workspace to the full program only where the checker met a type that could decide a
   * result (default true). False always uses the full program: same results, slower.
   */
  leanPrograms?: boolean;
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

  constructor(private readonly options: EngineOptions) {
    this.projects = new WorkspaceProjects({ dependencyTypes: options.dependencyTypes, sdkPackages: sdkPackages(), leanFirst: options.leanPrograms });
    this.counter = options.counter ?? createTokenCounter();
    this.ownsCounter = !options.counter;
  }

  async scan(rootInput: string, scanOptions: EngineScanOptions = {}): Promise<ScanResult> {
    const started = Date.now();
    const root = checkRoot(rootInput);
    const { config, problems: configProblems } = await this.configFor(root, scanOptions.config);
    const pass = this.analyse(this.projects.load(root), { onProgress: scanOptions.onProgress, signal: scanOptions.signal, maxCallerDepth: this.depth() });
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
    // No re-walk: the edit updates the kept file list, hashes and import facts of the root.
    const loaded = this.projects.update(root, absolute, contents);
    const affected = dependantsOf(absolute, loaded.imports);
    // The files it imports are analysed too: wrappers it calls are expanded from there.
    const only = new Set([...affected, ...importClosure([absolute], loaded.imports)]);
    const pass = this.analyse(loaded, { only, maxCallerDepth: this.depth() });
    const affectedRel = new Set([...affected].map((p) => toRelative(root, p)));
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
    return projectCosts(scan, config, this.catalogFor(config), evidence);
  }

  dispose(): void {
    this.projects.clear();
    this.catalogs.clear();
    if (this.ownsCounter) this.counter.dispose();
  }

  /** One analysis pass; a lean pass that met a type gap is redone with the full program (see analysis/programs.ts). */
  private analyse(loaded: LoadedWorkspace, options: ScanPassOptions): ScanPass {
    const pass = scanWorkspace(loaded, options);
    if (pass.typeGaps.length === 0) return pass;
    return scanWorkspace(this.projects.promote(loaded.root), options);
  }

  private depth(): number {
    return Math.max(2, this.options.maxCallerDepth ?? 3);
  }

  private size(pass: ScanPass, config: TierwiseConfig, catalog: Catalog): AnalyzedCallSite[] {
    return pass.sites.map((site) => sizeAndPriceCallSite(site, { catalog, counter: this.counter, config }));
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
