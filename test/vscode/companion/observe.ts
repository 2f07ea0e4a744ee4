/** What every companion scenario uses to watch the real editor: waiting, polling, reading lenses. */
import * as vscode from 'vscode';

/** Lens as observed through `vscode.executeCodeLensProvider`. */
export interface LensObservation {
  line: number;
  title: string;
  command?: string;
  args?: unknown;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Reads until `ok` accepts the value; throws with the last value after `timeoutMs`. */
export async function poll<T>(what: string, read: () => Promise<T> | T, ok: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last).slice(0, 2000)}`);
    await sleep(150);
    last = await read();
  }
  return last;
}

/** Tierwise's lenses of a document, as the editor's CodeLens command returns them. */
export async function lenses(uri: vscode.Uri): Promise<LensObservation[]> {
  const found = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
  return found
    .filter((l) => l.command?.command?.startsWith('tierwise.'))
    .map((l) => ({ line: l.range.start.line, title: l.command?.title ?? '', command: l.command?.command, args: l.command?.arguments?.[0] }));
}
