/**
 * Loading a workspace: honours the workspace tsconfig.json/jsconfig.json when there is one (else
 * sensible options with allowJs), skips node_modules, build output and git-ignored files, runs the
 * import pre-filter on every file's text, and puts only the files that can reach an LLM SDK (with
 * their import closure) into a ts-morph Project. Keeps unsaved-buffer overlays and content hashes so
 * a re-scan or an edit only re-reads and replaces the files that changed.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { ts } from 'ts-morph';
import type { Project } from 'ts-morph';
import type { FileProblem } from '../model';
import { importClosure, readImports, selectSdkFiles } from './prefilter';
import type { FileImports } from './prefilter';
import { createProgramProject } from './programs';
import type { TypeLevel } from './programs';
import { isInside, realPathOf } from '../files/boundedRead';
import { boundedSys } from '../files/boundedSys';
import { gitIgnorePredicate, isSkippedPath, isSourceFile, readSourceText, walkSourceFiles } from './walk';
import type { SkippedPath, WalkResult } from './walk';

/** Options used when the workspace has no tsconfig.json / jsconfig.json. */
export const DEFAULT_COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowJs: true,
  checkJs: false,
  jsx: ts.JsxEmit.Preserve,
  esModuleInterop: true,
  skipLibCheck: true,
  noEmit: true,
  strict: false,
};

/** A loaded workspace: the project, its workspace files and problems met while loading. */
export interface LoadedWorkspace {
  root: string;
  project: Project;
  compilerOptions: ts.CompilerOptions;
  /** Absolute paths of the workspace files that are analysed. */
  files: string[];
  problems: FileProblem[];
  /** Config file used (`tsconfig.json`), or null. */
  configFile: string | null;
  /** Whether dependency declaration files (SDK types) are loaded into the program. */
  dependencyTypes: boolean;
  /** Pre-filter facts of every workspace file (absolute path -> imports), cached by content hash. */
  imports: Map<string, FileImports>;
  /** Files that can reach an LLM SDK: the only ones detection visits. */
  selected: Set<string>;
  /** The program `project` is (see programs.ts): `lean` results with type gaps must be redone `full`. */
  level: TypeLevel;
}

interface ParsedConfig {
  options: ts.CompilerOptions;
  /** The tsconfig's file list, or the walk's when there is no usable tsconfig. */
  fileNames: string[];
  /** Set when the file list came from the walk (already safe and git-ignore filtered). */
  walked?: WalkResult;
  configFile: string | null;
  problems: FileProblem[];
}

function walked(root: string): { fileNames: string[]; walked: WalkResult } {
  const result = walkSourceFiles(root);
  return { fileNames: result.files, walked: result };
}

function problemFromDiagnostic(root: string, configPath: string, diagnostic: ts.Diagnostic): FileProblem {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  const position = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start) : undefined;
  return {
    file: relative(root, configPath).split(sep).join('/'),
    severity: 'warning',
    message: `${message} (Tierwise fell back to default compiler options where needed)`,
    fix: 'Fix the tsconfig/jsconfig file so `tsc --noEmit` accepts it.',
    ...(position ? { position: { line: position.line, character: position.character } } : {}),
  };
}

/** Reads the workspace tsconfig.json (or jsconfig.json); falls back to defaults with a FileProblem. */
export function readWorkspaceConfig(root: string): ParsedConfig {
  const configPath = ['tsconfig.json', 'jsconfig.json'].map((name) => join(root, name)).find((path) => existsSync(path));
  if (!configPath) return { options: DEFAULT_COMPILER_OPTIONS, ...walked(root), configFile: null, problems: [] };
  const problems: FileProblem[] = [];
  const host: ts.ParseConfigFileHost = {
    ...boundedSys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => problems.push(problemFromDiagnostic(root, configPath, diagnostic)),
  };
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, { noEmit: true }, host);
  if (!parsed) return { options: DEFAULT_COMPILER_OPTIONS, ...walked(root), configFile: configPath, problems };
  // "No inputs were found" (18003) just means an empty solution-style config: walk instead.
  for (const diagnostic of parsed.errors.filter((d) => d.code !== 18003)) problems.push(problemFromDiagnostic(root, configPath, diagnostic));
  const options = { ...parsed.options, noEmit: true, allowJs: parsed.options.allowJs ?? configPath.endsWith('jsconfig.json') };
  const fileNames = parsed.fileNames.filter(isSourceFile);
  return fileNames.length > 0 ? { options, fileNames, configFile: configPath, problems } : { options, ...walked(root), configFile: configPath, problems };
}

/**
 * Lists the workspace's analysable files: the walk's, or the tsconfig's minus skipped directories,
 * git-ignored paths, non-regular files and links out of the root (each of those reported).
 */
