/** Hand-made call sites, configs and sample workspaces for the profiling tests. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig } from '../../../src/engine/api';
import type { AnalyzedCallSite, Provider, TaskType, TierwiseConfig } from '../../../src/engine/api';
import type { AnswerScript } from '../../support/fakeModelServer';

export const LABELS = ['billing', 'bug', 'feature'];

/** A call site whose prompt is a fixed system text plus a user message with one `ticket` hole. */
export function callSite(task: TaskType, provider: Provider = 'anthropic', id = `src/triage.ts#${task}#0`): AnalyzedCallSite {
  const span = { file: 'src/triage.ts', start: { line: 1, character: 0 }, end: { line: 1, character: 10 } };
  return {
    site: {
      id, role: 'direct', span, enclosing: task, sdk: provider === 'openai' ? 'openai' : 'anthropic', provider,
      api: provider === 'openai' ? 'chat.completions.create' : 'messages.create', operation: 'generate',
      model: { status: 'resolved', candidates: [], unknown: [], expression: "'claude-opus-4-7'", hardCoded: true },
      prompt: {
        parts: [
          { role: 'system', segments: [{ kind: 'text', text: `Classify the ticket as one of: ${LABELS.join(', ')}. Answer with the label only.` }] },
          { role: 'user', segments: [{ kind: 'text', text: 'Ticket: ' }, { kind: 'hole', name: 'ticket', expression: 'ticket' }] },
        ],
        unknown: [],
      },
      params: { stream: false, batch: false, maxTokens: { status: 'resolved', candidates: [{ value: 20, via: [], definedAt: span }], unknown: [], expression: '20' } },
      observability: { readsResponseModel: false, readsUsage: false },
      detection: ['test'],
    },
    task: { task, confidence: 1, source: 'annotation', reasons: [], alternatives: [] },
    modelId: 'claude-opus-4-7',
    tokens: { input: { min: 50, expected: 60, max: 80 }, output: { min: 1, expected: 3, max: 20 }, staticInputTokens: 40, holes: [], method: 'test', reasons: [] },
    costed: true,
  };
}

/** A default config rooted at `root` with a small/mid/frontier Anthropic + OpenAI tier list. */
export function testConfig(root: string, edit: (c: TierwiseConfig) => void = () => {}): TierwiseConfig {
  const config = defaultConfig();
  config.file = join(root, 'tierwise.yml');
  config.tiers = [
    { level: 1, name: 'small', models: { anthropic: ['claude-haiku-4-5'], openai: ['gpt-5-mini'] } },
    { level: 2, name: 'mid', models: { anthropic: ['claude-sonnet-4-6'], openai: ['gpt-5'] } },
  ];
  config.tasks.classification.oracle = `label-in-set:${LABELS.join(',')}`;
  config.profiling.budgetUsd = 100;
  edit(config);
  return config;
}

/** `n` classification samples; ids `s1..sn`; every sample whose index is in `hard` is marked [hard]. */
export function classificationSamples(n: number, hard: (i: number) => boolean): string {
  const lines: string[] = [];
  for (let i = 1; i <= n; i++) {
    const label = LABELS[i % LABELS.length];
    lines.push(JSON.stringify({ id: `s${i}`, vars: { ticket: `${hard(i) ? '[hard] ' : ''}case ${i} about ${label}` }, expected: label }));
  }
  return lines.join('\n') + '\n';
}

/** A temp workspace with `tierwise/samples/<task>.jsonl` files. */
export function workspace(samples: Partial<Record<TaskType, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'tierwise-profiling-'));
  mkdirSync(join(root, 'tierwise', 'samples'), { recursive: true });
  for (const [task, text] of Object.entries(samples)) writeFileSync(join(root, 'tierwise', 'samples', `${task}.jsonl`), text ?? '');
  return root;
}

/**
 * Scripted answers: the label named in the ticket ("about billing"); small models (haiku, mini)
 * answer `feature` instead on [hard] tickets (wrong unless the label is feature) — so small
 * models fail some samples.
 */
export const labelScript: AnswerScript = ({ model, prompt }) => {
  const label = /about (\w+)/.exec(prompt)?.[1] ?? 'unknown';
  const small = /haiku|mini/.test(model);
  if (small && prompt.includes('[hard]')) return label === 'billing' ? 'bug' : 'billing';
  return label;
};

/** A scan result with the given call sites. */
export function scanOf(root: string, sites: AnalyzedCallSite[]) {
  return { root, filesScanned: 1, filesWithSdkImports: 1, callSites: sites, problems: [], catalogAsOf: '2026-01-01', durationMs: 1 };
}

/** Fast retry settings for tests (no multi-second back-offs unless the server asks for them). */
export const FAST_RETRY = { baseDelayMs: 10, maxDelayMs: 50 };
