/**
 * Workspace folders as plain data: every folder of a (multi-root) workspace is its own Tierwise
 * root with its own `tierwise.yml`. Which folder a command argument names, and whether a file is a
 * folder's configuration file. Pure (no `vscode`), so unit tests exercise it directly.
 */
import { relativeToRoot } from '../convert';

/** One workspace folder: its absolute path (the Tierwise root) and the name the editor shows. */
export interface FolderRef {
  root: string;
  name: string;
}

/**
 * The configuration file names looked up at a root, in order. Mirrors the engine's
 * `CONFIG_FILE_NAMES` (the extension bundle does not load the engine; a unit test keeps them equal).
 */
export const CONFIG_FILE_NAMES: readonly string[] = ['tierwise.yml', 'tierwise.yaml'];

/** True when `absolute` is one of the configuration files at `root` (not one in a subfolder). */
export function isConfigFileOf(root: string, absolute: string): boolean {
  const rel = relativeToRoot(root, absolute);
  return rel !== undefined && CONFIG_FILE_NAMES.includes(rel);
}

/** A path without trailing separators and with POSIX separators, for comparisons. */
function normalise(path: string): string {
  return path.replace(/\\/g, '/').replace(/\/+$/, '');
}

/** The path a folder argument carries: a string, a `Uri` (`fsPath`) or a `WorkspaceFolder` (`uri.fsPath`). */
function argText(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg !== 'object' || arg === null) return undefined;
  const withPath = arg as { fsPath?: unknown; uri?: { fsPath?: unknown } };
  if (typeof withPath.fsPath === 'string') return withPath.fsPath;
  if (typeof withPath.uri?.fsPath === 'string') return withPath.uri.fsPath;
  return undefined;
}

/** What a command's folder argument resolved to. */
export type FolderArg = { kind: 'none' } | { kind: 'folder'; folder: FolderRef } | { kind: 'unknown'; message: string };

/**
 * Resolves a command's folder argument (automation, tests, CodeLens and tree arguments) against the
 * workspace folders: an absolute folder path, a folder name, a `Uri` or a `WorkspaceFolder`.
 * `none` when no argument was given (the caller then uses the active editor or asks).
 */
export function resolveFolderArg(arg: unknown, folders: readonly FolderRef[]): FolderArg {
  if (arg === undefined || arg === null || arg === '') return { kind: 'none' };
  const text = argText(arg);
  if (text === undefined) return { kind: 'unknown', message: `the folder argument must be a workspace folder's path or name, got ${JSON.stringify(arg)}` };
  const wanted = normalise(text);
  const found = folders.find((f) => normalise(f.root) === wanted) ?? folders.find((f) => f.name === text);
  if (found) return { kind: 'folder', folder: found };
  const known = folders.map((f) => `${f.name} (${f.root})`).join(', ') || 'none';
  return { kind: 'unknown', message: `"${text}" is not a folder of this workspace. Workspace folders: ${known}.` };
}
