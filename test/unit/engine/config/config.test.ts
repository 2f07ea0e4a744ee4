import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../../src/engine/config/defaults';
import { loadConfig, parseConfig } from '../../../../src/engine/config/load';
import { TIERWISE_SCHEMA } from '../../../../src/engine/config/schema';
import { matchesGlob, parseTrafficRate, parseTrafficText } from '../../../../src/engine/config/traffic';
import { updateConfigFile } from '../../../../src/engine/config/write';
import { standaloneValidatorSource } from '../../../../scripts/schemaOutputs';

describe('tierwise.yml loading', () => {
  it('a missing file gives the defaults with file null', async () => {
    const { config, problems } = await loadConfig(mkdtempSync(join(tmpdir(), 'tw-cfg-')));
    assert.equal(config.file, null);
    assert.deepEqual(problems, []);
    assert.equal(config.traffic.default.perMonth, 30_000);
    assert.equal(config.tasks.classification.defaultTier, 1);
  });

  it('applies a valid file over the defaults', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-cfg-'));
    writeFileSync(join(dir, 'tierwise.yml'), [
      'routing:', '  contextGuard: 0.7', 'tasks:', '  classification:', '    consequence: high', '    strategy: cascade',
      'traffic:', '  default: 500/day', '  tasks:', '    classification: { perDay: 100 }', '  paths:', '    "src/reports/**": 4/day',
      'holes:', '  ticket.body: 400', '  context: { min: 500, expected: 2000, max: 8000 }',
      'pricing:', '  overrides:', '    my-llama: { provider: openai, inputPerMTok: 0.1, outputPerMTok: 0.2, contextWindow: 32000 }',
    ].join('\n'));
    const { config, problems } = await loadConfig(dir);
    assert.deepEqual(problems, []);
    assert.equal(config.file, join(dir, 'tierwise.yml'));
    assert.equal(config.routing.contextGuard, 0.7);
    assert.equal(config.routing.tier1PassRate, 0.95, 'untouched fields keep their defaults');
    assert.equal(config.tasks.classification.consequence, 'high');
    assert.equal(config.tasks.classification.defaultTier, 1);
    assert.equal(config.traffic.default.perMonth, 15_000);
    assert.equal(config.traffic.tasks.classification?.perMonth, 3_000);
    assert.deepEqual(config.traffic.paths.map((p) => [p.glob, p.rate.perMonth]), [['src/reports/**', 120]]);
    assert.deepEqual(config.holes['ticket.body'], { min: 400, expected: 400, max: 400 });
    assert.deepEqual(config.pricing.overrides['my-llama'].prices, { inputPerMTok: 0.1, outputPerMTok: 0.2 });
    assert.equal(config.pricing.overrides['my-llama'].contextWindow, 32000);
  });

  it('reports each broken field at its line and column, with the field and a fix, and keeps the rest', () => {
    const text = [
      '# team config',             // 1
      'routing:',                  // 2
      '  contexGuard: 0.8',        // 3: typo
      '  tier1PassRate: 1.5',      // 4: out of range
      'tasks:',                    // 5
      '  classification:',         // 6
      '    consequence: critical', // 7: bad enum
      '    defaultTier: 4',        // 8: no such tier
      'traffic:',                  // 9
      '  tasks:',                  // 10
      '    extraction: lots',      // 11: bad rate
      '  default: 200/day',        // 12: valid
    ].join('\n');
    const { config, problems } = parseConfig(text, 'tierwise.yml');
    const got = problems.map((p) => [p.line, p.column, p.field]);
    assert.deepEqual(got, [
      [3, 3, 'routing.contexGuard'],
      [4, 18, 'routing.tier1PassRate'],
      [7, 18, 'tasks.classification.consequence'],
      [8, 18, 'tasks.classification.defaultTier'],
      [11, 17, 'traffic.tasks.extraction'],
    ]);
    assert.match(problems[0].fix, /did you mean `contextGuard`/);
    assert.equal(problems[1].fix, 'routing.tier1PassRate must be a number between 0 and 1, e.g. 0.95');
    assert.match(problems[2].fix, /one of "low", "medium", "high"/);
    assert.match(problems[3].fix, /tier levels 1, 2, 3/);
    assert.match(problems[4].fix, /20000\/day/);
    assert.equal(config.routing.tier1PassRate, 0.95, 'a broken value falls back to the default');
    assert.equal(config.tasks.classification.consequence, 'medium');
    assert.equal(config.traffic.default.perMonth, 6_000, 'valid fields still apply');
  });

  it('reports YAML syntax errors with their position and never throws', () => {
    const { config, problems } = parseConfig('routing:\n  contextGuard: [0.8\ntasks: {\n', 'tierwise.yml');
    assert.ok(problems.length > 0);
    assert.equal(problems[0].field, '(syntax)');
    assert.ok(problems[0].line >= 2);
    assert.match(problems[0].fix, /indentation|\[ or \{/);
    assert.equal(config.routing.contextGuard, 0.8);
    const top = parseConfig('- just\n- a list\n', 'tierwise.yml');
    assert.equal(top.problems[0].field, '(top level)');
  });

  it('checks the thresholds are ordered and a model sits in one tier only', () => {
    const { problems } = parseConfig([
      'routing:', '  tier1PassRate: 0.9', '  monitorPassRate: 0.92',
      'tiers:', '  - name: small', '    models: { anthropic: [claude-haiku-4-5] }', '  - name: mid', '    models: { anthropic: [claude-sonnet-4-6, claude-haiku-4-5] }',
    ].join('\n'), 'tierwise.yml');
    assert.deepEqual(problems.map((p) => [p.line, p.field]), [[3, 'routing.monitorPassRate'], [8, 'tiers[1].models.anthropic[1]']]);
  });

  it('the published JSON Schema is in sync with the source (run scripts/writeSchema.ts)', () => {
    const published = JSON.parse(readFileSync(join(__dirname, '../../../../schemas/tierwise.schema.json'), 'utf8'));
    assert.deepEqual(published, JSON.parse(JSON.stringify(TIERWISE_SCHEMA)));
  });

  it('the precompiled validator is generated from the current schema (run scripts/writeSchema.ts)', () => {
    const generated = readFileSync(join(__dirname, '../../../../src/engine/config/validateSchema.generated.ts'), 'utf8');
    assert.ok(generated === standaloneValidatorSource(TIERWISE_SCHEMA), 'src/engine/config/validateSchema.generated.ts is stale: run `node --import tsx scripts/writeSchema.ts`');
  });
});

describe('traffic rates', () => {
  it('normalises the accepted forms to requests per 30-day month', () => {
    assert.equal(parseTrafficText('20000/day'), 600_000);
    assert.equal(parseTrafficText('600000/month'), 600_000);
    assert.equal(parseTrafficText('20k/day'), 600_000);
    assert.equal(parseTrafficText('1,400/week'), 6_000);
    assert.equal(parseTrafficText('10/hour'), 7_200);
    assert.equal(parseTrafficText('lots'), null);
    assert.equal(parseTrafficRate({ perDay: 100 }, 'x')?.perMonth, 3_000);
    assert.equal(parseTrafficRate(5000, 'x')?.perMonth, 5_000);
  });

  it('matches path globs', () => {
    assert.ok(matchesGlob('src/reports/weekly.ts', 'src/reports/**'));
    assert.ok(matchesGlob('src/a.ts', '**/*.ts'));
    assert.ok(matchesGlob('src/kb/answer.ts', 'src/{kb,chat}/*.ts'));
    assert.ok(!matchesGlob('src/tickets/reply.ts', 'src/{kb,chat}/*.ts'));
  });
});

describe('updateConfigFile', () => {
  it('changes values and adds keys while keeping comments and order', () => {
    const before = '# Tierwise\nrouting:\n  tier1PassRate: 0.95 # from the March run\n  # keep conservative\n  contextGuard: 0.8\n';
    const after = updateConfigFile(before, [
      { path: ['routing', 'tier1PassRate'], value: 0.93 },
      { path: ['traffic', 'tasks', 'summarization'], value: '500/day', comment: 'saved from what-if' },
    ]);
    assert.equal(after, '# Tierwise\nrouting:\n  tier1PassRate: 0.93 # from the March run\n  # keep conservative\n  contextGuard: 0.8\ntraffic:\n  tasks:\n    # saved from what-if\n    summarization: 500/day\n');
    assert.equal(parseConfig(after, 'tierwise.yml').config.routing.tier1PassRate, 0.93);
  });

  it('refuses to rewrite a file with syntax errors', () => {
    assert.throws(() => updateConfigFile('routing: [\n', [{ path: ['routing'], value: 1 }]), /syntax errors/);
  });
});

describe('defaultConfig', () => {
  it('every default tier model is priced by the bundled catalog', async () => {
    const { createCatalog } = await import('../../../../src/engine/catalog/catalog');
    const catalog = createCatalog({ dataDir: mkdtempSync(join(tmpdir(), 'tw-cat-')) });
    for (const tier of defaultConfig().tiers) {
      for (const [provider, ids] of Object.entries(tier.models)) {
        for (const id of ids ?? []) {
          const found = catalog.lookup(id, provider as 'anthropic');
          assert.ok(found.found && found.model.prices, `${provider} ${id} (tier ${tier.level}) is priced`);
        }
      }
    }
  });
});
