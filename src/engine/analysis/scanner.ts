/**
 * The scan pipeline up to CallSite records: discover files (project.ts), pre-filter by imports
 * (prefilter.ts), run every detector on each call expression of the selected files, extract each
 * request through the resolver, attach annotations and observability, then expand wrappers into
 * invocations. One bad file never aborts the scan: it becomes a FileProblem naming the file and
 * what to do. Syntax errors are FileProblems too, and the rest of the file is still analysed.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { readBounded } from '../files/boundedRead';
import { boundedSys } from '../files/boundedSys';
import { Node, ts } from 'ts-morph';
import type { CallExpression, SourceFile } from 'ts-morph';
import type { CallSite, FileProblem, SdkId, Span } from '../model';
import { DETECTORS, sdkPackages } from './sdks/index';
import { assignIds, elementId, enclosingName } from './identity';
import { observe } from './observability';
import type { FileImports } from './prefilter';
import { toRelative } from './workspace';
import type { LoadedWorkspace } from './workspace';
import { parseAnnotation } from './resolve/annotations';
import { expandWrappers } from './resolve/wrappers';
import { TypeGapLog } from './typeGaps';
import type { AnalysisContext, DetectedCall, SdkDetector } from './types';

/** Progress callback: files done, files total, the file being analysed (workspace-relative). */
export type ProgressCallback = (done: number, total: number, file: string) => void;

/** Options of one scan pass. */
export interface ScanPassOptions {
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
  /** Restrict detection to these absolute paths (incremental analysis); default: every pre-filtered file. */
  only?: Set<string>;
  /** How many caller levels wrapper resolution follows (default 3). */
  maxCallerDepth?: number;
  detectors?: readonly SdkDetector[];
}

/** CallSite records of a workspace, before sizing. */
export interface ScanPass {
  sites: CallSite[];
  problems: FileProblem[];
  filesScanned: number;
  filesWithSdkImports: number;
  /** Import facts per absolute file path (for incremental dependants). */
  imports: Map<string, FileImports>;
  /**
   * Where the lean program met a type gap (`file:line`): the pass stopped there and must be redone
   * with the full program (`WorkspaceProjects.promote`). Empty when the result is final.
   */
  typeGaps: string[];
}

const SDK_OF_PACKAGE: Array<[string, SdkId]> = DETECTORS.flatMap((d) => d.packages.map((pkg): [string, SdkId] => [pkg, d.sdk]));

/** Builds the per-scan AnalysisContext (no module-level state: everything lives in the closure). */
export function createAnalysisContext(loaded: LoadedWorkspace, maxCallerDepth = 3, typeGap?: (node: Node) => void): AnalysisContext {
  const root = loaded.root;
  const sdkTypes = new Map<SdkId, boolean>();
  const probe = resolve(root, '__tierwise_probe__.ts');
  return {
    root,
    project: loaded.project,
    maxCallerDepth,
    relativePath: (file: SourceFile) => toRelative(root, file.getFilePath()),
    span: (node: Node) => spanOf(root, node),
    readWorkspaceFile: (path: string) => readInsideRoot(root, path),
    hasSdkTypes: (sdk: SdkId) => {
      const known = sdkTypes.get(sdk);
      if (known !== undefined) return known;
      if (!loaded.dependencyTypes) return false;
      const packages = SDK_OF_PACKAGE.filter(([, id]) => id === sdk).map(([pkg]) => pkg);
      const found = packages.some((pkg) => Boolean(ts.resolveModuleName(pkg, probe, loaded.compilerOptions, boundedSys).resolvedModule));
      sdkTypes.set(sdk, found);
      return found;
    },
    ...(typeGap ? { typeGap } : {}),
  };
}

/** 0-based span of a node (its start after leading trivia). */
export function spanOf(root: string, node: Node): Span {
  const file = node.getSourceFile();
  const start = file.getLineAndColumnAtPos(node.getStart());
  const end = file.getLineAndColumnAtPos(node.getEnd());
  return {
    file: toRelative(root, file.getFilePath()),
    start: { line: start.line - 1, character: start.column - 1 },
    end: { line: end.line - 1, character: end.column - 1 },
  };
}