export function discoverFiles(root: string, config: ParsedConfig): { files: string[]; skipped: SkippedPath[] } {
  if (config.walked) return { files: config.walked.files, skipped: config.walked.skipped };
  const ignored = gitIgnorePredicate(root);
  const realRoot = realPathOf(root) ?? root;
  const files: string[] = [];
  const skipped: SkippedPath[] = [];
  const seen = new Set<string>();
  for (const file of [...new Set(config.fileNames.map((f) => resolve(f)))].sort()) {
    if (isSkippedPath(root, file) || ignored(file)) continue;
    const real = realPathOf(file);
    if (!real || !isInside(realRoot, real)) skipped.push({ path: toRelative(root, file), reason: 'a link to a file outside the project: not read' });
    else if (seen.has(real)) skipped.push({ path: toRelative(root, file), reason: 'another name for a file already listed (a symlink): analysed once' });
    else {
      seen.add(real);
      files.push(file);
    }
  }
  return { files, skipped };
}

/** SHA-1 of a file's contents (the cache key for re-scans). */
export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** Pre-filter and program state of one workspace root, kept between scans and edits. */
interface RootState {
  root: string;
  config: ParsedConfig;
  optionsKey: string;
  /** Readable workspace files, sorted. */
  files: string[];
  fileSet: Set<string>;
  hashes: Map<string, string>;
  imports: Map<string, FileImports>;
  resolution: ts.ModuleResolutionCache;
  problems: FileProblem[];
  /** Files that can reach an SDK (pre-filter). */
  selected: Set<string>;
  /** Files put in the checker's program: `selected` plus their workspace import closure. */
  members: Set<string>;
  level: TypeLevel;
  program: { project: Project; hashes: Map<string, string> } | undefined;
}

/**
 * Holds the state of each workspace root across scans and edits (the engine owns an instance; there
 * is no module-level cache): the file list, content hashes and pre-filter facts of every file, and
 * one ts-morph Project holding only the files that can reach an LLM SDK (plus their import closure),
 * so the type checker never parses or binds the rest of the workspace. Files are replaced only
 * when their content hash changed; overlays (unsaved editor buffers) win over the disk until cleared.
 */
export class WorkspaceProjects {
  /**
   * @param options.dependencyTypes when false, the full program does not resolve imports of
   * packages in node_modules either (see programs.ts). Default true.
   * @param options.sdkPackages module specifiers the pre-filter looks for.
   * @param options.leanFirst analyse with the lean program first (default true); false always uses the full one.
   */
  constructor(private readonly options: { dependencyTypes?: boolean; sdkPackages: readonly string[]; leanFirst?: boolean }) {}

  private readonly states = new Map<string, RootState>();
  private readonly overlays = new Map<string, string>();

  /** Loads or refreshes `root` from disk (and overlays): re-discovers files, re-reads changed ones. */
  load(rootInput: string, extraFiles: readonly string[] = []): LoadedWorkspace {
    const root = resolve(rootInput);
    const config = readWorkspaceConfig(root);
    const found = discoverFiles(root, config);
    const discovered = [...new Set([...found.files, ...extraFiles])].sort();
    const problems = [...config.problems, ...found.skipped.map(skippedProblem)];
    const texts = new Map<string, string>();
    for (const file of discovered) {
      const overlay = this.overlays.get(file);
      const read = overlay !== undefined ? { text: overlay } : readSourceText(root, file);
      if ('skipped' in read) problems.push(skippedProblem({ path: toRelative(root, file), reason: read.skipped }));
      else texts.set(file, read.text);
    }
    const state = this.stateFor(root, config, [...texts.keys()]);
    state.problems = problems;
    for (const [file, text] of texts) this.refreshFacts(state, file, text);
    this.select(state);
    this.sync(state, (file) => texts.get(file));
    return this.view(state);
  }

  /**
   * Applies one edit (`contents`, or `undefined` to clear the unsaved buffer and use the disk) to an
   * already loaded root without re-walking it: re-reads that file's imports, re-selects when they
   * changed and replaces it in the program. A file new to the workspace reloads the root.
   */
  update(rootInput: string, absolute: string, contents: string | undefined): LoadedWorkspace {
    const root = resolve(rootInput);
    const path = resolve(absolute);
    this.setOverlayText(path, contents);
    const state = this.states.get(root);
    const text = this.overlays.get(path) ?? readText(root, path);
    const extra = text !== undefined && isSourceFile(path) && !isSkippedPath(root, path) ? [path] : [];
    if (!state || !state.fileSet.has(path) || text === undefined) return this.load(root, extra);
    const before = state.imports.get(path);
    this.refreshFacts(state, path, text);
    if (!sameImports(before, state.imports.get(path))) this.select(state);
    this.sync(state, (file) => (file === path ? text : undefined));
    return this.view(state);
  }

  /** Switches `root` to the full program (dependency types, the workspace's libs) for good. */
  promote(rootInput: string): LoadedWorkspace {
    const state = this.states.get(resolve(rootInput));
    if (!state) throw new Error(`promote before load: ${rootInput}`);
    if (state.level !== 'full') {
      state.level = 'full';
      state.program = undefined;
      this.sync(state, () => undefined);
    }
    return this.view(state);
  }

