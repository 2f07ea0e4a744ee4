import type { AnalyzedCallSite, Span } from '../../engine/model';
import type { PlainEdit } from './annotation';

/** The "apply the suggested model" edit, with the other call sites that share the edited definition. */
export interface ModelEdit {
  file: string;
  edit: PlainEdit;
  /** Ids of other call sites whose model resolves to the same definition (they change too). */
  sharedWith: string[];
  /** Where the value was defined, as `file:line` for messages. */
  definedAtLabel: string;
}

/**
 * Builds the edit that changes a call site's model where the value is literally written
 * (`Candidate.definedAt`: a const, an enum member, a config object property or the call itself),
 * keeping the original quotes. `definedText` is the current text of that span in the document.
 * Returns undefined when the model has no single statically known definition.
 */
export function modelEdit(
  site: AnalyzedCallSite,
  suggestedModel: string,
  definedText: string,
  allSites: AnalyzedCallSite[],
): ModelEdit | undefined {
  const candidates = site.site.model.candidates;
  if (candidates.length !== 1 || site.site.model.status !== 'resolved') return undefined;
  const at = candidates[0].definedAt;
  const quote = /^['"`]/.exec(definedText)?.[0];
  const text = quote ? `${quote}${suggestedModel}${quote}` : suggestedModel;
  const sharedWith = allSites
    .filter((other) => other.site.id !== site.site.id && other.costed !== false)
    .filter((other) => other.site.model.candidates.some((c) => sameSpan(c.definedAt, at)))
    .map((other) => other.site.id);
  return {
    file: at.file,
    edit: { start: at.start, end: at.end, text },
    sharedWith,
    definedAtLabel: `${at.file}:${at.start.line + 1}`,
  };
}

/** True when two spans cover the same text. */
export function sameSpan(a: Span, b: Span): boolean {
  return (
    a.file === b.file &&
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