/** Prompt files (`fs.readFileSync('prompts/x.md')` in analysed code) are read only inside the root, regular, capped. */
const MAX_PROMPT_FILE_BYTES = 256 * 1024;

function readInsideRoot(root: string, path: string): string | undefined {
  const absolute = isAbsolute(path) ? path : resolve(root, path);
  if (relative(root, absolute).startsWith('..')) return undefined;
  const read = readBounded(absolute, { maxBytes: MAX_PROMPT_FILE_BYTES, within: root });
  return read.ok ? read.text : undefined;
}

/** Detection and extraction over a loaded workspace (only the pre-filter's selected files are visited). */
export function scanWorkspace(loaded: LoadedWorkspace, options: ScanPassOptions = {}): ScanPass {
  const detectors = options.detectors ?? DETECTORS;
  const selected = [...loaded.selected].filter((file) => !options.only || options.only.has(file)).sort();
  const gaps = loaded.level === 'lean' ? new TypeGapLog(sdkPackages(detectors)) : undefined;
  const typeGaps = gaps?.found ?? [];
  const onGap = gaps ? (node: Node) => gaps.note(node, `${toRelative(loaded.root, node.getSourceFile().getFilePath())}:${node.getStartLineNumber()}`) : undefined;
  const ctx = createAnalysisContext(loaded, options.maxCallerDepth ?? 3, onGap);
  const problems: FileProblem[] = [...loaded.problems];
  const records: Array<{ site: CallSite; detected: DetectedCall }> = [];
  const pass = (sites: CallSite[]): ScanPass => ({ sites, problems, filesScanned: loaded.files.length, filesWithSdkImports: loaded.selected.size, imports: loaded.imports, typeGaps });
  for (const [index, file] of selected.entries()) {
    options.signal?.throwIfAborted();
    const sourceFile = loaded.project.getSourceFile(file);
    if (!sourceFile) continue;
    const rel = toRelative(loaded.root, file);
    options.onProgress?.(index, selected.length, rel);
    problems.push(...syntaxProblems(sourceFile, rel));
    try {
      records.push(...analyseFile(sourceFile, rel, detectors, ctx, problems, gaps));
    } catch (error) {
      problems.push(internalProblem(rel, error));
    }
    if (typeGaps.length > 0) return pass([]);
  }
  options.onProgress?.(selected.length, selected.length, '');
  let sites: CallSite[];
  try {
    sites = expandWrappers(records, ctx);
  } catch (error) {
    problems.push({ ...internalProblem('(wrapper resolution)', error), severity: 'warning' });
    sites = records.map((r) => r.site);
  }
  return pass(sites);
}

function internalProblem(file: string, error: unknown): FileProblem {
  const message = error instanceof Error ? error.message : String(error);
  return {
    file,
    severity: 'error',
    message: `Tierwise could not analyse this file (${message})`,
    fix: 'The rest of the workspace was scanned; please report this with the file contents that trigger it.',
  };
}

/** A TypeScript source file with the syntax errors its parser recorded (TypeScript's `parseDiagnostics`). */
type ParsedSourceFile = ts.SourceFile & { readonly parseDiagnostics?: readonly ts.Diagnostic[] };

/** JavaScript files get extra syntactic checks from the program (TypeScript-only syntax in a .js file). */
const JS_FILE = /\.(js|jsx|mjs|cjs)$/i;

/**
 * TypeScript's syntax errors of a file, as FileProblems with line/col. For TypeScript files these
 * are the parser's own diagnostics, read from the parsed file: asking the program for them would
 * first build a whole program with the default libraries (~150 ms on the editor's first file).
 */
