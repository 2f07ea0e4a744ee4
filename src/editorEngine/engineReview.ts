/** The editor's "Compare Cost with Branch…" over the review library (part of the engine bundle). */
import type { Engine } from '../engine/api';
import { loadConfig } from '../engine/api';
import { buildSnapshot, compareRevisions, toDiffView } from '../review/api';
import type { CostDiff } from '../review/api';
import type { DiffView } from '../protocol/messages';

/** Diffs the working tree of `root` (head) against `ref` (base), each revision with its own tierwise.yml. */
export async function compareWithRef(engine: Engine, root: string, ref: string, log: (line: string) => void): Promise<{ diff: CostDiff; view: DiffView }> {
  const diff = await compareRevisions({ dir: root, base: ref, log }, async (dir, commit) => {
    const { config } = await loadConfig(dir);
    const scan = await engine.scan(dir, { config });
    return buildSnapshot({ scan, projection: engine.project(scan, config), config, commit });
  });
  return { diff, view: toDiffView(diff) };
}
