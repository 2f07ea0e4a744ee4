import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseConfig } from '../../../../src/engine/config/load';

test("the README's tierwise.yml example is valid and means what the README says", () => {
  const readme = readFileSync(join(__dirname, '../../../../README.md'), 'utf8');
  const block = /```yaml\n(version: 1\n[\s\S]*?)```/.exec(readme);
  assert.ok(block, 'README.md has a ```yaml block starting with `version: 1`');
  const { config, problems } = parseConfig(block[1], 'README.md');
  assert.deepEqual(problems, []);
  assert.equal(config.traffic.tasks.classification?.perMonth, 600_000);
  assert.equal(config.traffic.callSites['src/tickets/classify.ts#classifyTicket#0']?.perMonth, 600_000);
  assert.equal(config.tasks.reasoning.consequence, 'high');
  assert.deepEqual(config.pricing.overrides['claude-haiku-4-5']?.prices, { inputPerMTok: 0.7 });
  assert.equal(config.routing.contextGuard, 0.8);
});