export function syntaxProblems(sourceFile: SourceFile, rel: string): FileProblem[] {
  const parsed = sourceFile.compilerNode as ParsedSourceFile;
  let compilerFile: ts.SourceFile = parsed;
  let diagnostics: readonly ts.Diagnostic[];
  if (parsed.parseDiagnostics && !JS_FILE.test(sourceFile.getFilePath())) {
    diagnostics = parsed.parseDiagnostics;
  } else {
    const program = sourceFile.getProject().getProgram().compilerObject;
    compilerFile = program.getSourceFile(sourceFile.getFilePath()) ?? parsed;
    diagnostics = program.getSyntacticDiagnostics(compilerFile);
  }
  return diagnostics.slice(0, 3).map((diagnostic) => {
    const at = diagnostic.start !== undefined ? compilerFile.getLineAndCharacterOfPosition(diagnostic.start) : undefined;
    return {
      file: rel,
      severity: 'error' as const,
      message: `TypeScript cannot parse this file: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`,
      fix: 'Fix the syntax error (run `tsc --noEmit` to see it); Tierwise analysed the rest of the file where it could.',
      ...(at ? { position: { line: at.line, character: at.character } } : {}),
    };
  });
}

/** Every detected SDK call of one file, as CallSite records paired with their DetectedCall. */
function analyseFile(
  sourceFile: SourceFile,
  rel: string,
  detectors: readonly SdkDetector[],
  ctx: AnalysisContext,
  problems: FileProblem[],
  gaps: TypeGapLog | undefined,
): Array<{ site: CallSite; detected: DetectedCall }> {
  const detected: DetectedCall[] = [];
  sourceFile.forEachDescendant((node) => {
    if (!Node.isCallExpression(node)) return;
    gaps?.hold();
    const match = detectCall(node, detectors, ctx, rel, problems);
    gaps?.release(match !== undefined && !match.detection.some((line) => line.includes('(type checker)')));
    if (match) detected.push(match);
  });
  const ids = assignIds(rel, detected.map((d) => d.call));
  return detected.flatMap((d, i) => {
    if (!d.elements || d.elements.length === 0) return [{ site: buildSite(d, ids[i], ctx, rel, problems), detected: d }];
    // One record per request of the call; each element extracts only its own request (also for wrappers).
    return d.elements.map((element, index) => {
      const one: DetectedCall = { ...d, provider: element.provider ?? d.provider, elements: undefined, detection: [...d.detection, element.detection], extract: element.extract };
      return { site: { ...buildSite(one, elementId(ids[i], index), ctx, rel, problems), span: ctx.span(element.node) }, detected: one };
    });
  });
}

function detectCall(call: CallExpression, detectors: readonly SdkDetector[], ctx: AnalysisContext, rel: string, problems: FileProblem[]): DetectedCall | undefined {
  for (const detector of detectors) {
    try {
      const match = detector.match(call, ctx);
      if (match) return match;
    } catch (error) {
      const line = ctx.span(call).start;
      problems.push({ ...internalProblem(rel, error), severity: 'warning', position: line, message: `the ${detector.sdk} detector failed on this call (${error instanceof Error ? error.message : String(error)})` });
    }
  }
  return undefined;
}

/** The CallSite record of one detected call (values resolved where it is written). */
export function buildSite(detected: DetectedCall, id: string, ctx: AnalysisContext, rel: string, problems: FileProblem[]): CallSite {
  const call = detected.call;
  let extracted;
  try {
    extracted = detected.extract();
  } catch (error) {
    const expression = call.getText().replace(/\s+/g, ' ').slice(0, 200);
    const reason = `resolution failed: ${error instanceof Error ? error.message : String(error)}`;
    problems.push({ ...internalProblem(rel, error), severity: 'warning', position: ctx.span(call).start });
    extracted = {
      model: { status: 'unknown' as const, candidates: [], unknown: [{ reason, expression }], expression, hardCoded: false },
      prompt: { parts: [], unknown: [{ reason, expression }] },
      params: { stream: false, batch: detected.operation === 'batch' },
    };
  }
  const annotation = parseAnnotation(call, ctx);
  return {
    id,
    role: 'direct',
    span: ctx.span(call),
    enclosing: enclosingName(call),
    sdk: detected.sdk,
    provider: detected.provider,
    api: detected.api,
    operation: detected.operation,
    ...(detected.client ? { client: detected.client } : {}),
    model: extracted.model,
    prompt: extracted.prompt,
    params: extracted.params,
    ...(annotation ? { annotation } : {}),
    observability: observe(call, ctx),
    ...(extracted.batchSize ? { batchSize: extracted.batchSize } : {}),
    detection: detected.detection,
  };
}
