/** A small line-based unified diff (LCS), enough for showing config edits. */

type Op = { kind: ' ' | '-' | '+'; line: string };

function diffOps(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i++] });
      j++;
    } else if (j < m && (i >= n || lcs[i][j + 1] >= lcs[i + 1][j])) ops.push({ kind: '+', line: b[j++] });
    else ops.push({ kind: '-', line: a[i++] });
  }
  return ops;
}

/** Unified diff of two texts with `context` lines around each change; '' when equal. */
export function unifiedDiff(before: string, after: string, file: string, context = 3): string {
  if (before === after) return '';
  const ops = diffOps(before.split('\n'), after.split('\n'));
  const changed = ops.map((op, index) => (op.kind !== ' ' ? index : -1)).filter((index) => index >= 0);
  const out = [`--- a/${file}`, `+++ b/${file}`];
  let k = 0;
  while (k < changed.length) {
    let start = Math.max(0, changed[k] - context);
    let end = Math.min(ops.length, changed[k] + context + 1);
    while (k + 1 < changed.length && changed[k + 1] - context <= end) end = Math.min(ops.length, changed[++k] + context + 1);
    k++;
    const oldStart = ops.slice(0, start).filter((o) => o.kind !== '+').length + 1;
    const newStart = ops.slice(0, start).filter((o) => o.kind !== '-').length + 1;
    const hunk = ops.slice(start, end);
    out.push(`@@ -${oldStart},${hunk.filter((o) => o.kind !== '+').length} +${newStart},${hunk.filter((o) => o.kind !== '-').length} @@`);
    for (const op of hunk) out.push(`${op.kind}${op.line}`);
    start = end;
  }
  return out.join('\n') + '\n';
}
