import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { calcPrice } from '@pydantic/genai-prices';
import { CACHE_FILE, CACHE_FORMAT } from '../../../../src/engine/catalog/cache';
import { createCatalog } from '../../../../src/engine/catalog/catalog';
import { requestCost } from '../../../../src/engine/cost/price';
import { BUNDLED_PRICE_DATA, bundledProviders } from '../../../../src/engine/catalog/sources';
import type { ModelInfo } from '../../../../src/engine/model';

const empty = mkdtempSync(join(tmpdir(), 'tierwise-catalog-empty-'));
const bundled = () => createCatalog({ dataDir: empty });

function found(id: string, catalog = bundled()): { model: ModelInfo; matchedAs: string } {
  const result = catalog.lookup(id);
  assert.ok(result.found, `${id} should be in the catalog`);
  return result;
}

describe('catalog (bundled genai-prices data)', () => {
  after(() => rmSync(empty, { recursive: true, force: true }));

  it('prices a few models exactly like genai-prices calcPrice for the same usage', () => {
    const cases: Array<{ id: string; provider: string; input: number; output: number; cacheRead?: number; cacheWrite?: number }> = [
      { id: 'claude-haiku-4-5', provider: 'anthropic', input: 1200, output: 80 },
      { id: 'claude-opus-4-7', provider: 'anthropic', input: 5000, output: 300, cacheRead: 3000, cacheWrite: 1000 },
      { id: 'gpt-4o-mini', provider: 'openai', input: 2000, output: 500 },
      { id: 'gpt-5', provider: 'openai', input: 900, output: 1500 },
      { id: 'gemini-2.5-flash', provider: 'google', input: 10000, output: 700 },
      // Long-context surcharge tiers above 200k input tokens.
      { id: 'claude-sonnet-4-5', provider: 'anthropic', input: 250_000, output: 2000 },
      { id: 'gemini-2.5-pro', provider: 'google', input: 300_000, output: 4000 },
    ];
    const catalog = bundled();
    for (const c of cases) {
      const expected = calcPrice({ input_tokens: c.input, output_tokens: c.output, cache_read_tokens: c.cacheRead, cache_write_tokens: c.cacheWrite }, c.id, { providerId: c.provider });
      assert.ok(expected, `genai-prices prices ${c.id}`);
      const { model } = found(c.id, catalog);
      assert.ok(model.prices);
      const ours = requestCost(model.prices, { input: c.input, output: c.output, cacheRead: c.cacheRead, cacheWrite: c.cacheWrite });
      assert.ok(Math.abs(ours - expected.total_price) < 1e-12, `${c.id}: ours ${ours} vs calcPrice ${expected.total_price}`);
    }
  });

  it('maps long-context tiers, cache prices, context window, batch discount and provider', () => {
    const { model } = found('claude-sonnet-4-5');
    assert.equal(model.provider, 'anthropic');
    assert.equal(model.contextWindow, 200_000);
    assert.equal(model.batchDiscount, 0.5);
    assert.equal(model.source, 'genai-prices');
    assert.equal(model.asOf, BUNDLED_PRICE_DATA.asOf);
    assert.deepEqual(model.prices?.tiers, [{ aboveInputTokens: 200_000, inputPerMTok: 6, outputPerMTok: 22.5 }]);
    assert.equal(model.prices?.cacheReadPerMTok, 0.3);
    assert.equal(found('gpt-4o').model.provider, 'openai');
    assert.equal(found('gemini-2.5-flash').model.provider, 'google');
  });

  it('resolves aliases and dated snapshots to the catalog model (matchedAs)', () => {
    assert.equal(found('claude-sonnet-4-5-20250929').matchedAs, 'claude-sonnet-4-5');
    assert.equal(found('claude-3-5-haiku-20241022').matchedAs, 'claude-3-5-haiku-latest');
    assert.equal(found('gpt-4o-mini-2024-07-18').matchedAs, 'gpt-4o-mini');
    assert.equal(found('anthropic/claude-haiku-4-5').matchedAs, 'claude-haiku-4-5');
    assert.equal(found('models/gemini-2.5-flash').matchedAs, 'gemini-2.5-flash');
  });

  it('suggests the same model family for a self-hosted id spelled with other separators', () => {
    const result = createCatalog({}).lookup('llama3.1:8b');
    assert.ok(!result.found);
    assert.ok(result.nearest.every((id) => id.startsWith('llama')), JSON.stringify(result.nearest));
    // The first suggestion is the same model (Llama 3.1 8B) as a hosted provider spells it.
    assert.equal(result.nearest[0]?.replace(/[^a-z0-9]/g, '').slice(0, 9), 'llama318b', JSON.stringify(result.nearest));
  });

  it('reports an unknown id as not found with the nearest known ids', () => {
    const result = bundled().lookup('claude-sonet-4-5');
    assert.equal(result.found, false);
    assert.ok(!result.found && result.nearest.length === 3);
    assert.ok(!result.found && result.nearest[0] === 'claude-sonnet-4-5', JSON.stringify(result));
    const gpt = bundled().lookup('gpt-4o-mni');
    assert.ok(!gpt.found && gpt.nearest.includes('gpt-4o-mini'));
  });

  it('flags deprecated and retired models from the data', () => {
    assert.equal(found('gemini-2.5-flash-preview').model.deprecated, true);
    assert.equal(found('claude-v1').model.retired, true);
    assert.equal(found('claude-haiku-4-5').model.deprecated, undefined);
  });

  it('lets configuration override a price (negotiated rate) and add a self-hosted model', () => {
    const catalog = createCatalog({
      dataDir: empty,
      overrides: {
        'claude-haiku-4-5': { prices: { inputPerMTok: 0.7, outputPerMTok: 3.5 } },
        'acme-llama-70b': { provider: 'openai', contextWindow: 32_768, prices: { inputPerMTok: 0.2, outputPerMTok: 0.2 } },
      },
    });
    const haiku = found('claude-haiku-4-5-20251001', catalog).model;
    assert.equal(haiku.source, 'config-override');
    assert.equal(haiku.prices?.inputPerMTok, 0.7);
    assert.equal(haiku.prices?.cacheReadPerMTok, 0.1, 'fields the override does not set keep catalog values');
    assert.equal(haiku.contextWindow, 200_000);
    const llama = found('acme-llama-70b', catalog).model;
    assert.deepEqual({ source: llama.source, provider: llama.provider, contextWindow: llama.contextWindow }, { source: 'config-override', provider: 'openai', contextWindow: 32_768 });
    assert.ok(catalog.all().some((m) => m.id === 'acme-llama-70b'));
  });

  it('lists the three providers without Vertex duplicates of Claude under google', () => {
    const all = bundled().all();
    assert.ok(all.filter((m) => m.provider === 'anthropic').length >= 10);
    assert.ok(all.filter((m) => m.provider === 'openai').length >= 30);
    assert.equal(all.filter((m) => m.provider === 'google' && m.id.includes('claude')).length, 0);
  });

  it('records the as-of date of the installed genai-prices version (fails on upgrade until the date table is updated)', () => {
    const pkg = JSON.parse(readFileSync(resolve(__dirname, '../../../../node_modules/@pydantic/genai-prices/package.json'), 'utf8')) as { version: string };
    assert.equal(pkg.version, BUNDLED_PRICE_DATA.version);
    assert.equal(bundled().asOf, BUNDLED_PRICE_DATA.asOf);
  });
});

