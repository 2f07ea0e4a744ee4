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

/** Lower case without separators, so `llama3.1:8b` and `llama-3.1-8b-instant` compare as spelled alike. */
function normalize(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The `limit` known ids closest to `id`: edit distance over the ids without separators, with a
 * shared prefix counting in favour (`claude-sonet-4-5` -> `claude-sonnet-4-5`;
 * `gpt-4o-mini-2099` -> `gpt-4o-mini`; Ollama's `llama3.1:8b` -> `llama-3.1-8b-instant`).
 */
export function nearestIds(id: string, known: readonly string[], limit = 3): string[] {
  const query = normalize(id);
  const scored = [...new Set(known)].map((candidate) => {
    const c = normalize(candidate);
    const score = editDistance(query, c) - 0.5 * commonPrefix(query, c);
    return { candidate, score };
  });
  scored.sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate));
  return scored.slice(0, limit).map((s) => s.candidate);
}
