import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCatalog } from '../../../../src/engine/catalog/catalog';
import { parseConfig } from '../../../../src/engine/config/load';

function lookupWith(yamlText: string, id: string) {
  const { config, problems } = parseConfig(yamlText, '/w/tierwise.yml');
  assert.deepEqual(problems, []);
  const result = createCatalog({ overrides: config.pricing.overrides }).lookup(id);
  assert.ok(result.found, `${id} should be found`);
  return result.model;
}

describe('price overrides from tierwise.yml', () => {
  it('an input-only negotiated rate keeps the catalog output price (never free output)', () => {
    const base = createCatalog({}).lookup('claude-haiku-4-5');
    assert.ok(base.found && base.model.prices);
    const model = lookupWith('pricing:\n  overrides:\n    claude-haiku-4-5:\n      inputPerMTok: 0.7\n', 'claude-haiku-4-5');
    assert.equal(model.prices?.inputPerMTok, 0.7);
    assert.equal(model.prices?.outputPerMTok, base.model.prices.outputPerMTok);
    assert.equal(model.source, 'config-override');
  });

  it('a self-hosted model with both prices is priced; with only one it stays unpriced', () => {
    const full = lookupWith('pricing:\n  overrides:\n    llama3.1:8b:\n      inputPerMTok: 0.05\n      outputPerMTok: 0.1\n      contextWindow: 128000\n', 'llama3.1:8b');
    assert.deepEqual([full.prices?.inputPerMTok, full.prices?.outputPerMTok, full.contextWindow], [0.05, 0.1, 128000]);
    const partial = lookupWith('pricing:\n  overrides:\n    llama3.1:8b:\n      inputPerMTok: 0.05\n', 'llama3.1:8b');
    assert.equal(partial.prices, undefined);
  });
});
