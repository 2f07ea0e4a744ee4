/** Builds the concrete request of a sample: the call site's prompt with each hole filled. */
import type { AnalyzedCallSite, PromptPart } from '../engine/model';
import { holeValue } from './samples';
import type { ChatMessage, ConcreteRequest, Sample } from './types';

/** Output cap when the call site sets none (and the sample gives explicit messages). */
export const DEFAULT_MAX_TOKENS = 1024;

function render(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function partText(part: PromptPart, vars: Record<string, unknown>): string {
  return part.segments.map((s) => (s.kind === 'text' ? s.text : render(holeValue(vars, s.name) ?? ''))).join('');
}

/** The call site's output cap (first resolved `max_tokens` candidate), else the default. */
export function maxTokensOf(site: AnalyzedCallSite | undefined): number {
  const candidate = site?.site.params.maxTokens?.candidates[0]?.value;
  return typeof candidate === 'number' && candidate > 0 ? candidate : DEFAULT_MAX_TOKENS;
}

/** Merges consecutive messages of the same role (both APIs want alternating turns). */
function pushMessage(messages: ChatMessage[], role: ChatMessage['role'], content: string): void {
  const last = messages[messages.length - 1];
  if (last && last.role === role) last.content += `\n\n${content}`;
  else messages.push({ role, content });
}

/** The concrete request of `sample` for `site` (explicit messages win over the site's prompt). */
export function buildRequest(sample: Sample, site: AnalyzedCallSite | undefined): ConcreteRequest {
  const maxTokens = maxTokensOf(site);
  const temperature = site?.site.params.temperature;
  const system: string[] = [];
  const messages: ChatMessage[] = [];
  if (sample.messages) {
    for (const m of sample.messages) {
      if (m.role === 'system') system.push(m.content);
      else pushMessage(messages, m.role, m.content);
    }
  } else if (site) {
    for (const part of site.site.prompt.parts) {
      const text = partText(part, sample.vars ?? {});
      if (part.role === 'system' || part.role === 'developer') system.push(text);
      else pushMessage(messages, part.role === 'assistant' ? 'assistant' : 'user', text);
    }
  }
  const structured = site?.site.params.structuredOutput;
  const json = Boolean(structured && structured.kind !== 'other' && !sample.messages);
  if (json && structured) system.push(`Respond with only a JSON value${structured.schemaText ? ` of this shape: ${structured.schemaText}` : ''}.`);
  if (messages.length === 0 || messages[0].role !== 'user') messages.unshift({ role: 'user', content: messages.length ? '(continue)' : system.pop() ?? '' });
  return {
    ...(system.length ? { system: system.join('\n\n') } : {}),
    messages,
    maxTokens,
    ...(temperature !== undefined ? { temperature } : {}),
    ...(json ? { json } : {}),
  };
}
