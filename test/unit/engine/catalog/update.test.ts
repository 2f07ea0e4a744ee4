import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CACHE_FILE } from '../../../../src/engine/catalog/cache';
import { createCatalog } from '../../../../src/engine/catalog/catalog';
import { bundledProviders } from '../../../../src/engine/catalog/sources';
import { updateCatalog } from '../../../../src/engine/catalog/update';
import { isTierwiseError } from '../../../../src/engine/errors';

/** A local price-data server: `/good` (the bundled data with a changed price), `/malformed`, `/wrong-shape`, `/error`. */
function startServer(): Promise<{ server: Server; base: string }> {
  const providers = structuredClone(bundledProviders());
  const anthropic = providers.find((p) => p.id === 'anthropic');
  anthropic?.models.push({ id: 'claude-future-9', name: 'Claude Future 9', match: { starts_with: 'claude-future-9' }, context_window: 2_000_000, prices: { input_mtok: 7, output_mtok: 35 } });
  const routes: Record<string, [number, string]> = {
    '/good': [200, JSON.stringify(providers)],
    '/malformed': [200, '[{"id": "anthropic", "models": ['],
    '/wrong-shape': [200, JSON.stringify([{ id: 'anthropic', models: [] }])],
    '/error': [503, 'maintenance'],
  };
  const server = createServer((req, res) => {
    const [status, body] = routes[req.url ?? ''] ?? [404, 'not found'];
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  return new Promise((resolveServer) => server.listen(0, '127.0.0.1', () => resolveServer({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isTierwiseError(error), `expected a TierwiseError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the update to fail');
}

describe('tierwise catalog update', () => {
  let server: Server;
  let base: string;
  const dir = mkdtempSync(join(tmpdir(), 'tierwise-update-'));
  before(async () => ({ server, base } = await startServer()));
  after(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('downloads from TIERWISE_CATALOG_URL into TIERWISE_CACHE_DIR, and the catalog then uses it', async () => {
    const env = { TIERWISE_CATALOG_URL: `${base}/good`, TIERWISE_CACHE_DIR: dir };
    const result = await updateCatalog({ env, now: new Date('2026-11-20T08:00:00Z') });
    assert.equal(result.path, join(dir, CACHE_FILE));
    assert.equal(result.url, `${base}/good`);
    assert.ok(result.models > 100);
    const catalog = createCatalog({ dataDir: dir });
    assert.equal(catalog.source, 'catalog-update');
    assert.equal(catalog.asOf, '2026-11-20');
    const future = catalog.lookup('claude-future-9-20261101');
    assert.ok(future.found, 'a model that only the update knows is found');
    assert.equal(future.model.prices?.inputPerMTok, 7);
    assert.equal(future.model.contextWindow, 2_000_000);
    assert.equal(createCatalog({ dataDir: dir, bundledOnly: true }).lookup('claude-future-9').found, false);
  });

  it('rejects malformed JSON and keeps the previous cache, with a message naming the URL', async () => {
    const before = readFileSync(join(dir, CACHE_FILE), 'utf8');
    const error = await rejection(updateCatalog({ url: `${base}/malformed`, cacheDir: dir }));
    assert.match(error.message, /not valid JSON/);
    assert.match(error.message, new RegExp(`${base}/malformed`));
    assert.match(error.message, /keeps using the cached catalog as of 2026-11-20/);
    assert.equal(readFileSync(join(dir, CACHE_FILE), 'utf8'), before);
  });

  it('rejects data without the providers Tierwise needs', async () => {
    const error = await rejection(updateCatalog({ url: `${base}/wrong-shape`, cacheDir: dir }));
    assert.match(error.message, /providers missing from the data: openai, google/);
    assert.equal(createCatalog({ dataDir: dir }).asOf, '2026-11-20');
  });

  it('reports an HTTP error and an unreachable host clearly, keeping the bundled data when there is no cache', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'tierwise-update-empty-'));
    try {
      const http = await rejection(updateCatalog({ url: `${base}/error`, cacheDir: fresh }));
      assert.match(http.message, /HTTP 503/);
      assert.match(http.message, /keeps using the bundled catalog/);
      // Port 9 on 127.0.0.1 (discard) is closed: the connection is refused, like being offline.
      const offline = await rejection(updateCatalog({ url: 'http://127.0.0.1:9/data.json', cacheDir: fresh, timeoutMs: 5000 }));
      assert.match(offline.message, /could not download price data from http:\/\/127\.0\.0\.1:9\/data\.json/);
      assert.match((offline as { fix?: string }).fix ?? '', /TIERWISE_CATALOG_URL/);
      assert.equal(existsSync(join(fresh, CACHE_FILE)), false);
      assert.ok(createCatalog({ dataDir: fresh }).lookup('claude-haiku-4-5').found, 'offline keeps working');
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});
