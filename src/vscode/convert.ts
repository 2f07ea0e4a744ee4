/**
 * Engine data <-> editor types. The ONLY place where a `Span` (workspace-relative file, 0-based
 * positions) becomes a `vscode.Range`/`vscode.Uri` and back.
 *
 * The conversions are pure: they take the vscode constructors they need as a small factory
 * (`RangeFactory`), so unit tests exercise them with plain objects and the real editor passes
 * `vscode.Range`. Nothing here imports `vscode` at run time.
 */
import type { Position, Span } from '../engine/model';

/** Anything with 0-based line/character (vscode.Position is one). */
export interface PositionLike {
  line: number;
  character: number;
}

/** Anything with start/end positions (vscode.Range is one). */
export interface RangeLike {
  start: PositionLike;
  end: PositionLike;
}

/** Builds a range of the caller's type (the adapter passes `(…) => new vscode.Range(…)`). */
export type RangeFactory<R> = (startLine: number, startCharacter: number, endLine: number, endCharacter: number) => R;

/** Line lengths of a document, to clamp spans that went stale after an edit. */
export interface LineLengths {
  lineCount: number;
  lengthOf(line: number): number;
}

/** Clamps a position into the document (stale spans after an edit must never throw). */
export function clampPosition(position: Position, doc: LineLengths): Position {
  if (doc.lineCount === 0 || position.line < 0) return { line: 0, character: 0 };
  // Past the last line: the end of the document (so a clamped range never ends before it starts).
  if (position.line >= doc.lineCount) return { line: doc.lineCount - 1, character: doc.lengthOf(doc.lineCount - 1) };
  const line = Math.min(Math.max(position.line, 0), doc.lineCount - 1);
  const character = Math.min(Math.max(position.character, 0), doc.lengthOf(line));
  return { line, character };
}

/** An engine span as an editor range, clamped to the document when one is given. */
export function spanToRange<R>(span: Pick<Span, 'start' | 'end'>, make: RangeFactory<R>, doc?: LineLengths): R {
  const start = doc ? clampPosition(span.start, doc) : span.start;
  const end = doc ? clampPosition(span.end, doc) : span.end;
  return make(start.line, start.character, end.line, end.character);
}

/** An editor range as an engine span of `file` (workspace-relative, POSIX separators). */
export function rangeToSpan(range: RangeLike, file: string): Span {
  return {
    file: toWorkspacePath(file),
    start: { line: range.start.line, character: range.start.character },
    end: { line: range.end.line, character: range.end.character },
  };
}

/** The zero-width range at the start of a span's first line (where a CodeLens is anchored). */
export function lineStartRange<R>(span: Pick<Span, 'start'>, make: RangeFactory<R>): R {
  return make(span.start.line, 0, span.start.line, 0);
}

/** True when `position` lies inside `span` (inclusive of both ends, like hover hit-testing). */
export function spanContains(span: Pick<Span, 'start' | 'end'>, position: PositionLike): boolean {
  const afterStart = position.line > span.start.line || (position.line === span.start.line && position.character >= span.start.character);
  const beforeEnd = position.line < span.end.line || (position.line === span.end.line && position.character <= span.end.character);
  return afterStart && beforeEnd;
}

/** Normalises a relative path to the engine's form: POSIX separators, no leading `./`. */
export function toWorkspacePath(relative: string): string {
  return relative.replace(/\\/g, '/').replace(/^\.\//, '');
}

/**
 * The workspace-relative path of an absolute file path under `root`, or undefined when the file
 * is outside the root. Works with POSIX and Windows absolute paths.
 */
export function relativeToRoot(root: string, absolute: string): string | undefined {
  const normRoot = root.replace(/\\/g, '/').replace(/\/+$/, '');
  const normFile = absolute.replace(/\\/g, '/');
  if (!normFile.startsWith(`${normRoot}/`)) return undefined;
  return normFile.slice(normRoot.length + 1);
}

/** The absolute path of a workspace-relative engine path. */
export function absoluteFromRoot(root: string, relative: string): string {
  return `${root.replace(/[\\/]+$/, '')}/${toWorkspacePath(relative)}`;
}
