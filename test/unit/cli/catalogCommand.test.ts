import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { main } from '../../../src/cli/main';
import type { CliIO } from '../../../src/cli/types';
import { bundledProviders } from '../../../src/engine/catalog/sources';

function io(env: NodeJS.ProcessEnv): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: process.cwd(), env, isTTY: false, confirm: async () => false };
}

describe('tierwise catalog', () => {
  const cache = mkdtempSync(join(tmpdir(), 'tierwise-cli-catalog-'));
  const env = { TIERWISE_CACHE_DIR: cache };
  after(() => rmSync(cache, { recursive: true, force: true }));

  it('show prints one model with prices, tiers, batch discount and as-of date; aliases resolve', async () => {
    const t = io(env);
    assert.equal(await main(['catalog', 'show', 'claude-sonnet-4-5-20250929'], t), 0);
    const text = t.out.join('');
    assert.match(text, /id:\s+claude-sonnet-4-5 {2}\(matched from claude-sonnet-4-5-20250929\)/);
    assert.match(text, /input \/ output:\s+\$3 \/ \$15 per MTok/);
    assert.match(text, />200000: \$6\/\$22\.5/);
    assert.match(text, /batch discount:\s+50%/);
    assert.match(text, /as of 2026-09-23/);
  });

  it('show of an unknown id prints the nearest ids and exits 1', async () => {
    const t = io(env);
    assert.equal(await main(['catalog', 'show', 'gpt-4o-mni'], t), 1);
    assert.match(t.out.join(''), /not in the catalog .* Nearest known ids: gpt-4o-mini/);
  });

  it('list --provider openai --format json gives the models of one provider', async () => {
    const t = io(env);
    assert.equal(await main(['catalog', 'list', '--provider', 'openai', '--format', 'json'], t), 0);
    const data = JSON.parse(t.out.join('')) as { asOf: string; models: Array<{ id: string; provider: string }> };
    assert.ok(data.models.length > 30);
    assert.ok(data.models.every((m) => m.provider === 'openai'));
    assert.ok(data.models.some((m) => m.id === 'gpt-4o-mini'));
  });

  it('a bad flag is a user error naming the fix, not a crash', async () => {
    const t = io(env);
    assert.equal(await main(['catalog', 'list', '--provider', 'azure'], t), 2);
    assert.match(t.err.join(''), /unknown provider 'azure'.*Fix: use one of anthropic, openai, google, unknown/);
  });

  it('update fetches from TIERWISE_CATALOG_URL; offline prints a clear message and exits 2', async () => {
    const server = createServer((_req, res) => res.end(JSON.stringify(bundledProviders())));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/data.json`;
      const ok = io({ ...env, TIERWISE_CATALOG_URL: url });
      assert.equal(await main(['catalog', 'update'], ok), 0);
      assert.match(ok.out.join(''), /catalog updated: \d+ providers/);
      const listed = io(env);
      await main(['catalog', 'list', '--provider', 'anthropic'], listed);
      assert.match(listed.out.join(''), /updated catalog/);
      const offline = io({ ...env, TIERWISE_CATALOG_URL: 'http://127.0.0.1:9/data.json' });
      assert.equal(await main(['catalog', 'update'], offline), 2);
      assert.match(offline.err.join(''), /could not download price data .* keeps using the cached catalog/);
    } finally {
      server.close();
    }
  });
});
