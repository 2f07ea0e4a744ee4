/** Levenshtein distance between two strings (case-insensitive callers lower-case first). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * The `limit` known ids closest to `id`: edit distance, with a shared prefix counting in favour
 * (`claude-sonet-4-5` -> `claude-sonnet-4-5`; `gpt-4o-mini-2099` -> `gpt-4o-mini`).
 */
export function nearestIds(id: string, known: readonly string[], limit = 3): string[] {
  const query = id.toLowerCase();
  const scored = [...new Set(known)].map((candidate) => {
    const c = candidate.toLowerCase();
    const score = editDistance(query, c) - 0.5 * commonPrefix(query, c);
    return { candidate, score };
  });
  scored.sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate));
  return scored.slice(0, limit).map((s) => s.candidate);
}