  /** Sets (or with `undefined`, clears) the unsaved contents of one file; applies it when the root is loaded. */
  setOverlay(rootInput: string, absolute: string, contents: string | undefined): void {
    if (this.states.has(resolve(rootInput))) this.update(rootInput, absolute, contents);
    else this.setOverlayText(resolve(absolute), contents);
  }

  /** The checker project of a root, if loaded. */
  get(rootInput: string): Project | undefined {
    return this.states.get(resolve(rootInput))?.program?.project;
  }

  /** Forgets every root and overlay. */
  clear(): void {
    this.states.clear();
    this.overlays.clear();
  }

  private setOverlayText(path: string, contents: string | undefined): void {
    if (contents === undefined) this.overlays.delete(path);
    else this.overlays.set(path, contents);
  }

  /** The state of `root`, reset when its compiler options or its file set changed (module resolution may differ). */
  private stateFor(root: string, config: ParsedConfig, files: string[]): RootState {
    const optionsKey = JSON.stringify(config.options);
    const existing = this.states.get(root);
    const sameFiles = existing !== undefined && existing.files.length === files.length && files.every((f) => existing.fileSet.has(f));
    if (existing && existing.optionsKey === optionsKey && sameFiles) {
      existing.config = config;
      return existing;
    }
    const state: RootState = {
      root,
      config,
      optionsKey,
      files,
      fileSet: new Set(files),
      hashes: new Map(),
      imports: new Map(),
      resolution: ts.createModuleResolutionCache(root, (name) => name, config.options),
      problems: [],
      selected: new Set(),
      members: new Set(),
      level: existing?.optionsKey === optionsKey ? existing.level : this.options.leanFirst === false ? 'full' : 'lean',
      program: existing?.optionsKey === optionsKey ? existing.program : undefined,
    };
    this.states.set(root, state);
    return state;
  }

  private refreshFacts(state: RootState, file: string, text: string): void {
    const hash = contentHash(text);
    if (state.hashes.get(file) === hash && state.imports.has(file)) return;
    state.hashes.set(file, hash);
    state.imports.set(file, readImports(file, text, this.options.sdkPackages, state.config.options, (p) => state.fileSet.has(p), state.resolution));
  }

  private select(state: RootState): void {
    state.selected = selectSdkFiles(state.imports);
    state.members = new Set([...state.selected, ...importClosure(state.selected, state.imports)]);
  }

  /** Makes the program hold exactly the member files, at their current contents. */
  private sync(state: RootState, knownText: (file: string) => string | undefined): void {
    if (!state.program && state.members.size === 0) return;
    const program = this.programOf(state);
    for (const sourceFile of program.project.getSourceFiles()) {
      const path = sourceFile.getFilePath();
      if (!state.members.has(path)) {
        program.project.removeSourceFile(sourceFile);
        program.hashes.delete(path);
      }
    }
    for (const file of state.members) {
      const hash = state.hashes.get(file);
      if (hash !== undefined && program.hashes.get(file) === hash) continue;
      const text = knownText(file) ?? this.overlays.get(file) ?? readText(state.root, file);
      if (text === undefined) continue;
      program.hashes.set(file, contentHash(text));
      const existing = program.project.getSourceFile(file);
      if (existing) existing.replaceWithText(text);
      else program.project.createSourceFile(file, text, { overwrite: true });
    }
  }

  private programOf(state: RootState): { project: Project; hashes: Map<string, string> } {
    state.program ??= { project: createProgramProject(state.level, state.config.options, this.options.dependencyTypes !== false), hashes: new Map() };
    return state.program;
  }

  private view(state: RootState): LoadedWorkspace {
    return {
      root: state.root,
      project: this.programOf(state).project,
      compilerOptions: state.config.options,
      files: state.files,
      problems: state.problems,
      configFile: state.config.configFile,
      dependencyTypes: state.level === 'full' && this.options.dependencyTypes !== false,
      imports: state.imports,
      selected: state.selected,
      level: state.level,
    };
  }
}

function sameImports(a: FileImports | undefined, b: FileImports | undefined): boolean {
  if (!a || !b) return a === b;
  const same = (x: string[], y: string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return same(a.sdkModules, b.sdkModules) && same(a.workspaceImports, b.workspaceImports);
}

function readText(root: string, file: string): string | undefined {
  const read = readSourceText(root, file);
  return 'text' in read ? read.text : undefined;
}

/** A file left out of the analysis, as the warning the scan reports. */
function skippedProblem(skipped: SkippedPath): FileProblem {
  return {
    file: skipped.path,
    severity: 'warning',
    message: `skipped: ${skipped.reason}`,
    fix: 'nothing to do if this file holds no LLM calls; otherwise replace it with a regular source file inside the project',
  };
}

/** Workspace-relative POSIX path. */
export function toRelative(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join('/');
}
