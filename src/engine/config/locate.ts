/** Maps a field path of a parsed `tierwise.yml` to its 1-based line and column. */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter } from 'yaml';

/** Where a problem is reported: the value at `path`, or its key when `atKey`. */
export interface Located {
  line: number;
  column: number;
}

type YamlNode = ReturnType<Document['createNode']> | null | undefined;

function child(node: unknown, segment: string | number): { key?: { range?: number[] | null }; value: unknown } | undefined {
  if (isMap(node)) {
    for (const item of node.items) {
      const key = isScalar(item.key) ? item.key.value : item.key;
      if (String(key) === String(segment)) return { key: item.key as { range?: number[] | null }, value: item.value };
    }
    return undefined;
  }
  const index = Number(segment);
  if (isSeq(node) && Number.isInteger(index)) return { value: node.items[index] };
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  if (isPair(node)) return rangeStart(node.key);
  const range = (node as { range?: number[] | null } | null | undefined)?.range;
  return range ? range[0] : undefined;
}

/**
 * Finds the deepest node along `path` (so a problem inside a missing or mistyped value still points
 * at its closest existing ancestor). `atKey` points at the key of the last segment instead.
 */
export function locate(doc: Document, lines: LineCounter, path: Array<string | number>, atKey = false): Located {
  let node: YamlNode | unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const [index, segment] of path.entries()) {
    const next = child(node, segment);
    if (!next) break;
    const keyStart = rangeStart(next.key);
    const valueStart = rangeStart(next.value);
    const isLast = index === path.length - 1;
    offset = (atKey && isLast ? keyStart : valueStart ?? keyStart) ?? offset;
    node = next.value;
  }
  const pos = lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}
