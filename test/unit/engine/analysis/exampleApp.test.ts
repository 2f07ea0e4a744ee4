/**
 * The bundled example (examples/support-desk), scanned by the default engine (SDK types resolve
 * through the repository's node_modules): every LLM call is found with its SDK, API and model, the
 * wrapper's callers become invocations, and the database `messages.create` is not reported.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createEngine } from '../../../../src/engine/api';
import type { ScanResult } from '../../../../src/engine/api';

const root = join(__dirname, '..', '..', '..', '..', 'examples', 'support-desk');
const engine = createEngine();
let result: ScanResult;
before(async () => {
  result = await engine.scan(root);
});
after(() => engine.dispose());

/** Every SDK call written in the example: file, API, and the model(s) it runs with. */
const EXPECTED: Array<[string, string, string, string[]]> = [
  ['src/agents/refund.ts', 'anthropic', 'messages.create', ['claude-opus-4-7']],
  ['src/chat/assistant.ts', 'anthropic', 'messages.stream', ['claude-sonnet-4-6']],
  ['src/codegen/reportQuery.ts', 'langchain', 'ChatOpenAI.invoke', ['gpt-5']],
  ['src/kb/answer.ts', 'ai-sdk', 'generateText', ['claude-sonnet-4-6']],
  ['src/kb/embed.ts', 'openai', 'embeddings.create', ['text-embedding-3-small']],
  ['src/llm/complete.ts', 'anthropic', 'messages.create', ['claude-opus-4-7', 'claude-sonnet-4-6']],
  ['src/llm/guard.ts', 'anthropic', 'messages.countTokens', ['claude-sonnet-4-6']],
  ['src/moderation/toxicity.ts', 'openai', 'chat.completions.create', ['llama3.1:8b']],
  ['src/reports/weekly.ts', 'anthropic', 'messages.batches.create', ['claude-sonnet-4-6']],
  ['src/tickets/classify.ts', 'anthropic', 'messages.create', ['claude-opus-4-7']],
  ['src/tickets/extract.ts', 'openai', 'chat.completions.parse', ['gpt-5']],
  ['src/tickets/priority.ts', 'ai-sdk', 'generateObject', ['gpt-4.1']],
  ['src/tickets/sentiment.ts', 'google-genai', 'models.generateContent', ['gemini-2.5-pro']],
  ['src/tickets/summarize.ts', 'anthropic', 'messages.create', ['claude-sonnet-4-6']],
];

describe('example app: support-desk', () => {
  it('finds every SDK call, and only those', () => {
    const written = result.callSites.filter((s) => s.site.role !== 'invocation');
    assert.deepEqual(
      written.map((s) => `${s.site.span.file} ${s.site.sdk} ${s.site.api}`).sort(),
      EXPECTED.map(([file, sdk, api]) => `${file} ${sdk} ${api}`).sort(),
    );
    assert.ok(!result.callSites.some((s) => s.site.span.file === 'src/db/messages.ts'), 'the database messages.create is not an LLM call');
  });

  it('resolves each call to the models it runs with (wrappers at their callers)', () => {
    for (const [file, , api, models] of EXPECTED) {
      const written = result.callSites.find((s) => s.site.span.file === file && s.site.api === api && s.site.role !== 'invocation');
      assert.ok(written, `${file} ${api}`);
      const runs = written.site.role === 'wrapper' ? result.callSites.filter((s) => s.site.wrapperId === written.site.id) : [written];
      assert.deepEqual([...new Set(runs.map((s) => s.modelId))].sort(), models, `${file} ${api}`);
    }
  });

  it('the complete() wrapper is reported once per caller, each with its own model', () => {
    const invocations = result.callSites.filter((s) => s.site.wrapperId === 'src/llm/complete.ts#complete#0');
    assert.deepEqual(
      invocations.map((s) => `${s.site.span.file} ${s.modelId}`).sort(),
      ['src/tickets/language.ts claude-opus-4-7', 'src/tickets/reply.ts claude-sonnet-4-6'],
    );
  });

  it('records the self-hosted baseURL and the observability facts the audit reads', () => {
    const toxicity = result.callSites.find((s) => s.site.span.file === 'src/moderation/toxicity.ts');
    assert.deepEqual(toxicity?.site.params.baseURL?.candidates.map((c) => c.value), ['http://localhost:11434/v1']);
    const summarize = result.callSites.find((s) => s.site.span.file === 'src/tickets/summarize.ts');
    assert.equal(summarize?.site.observability.readsResponseModel, true);
    assert.equal(summarize?.site.observability.taskTag?.how, "header 'X-Task'");
    const complete = result.callSites.find((s) => s.site.id === 'src/llm/complete.ts#complete#0');
    assert.equal(complete?.site.observability.readsUsage, true);
  });

  it('is clean: no file problems, every scanned SDK file counted', () => {
    assert.deepEqual(result.problems, []);
    assert.equal(result.filesScanned, 21);
    assert.ok(result.filesWithSdkImports >= 14);
  });
});
