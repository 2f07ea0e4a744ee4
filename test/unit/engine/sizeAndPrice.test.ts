import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { calcPrice } from '@pydantic/genai-prices';
import { sizeAndPriceCallSite } from '../../../src/engine/sizeAndPrice';
import type { SizingDeps } from '../../../src/engine/sizeAndPrice';
import { createCatalog } from '../../../src/engine/catalog/catalog';
import { defaultConfig } from '../../../src/engine/config/defaults';
import { createTokenCounter } from '../../../src/engine/tokens/counter';
import { callSite, hole, modelRef, part, resolvedNumber } from './sizingFixtures';

const CLASSIFY = 'You are a support ticket router. Classify the ticket into exactly one of these categories: billing, bug, feature_request, account, other. Respond with only the category label.';

describe('sizeAndPriceCallSite', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tierwise-analyze-'));
  const counter = createTokenCounter();
  const deps = (config = defaultConfig()): SizingDeps => ({ catalog: createCatalog({ dataDir, overrides: config.pricing.overrides }), counter, config });
  after(() => {
    counter.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const classify = (model = 'claude-opus-4-7') =>
    callSite({ enclosing: 'classifyTicket', model: modelRef(model), parts: [part('system', CLASSIFY), part('user', 'Subject: ', hole('subject'), '\n\n', hole('body'))], params: { maxTokens: resolvedNumber(10) } });

  it('analyses a classification call on a frontier model: task, model, tokens and cost per 1,000 calls', () => {
    const result = sizeAndPriceCallSite(classify(), deps());
    assert.equal(result.task.task, 'classification');
    assert.equal(result.modelId, 'claude-opus-4-7');
    assert.equal(result.model?.id, 'claude-opus-4-7');
    assert.equal(result.costed, true);
    assert.equal(result.tokens.output.max, 10);
    const expected = calcPrice({ input_tokens: result.tokens.input.expected, output_tokens: result.tokens.output.expected }, 'claude-opus-4-7', { providerId: 'anthropic' });
    assert.ok(expected && result.costPer1k);
    assert.ok(Math.abs(result.costPer1k.expected - expected.total_price * 1000) < 1e-5);
    assert.ok(result.costPer1k.min <= result.costPer1k.expected && result.costPer1k.expected <= result.costPer1k.max);
  });

  it('the same call on the small tier costs less (the downgrade a user will be shown)', () => {
    const opus = sizeAndPriceCallSite(classify('claude-opus-4-7'), deps());
    const haiku = sizeAndPriceCallSite(classify('claude-haiku-4-5'), deps());
    assert.ok((haiku.costPer1k?.expected ?? Infinity) < (opus.costPer1k?.expected ?? 0) / 3);
  });

  it('an unknown model is null, explained, and not costed', () => {
    const result = sizeAndPriceCallSite(callSite({ model: modelRef(), parts: [part('user', hole('prompt'))] }), deps());
    assert.equal(result.modelId, null);
    assert.equal(result.costPer1k, undefined);
    assert.ok(result.costReasons?.some((r) => r.includes('model unknown: parameter without default or caller')));
    assert.ok(result.tokens.input.expected > 0, 'tokens are still estimated');
  });

  it('an id the catalog does not know is reported as unpriced with the nearest ids', () => {
    const result = sizeAndPriceCallSite(classify('claude-haiku-4-7'), deps());
    assert.equal(result.modelId, 'claude-haiku-4-7');
    assert.ok(result.unpriced);
    assert.equal(result.unpriced.nearest.length, 3);
    assert.ok(result.unpriced.nearest.includes('claude-haiku-4-5'));
    assert.equal(result.costPer1k, undefined);
  });

  it('a configuration override prices a self-hosted model', () => {
    const config = defaultConfig();
    config.pricing.overrides = { 'acme-llama-70b': { provider: 'openai', prices: { inputPerMTok: 1, outputPerMTok: 2 } } };
    const site = callSite({ sdk: 'openai', provider: 'openai', model: modelRef('acme-llama-70b'), parts: [part('user', 'hello there')], params: { maxTokens: resolvedNumber(100) } });
    const result = sizeAndPriceCallSite(site, deps(config));
    assert.equal(result.model?.source, 'config-override');
    const expected = (result.tokens.input.expected * 1 + result.tokens.output.expected * 2) / 1e6 * 1000;
    assert.ok(Math.abs((result.costPer1k?.expected ?? 0) - expected) < 1e-6);
  });

  it('count-tokens calls and wrappers carried by invocations are not costed', () => {
    const count = sizeAndPriceCallSite(callSite({ api: 'messages.countTokens', operation: 'count-tokens', parts: [part('user', 'hi')] }), deps());
    assert.equal(count.costed, false);
    assert.equal(count.costPer1k, undefined);
    const wrapper = sizeAndPriceCallSite(callSite({ role: 'wrapper', invocationIds: ['a#b#0@x', 'c#d#0@x'], parts: [part('user', hole('prompt'))] }), deps());
    assert.equal(wrapper.costed, false);
    assert.ok(wrapper.costReasons?.some((r) => r.includes('carried by its 2 invocation(s)')));
  });

  it('embeddings are costed on input tokens only', () => {
    const site = callSite({ sdk: 'openai', provider: 'openai', api: 'embeddings.create', operation: 'embed', model: modelRef('text-embedding-3-small'), parts: [part('input', hole('chunk'))] });
    const result = sizeAndPriceCallSite(site, deps());
    assert.equal(result.task.task, 'embedding');
    assert.equal(result.tokens.output.expected, 0);
    assert.ok(Math.abs((result.costPer1k?.expected ?? 0) - (result.tokens.input.expected * 0.02) / 1e6 * 1000) < 1e-9);
  });

  it('applies the batch discount and the long-context tier', () => {
    const plain = sizeAndPriceCallSite(classify('claude-haiku-4-5'), deps());
    const batched = sizeAndPriceCallSite({ ...classify('claude-haiku-4-5'), params: { ...classify().params, batch: true } }, deps());
    assert.ok(Math.abs((batched.costPer1k?.expected ?? 0) - (plain.costPer1k?.expected ?? 0) * 0.5) < 1e-9);
    const config = defaultConfig();
    config.holes = { document: { min: 150_000, expected: 250_000, max: 400_000 } };
    const long = sizeAndPriceCallSite(callSite({ model: modelRef('claude-sonnet-4-5'), parts: [part('user', 'Summarize: ', hole('document'))], params: { maxTokens: resolvedNumber(1000) } }), deps(config));
    const expected = calcPrice({ input_tokens: long.tokens.input.expected, output_tokens: long.tokens.output.expected }, 'claude-sonnet-4-5', { providerId: 'anthropic' });
    assert.ok(Math.abs((long.costPer1k?.expected ?? 0) - (expected?.total_price ?? 0) * 1000) < 1e-6);
    assert.ok(long.costReasons?.some((r) => r.includes('long-context price tier above 200000')));
  });

  it('notes a deprecated model and an alias resolution', () => {
    const result = sizeAndPriceCallSite(callSite({ provider: 'google', sdk: 'google-genai', model: modelRef('gemini-2.5-flash-preview-05-20'), parts: [part('user', 'hi')] }), deps());
    assert.ok(result.model?.deprecated);
    assert.ok(result.costReasons?.some((r) => r.includes('deprecated')));
    assert.ok(result.costReasons?.some((r) => r.includes('resolves to catalog model gemini-2.5-flash-preview')));
  });
});
