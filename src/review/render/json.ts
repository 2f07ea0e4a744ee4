/** `--format json`: the `CostDiff` as is (plus the gate verdict when gates were given). */
import type { GateResult } from '../gates';
import type { CostDiff } from '../model';

/** Renders the diff (and optional gate result) as indented JSON with a trailing newline. */
export function renderJson(diff: CostDiff, gates?: GateResult): string {
  return JSON.stringify(gates ? { ...diff, gates } : diff, null, 2) + '\n';
}
