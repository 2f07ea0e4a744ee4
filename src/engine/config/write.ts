/**
 * Edits values in an existing `tierwise.yml` while keeping its comments, key order and formatting
 * (YAML Document API). Used by `tierwise init`, the what-if "save traffic" and profiling `--apply`.
 */
import { isMap, isScalar, isSeq, parseDocument, Scalar } from 'yaml';
import { TierwiseError } from '../errors';

/** One edit: set `value` at `path` (creating missing sections), or delete the key when `value` is undefined. */
export interface ConfigEdit {
  path: Array<string | number>;
  value: unknown;
  /** A comment written above the key when the key is created. */
  comment?: string;
}

function addComment(doc: ReturnType<typeof parseDocument>, path: ConfigEdit['path'], comment: string): void {
  const parent = doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return;
  const last = path[path.length - 1];
  const pair = parent.items.find((item) => String(isScalar(item.key) ? item.key.value : item.key) === String(last));
  if (!pair) return;
  const key = isScalar(pair.key) ? pair.key : new Scalar(pair.key);
  if (!key.commentBefore) key.commentBefore = ` ${comment}`;
  pair.key = key;
}

/**
 * Applies `edits` to the text of a `tierwise.yml` and returns the new text. Comments and untouched
 * values are preserved. Throws a TierwiseError when the text is not valid YAML (edits would be lost).
 */
export function updateConfigFile(text: string, edits: readonly ConfigEdit[], file = 'tierwise.yml'): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw new TierwiseError('config-syntax', `${file} has YAML syntax errors, so it cannot be updated safely`, `fix the syntax first (run \`tierwise audit\` or open the file in the editor to see the errors), then retry`, { file });
  }
  if (doc.contents !== null && !isMap(doc.contents)) {
    throw new TierwiseError('config-shape', `${file} is not a mapping of sections`, 'make the file a YAML mapping (e.g. start with `routing:`) and retry', { file });
  }
  for (const edit of edits) {
    if (edit.value === undefined) {
      if (doc.hasIn(edit.path)) doc.deleteIn(edit.path);
      continue;
    }
    const existed = doc.hasIn(edit.path);
    const parent = doc.getIn(edit.path.slice(0, -1), true);
    if (isSeq(parent) && typeof edit.path[edit.path.length - 1] !== 'number') {
      throw new TierwiseError('config-shape', `${file}: cannot set ${edit.path.join('.')} inside a list`, 'use a numeric index for list items', { file, field: edit.path.join('.') });
    }
    const current = doc.getIn(edit.path, true);
    const scalarValue = edit.value === null || typeof edit.value !== 'object';
    // Replacing a scalar in place keeps its trailing comment (`0.95 # from the March run`).
    if (isScalar(current) && scalarValue) current.value = edit.value;
    else doc.setIn(edit.path, doc.createNode(edit.value));
    if (!existed && edit.comment) addComment(doc, edit.path, edit.comment);
  }
  return doc.toString({ lineWidth: 0 });
}