describe('catalog with a cached update', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tierwise-catalog-cache-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const writeCache = (fetchedAt: string, haikuInput: number) => {
    const providers = structuredClone(bundledProviders());
    const haiku = providers.find((p) => p.id === 'anthropic')?.models.find((m) => m.id === 'claude-haiku-4-5');
    assert.ok(haiku && !Array.isArray(haiku.prices));
    haiku.prices = { ...haiku.prices, input_mtok: haikuInput };
    writeFileSync(join(dir, CACHE_FILE), JSON.stringify({ format: CACHE_FORMAT, fetchedAt, url: 'http://127.0.0.1/data.json', providers }));
  };

  it('prefers a valid cached update newer than the bundled data', () => {
    writeCache('2026-11-01T10:00:00.000Z', 0.55);
    const catalog = createCatalog({ dataDir: dir });
    assert.equal(catalog.source, 'catalog-update');
    assert.equal(catalog.asOf, '2026-11-01');
    const haiku = found('claude-haiku-4-5', catalog).model;
    assert.equal(haiku.prices?.inputPerMTok, 0.55);
    assert.equal(haiku.source, 'catalog-update');
  });

  it('ignores a cached update older than the bundled data, and says so', () => {
    writeCache('2025-01-01T00:00:00.000Z', 0.55);
    const catalog = createCatalog({ dataDir: dir });
    assert.equal(catalog.source, 'genai-prices');
    assert.equal(found('claude-haiku-4-5', catalog).model.prices?.inputPerMTok, 1);
    assert.match(catalog.notes.join('\n'), /older than the bundled data/);
  });

  it('falls back to the bundled data with a clear note when the cache file is corrupt', () => {
    writeFileSync(join(dir, CACHE_FILE), '{"format": "tierwise-catalog-cache/1", "fetchedAt": "2026-11-01", "url": "x", "providers": {}}');
    const catalog = createCatalog({ dataDir: dir });
    assert.equal(catalog.source, 'genai-prices');
    assert.match(catalog.notes[0] ?? '', /catalog\.json: expected a JSON array of providers/);
    assert.ok(found('claude-haiku-4-5', catalog).model.prices);
  });
});
