/**
 * Loading a workspace into a ts-morph Project: honours the workspace tsconfig.json/jsconfig.json
 * when there is one (else sensible options with allowJs), skips node_modules, build output and
 * git-ignored files, keeps unsaved-buffer overlays and a content-hash cache so a re-scan only
 * replaces the files that changed.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { Project, ts } from 'ts-morph';
import type { ResolutionHostFactory, SourceFile } from 'ts-morph';
import type { FileProblem } from '../model';

/** Directory names never analysed (dependencies and build output). */
export const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'build', 'out', '.next', 'coverage', '.git', '.tierwise-cache']);

/** Extensions of files Tierwise analyses. */
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

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
}

/** True for a path that lies in a skipped directory (relative to the root). */
export function isSkippedPath(root: string, absolute: string): boolean {
  const rel = relative(root, absolute);
  if (rel.startsWith('..')) return true;
  return rel.split(sep).some((part) => SKIPPED_DIRS.has(part));
}

function isSourceFile(path: string): boolean {
  return SOURCE_EXTENSIONS.some((ext) => path.endsWith(ext)) && !path.endsWith('.d.ts') && !path.endsWith('.d.mts') && !path.endsWith('.d.cts');
}

/** Walks the directory tree for source files, skipping dependency and build directories. */
export function walkSourceFiles(dir: string, out: string[] = []): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries.sort()) {
    if (SKIPPED_DIRS.has(name)) continue;
    const path = join(dir, name);
    let stats;
    try {
      stats = statSync(path);
    } catch {
      continue;
    }
    if (stats.isDirectory()) walkSourceFiles(path, out);
    else if (isSourceFile(name)) out.push(path);
  }
  return out;
}

/**
 * Paths git ignores under `root` (files, and directories ending in `/`), relative to root, or an
 * empty list when root is not inside a git work tree or git is unavailable.
 */
export function gitIgnoredPaths(root: string): string[] {
  try {
    const inside = execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
    if (inside.toString().trim() !== 'true') return [];
    const out = execFileSync('git', ['ls-files', '--others', '--ignored', '--exclude-standard', '--directory'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    });
    return out.toString().split('\n').map((line) => line.trim()).filter(Boolean);
  } catch {
    return [];
  }
}

/** A predicate telling whether a workspace file is git-ignored. */
export function ignoredPredicate(root: string, ignored: string[]): (absolute: string) => boolean {
  const files = new Set(ignored.filter((p) => !p.endsWith('/')));
  const dirs = ignored.filter((p) => p.endsWith('/'));
  return (absolute) => {
    const rel = relative(root, absolute).split(sep).join('/');
    return files.has(rel) || dirs.some((dir) => rel.startsWith(dir));
  };
}

interface ParsedConfig {
  options: ts.CompilerOptions;
  fileNames: string[];
  configFile: string | null;
  problems: FileProblem[];
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
  if (!configPath) return { options: DEFAULT_COMPILER_OPTIONS, fileNames: walkSourceFiles(root), configFile: null, problems: [] };
  const problems: FileProblem[] = [];
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => problems.push(problemFromDiagnostic(root, configPath, diagnostic)),
  };
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, { noEmit: true }, host);
  if (!parsed) return { options: DEFAULT_COMPILER_OPTIONS, fileNames: walkSourceFiles(root), configFile: configPath, problems };
  // "No inputs were found" (18003) just means an empty solution-style config: walk instead.
  for (const diagnostic of parsed.errors.filter((d) => d.code !== 18003)) problems.push(problemFromDiagnostic(root, configPath, diagnostic));
  const options = { ...parsed.options, noEmit: true, allowJs: parsed.options.allowJs ?? configPath.endsWith('jsconfig.json') };
  const fileNames = parsed.fileNames.filter(isSourceFile);
  return { options, fileNames: fileNames.length > 0 ? fileNames : walkSourceFiles(root), configFile: configPath, problems };
}

/** Lists the workspace's analysable files: tsconfig files minus skipped directories and git-ignored paths. */
export function discoverFiles(root: string, config: ParsedConfig): string[] {
  const ignored = ignoredPredicate(root, gitIgnoredPaths(root));
  return [...new Set(config.fileNames.map((file) => resolve(file)))]
    .filter((file) => !isSkippedPath(root, file) && !ignored(file))
    .sort();
}

