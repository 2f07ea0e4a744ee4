/**
 * `messages.batches.create` with several request literals: one call-site record per request (its
 * own model, prompt, output cap and span, `params.batch`), with stable distinct ids; `.map(...)`
 * templates (inline, in a const before the call, or with a named callback) stay one record sized by
 * the list when it is a literal. Real engine over
 * test/fixtures/anthropic-batch-several-requests.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createEngine } from '../../../../src/engine/api';
import type { AnalyzedCallSite, ScanResult } from '../../../../src/engine/api';
import { fixture, promptText, site } from './fixtures';

const engine = createEngine({ dependencyTypes: false });
after(() => engine.dispose());

const promptOf = (s: AnalyzedCallSite): string => promptText(s, () => '{…}');

describe('Anthropic batch with several request literals', () => {
  let result: ScanResult;
  before(async () => {
    result = await engine.scan(fixture('anthropic-batch-several-requests'));
  });

  it('reports one record per request, each with its own model, cap and prompt', () => {
    const nightly = result.callSites.filter((s) => s.site.enclosing === 'submitNightly');
    assert.deepEqual(
      nightly.map((s) => `${s.site.id}|${s.site.api}|${s.modelId}|${s.site.params.maxTokens?.candidates[0]?.value}|${s.site.params.batch}`),
      [
        'src/nightlyJobs.ts#submitNightly#0|messages.batches.create|claude-haiku-4-5|10|true',
        'src/nightlyJobs.ts#submitNightly#0.1|messages.batches.create|claude-sonnet-4-6|800|true',
        'src/nightlyJobs.ts#submitNightly#0.2|messages.batches.create|claude-opus-4-7|2000|true',
        'src/nightlyJobs.ts#submitNightly#1|messages.create|claude-haiku-4-5|10|false',
      ],
    );
    const [triage, summary, rootCause] = nightly;
    assert.match(promptOf(triage), /^system: Classify the ticket as billing, bug or other/);
    assert.match(promptOf(summary), /^user: Summarize this week for the support lead/);
    assert.equal(promptOf(rootCause), 'user: Find the root cause across these incidents and propose a fix.');
    // Each request is one request, not the batch: no batch size on it, its own task and its own output cap.
    assert.ok(nightly.slice(0, 3).every((s) => s.site.batchSize === undefined));
    assert.deepEqual(nightly.slice(0, 3).map((s) => s.task.task), ['classification', 'summarization', 'reasoning']);
    assert.deepEqual(nightly.slice(0, 3).map((s) => s.tokens.output.max), [10, 800, 2000]);
    // The same triage request costs half inside the batch (batch discount) as the synchronous call.
    const [batched, sync] = [triage.costPer1k?.expected ?? 0, nightly[3].costPer1k?.expected ?? 0];
    assert.ok(batched > 0 && Math.abs(batched * 2 - sync) < 1e-9, `batched ${batched} vs sync ${sync}`);
  });

  it('points each record at its own request literal and says which request it is', () => {
    const lines = ['#0', '#0.1', '#0.2'].map((suffix) => site(result, `src/nightlyJobs.ts#submitNightly${suffix}`));
    assert.deepEqual(lines.map((s) => s.site.span.start.line), [10, 14, 18]);
    assert.deepEqual(
      lines.map((s) => s.site.detection.at(-1)),
      [
        "request 1 of 3 in the batch (`custom_id: 'triage'`)",
        "request 2 of 3 in the batch (`custom_id: 'weekly-summary'`)",
        "request 3 of 3 in the batch (`custom_id: 'root-cause'`)",
      ],
    );
    assert.equal(new Set(result.callSites.map((s) => s.site.id)).size, result.callSites.length, 'ids are distinct');
  });

  it('keeps a .map(...) template as one record, sized by a literal list', () => {
    const faq = site(result, 'src/nightlyJobs.ts#translateFaq#0');
    assert.equal(faq.modelId, 'claude-haiku-4-5');
    assert.equal(faq.site.params.batch, true);
    assert.deepEqual(faq.site.batchSize?.candidates.map((c) => c.value), [4]);
    assert.ok(!result.callSites.some((s) => s.site.id.startsWith('src/nightlyJobs.ts#translateFaq#0.')));
    const tagAll = site(result, 'src/nightlyJobs.ts#tagAll#0');
    assert.equal(tagAll.site.batchSize?.status, 'unknown');
    assert.match(tagAll.site.batchSize?.unknown[0]?.reason ?? '', /depends on `tickets\.map/);
  });

  it('reads a .map(...) template built in a const before the call or by a named function, and says how many requests', () => {
    const labels = site(result, 'src/mappedRequests.ts#labelTickets#0');
    assert.equal(labels.modelId, 'claude-haiku-4-5');
    assert.equal(promptOf(labels), 'user: Label: {…}');
    assert.equal(labels.site.batchSize?.status, 'unknown');
    assert.match(labels.site.batchSize?.unknown[0]?.reason ?? '', /depends on `tickets\.map\(\.\.\.\)` at run time/);
    assert.ok(labels.site.detection.includes(
      '`requests` is built by `tickets.map(...)`: one request shape repeated per item; the number of items is known only at run time, so the requests per month come from the traffic set in tierwise.yml',
    ), labels.site.detection.join('\n'));
    const regional = site(result, 'src/mappedRequests.ts#regionalSummaries#0');
    assert.equal(regional.modelId, 'claude-sonnet-4-6');
    assert.deepEqual(regional.site.params.maxTokens?.candidates.map((c) => c.value), [400]);
    assert.deepEqual(regional.site.batchSize?.candidates.map((c) => c.value), [3]);
    assert.ok(regional.site.detection.includes('`requests` is built by `REGIONS.map(...)`: one request shape repeated per item, 3 requests per submission'));
  });

  it('resolves a request whose model comes from a parameter at the callers, the others in place', () => {
    const digest = result.callSites.filter((s) => s.site.id.includes('submitDigest'));
    assert.deepEqual(
      digest.map((s) => `${s.site.id}|${s.site.role}|${s.modelId}`),
      [
        'src/weeklyDigest.ts#submitDigest#0|wrapper|null',
        'src/weeklyDigest.ts#runWeeklyDigest#0@src/weeklyDigest.ts#submitDigest#0|invocation|claude-sonnet-4-6',
        'src/weeklyDigest.ts#submitDigest#0.1|direct|claude-haiku-4-5',
      ],
    );
    assert.match(promptOf(digest[1]), /^user: Write the weekly digest/);
    assert.match(promptOf(digest[2]), /^user: A title for/);
  });
});