/** SHA-1 of a file's contents (the cache key for re-scans). */
export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/**
 * Holds one ts-morph Project per workspace root across scans (the engine owns an instance; there is
 * no module-level cache). Files are replaced only when their content hash changed; overlays (unsaved
 * editor buffers) win over the disk until cleared.
 */
export class WorkspaceProjects {
  /**
   * @param options.dependencyTypes when false, imports of packages in node_modules are not resolved:
   * the checker never loads SDK declaration files (several MB), detection relies on import tracing
   * (it does not need them) and the first scan is several times faster. Default true.
   */
  constructor(private readonly options: { dependencyTypes?: boolean } = {}) {}

  private readonly projects = new Map<string, { project: Project; hashes: Map<string, string>; options: ts.CompilerOptions }>();
  private readonly overlays = new Map<string, string>();

  /** Loads or refreshes the project of `root` from disk (and overlays). */
  load(rootInput: string): LoadedWorkspace {
    const root = resolve(rootInput);
    const config = readWorkspaceConfig(root);
    const files = discoverFiles(root, config);
    const entry = this.entryFor(root, config.options);
    const problems = [...config.problems];
    const wanted = new Set(files);
    for (const sourceFile of entry.project.getSourceFiles()) {
      const path = sourceFile.getFilePath();
      if (!wanted.has(resolve(path)) && !this.overlays.has(path)) {
        entry.project.removeSourceFile(sourceFile);
        entry.hashes.delete(path);
      }
    }
    const loaded: string[] = [];
    for (const file of files) {
      const text = this.overlays.get(file) ?? readText(file);
      if (text === undefined) {
        problems.push({ file: toRelative(root, file), severity: 'error', message: 'the file could not be read', fix: 'Check the file permissions.' });
        continue;
      }
      this.put(entry, file, text);
      loaded.push(file);
    }
    return { root, project: entry.project, compilerOptions: entry.options, files: loaded, problems, configFile: config.configFile, dependencyTypes: this.options.dependencyTypes !== false };
  }

  /** Sets (or with `undefined`, clears) the unsaved contents of one file; returns its SourceFile. */
  setOverlay(rootInput: string, absolute: string, contents: string | undefined): SourceFile | undefined {
    const root = resolve(rootInput);
    const entry = this.projects.get(root);
    const path = resolve(absolute);
    if (contents === undefined) this.overlays.delete(path);
    else this.overlays.set(path, contents);
    if (!entry) return undefined;
    const text = contents ?? readText(path);
    if (text === undefined) return undefined;
    return this.put(entry, path, text);
  }

  /** The cached project of a root, if loaded. */
  get(rootInput: string): Project | undefined {
    return this.projects.get(resolve(rootInput))?.project;
  }

  /** Forgets every project and overlay. */
  clear(): void {
    this.projects.clear();
    this.overlays.clear();
  }

  private entryFor(root: string, options: ts.CompilerOptions) {
    const existing = this.projects.get(root);
    if (existing && JSON.stringify(existing.options) === JSON.stringify(options)) return existing;
    const project = new Project({
      compilerOptions: options,
      skipAddingFilesFromTsConfig: true,
      skipFileDependencyResolution: true,
      ...(this.options.dependencyTypes === false ? { resolutionHost: workspaceOnlyResolution } : {}),
    });
    const entry = { project, hashes: new Map<string, string>(), options };
    this.projects.set(root, entry);
    return entry;
  }

  private put(entry: { project: Project; hashes: Map<string, string> }, file: string, text: string): SourceFile {
    const hash = contentHash(text);
    const existing = entry.project.getSourceFile(file);
    if (existing && entry.hashes.get(file) === hash) return existing;
    entry.hashes.set(file, hash);
    if (existing) {
      existing.replaceWithText(text);
      return existing;
    }
    return entry.project.createSourceFile(file, text, { overwrite: true });
  }
}

/** Resolves imports to workspace files only (node_modules packages stay unresolved). */
const workspaceOnlyResolution: ResolutionHostFactory = (host, getCompilerOptions) => ({
  resolveModuleNames: (moduleNames, containingFile) =>
    moduleNames.map((name) => {
      const resolved = ts.resolveModuleName(name, containingFile, getCompilerOptions(), host).resolvedModule;
      return resolved && !resolved.isExternalLibraryImport ? resolved : undefined;
    }),
});

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Workspace-relative POSIX path. */
export function toRelative(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join('/');
}
