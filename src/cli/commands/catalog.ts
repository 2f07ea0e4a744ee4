import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { TierwiseError, catalogCacheDir, createCatalog, formatConfigProblem, loadConfig, updateCatalog } from '../../engine/api';
import type { Catalog, CatalogLookup, ModelInfo, Provider, TokenPrices } from '../../engine/api';
import type { CliCommand, CliIO } from '../types';

const USAGE = `Usage:
  tierwise catalog list [--provider anthropic|openai|google] [--format table|json] [--dir <workspace>]
  tierwise catalog show <model> [--format table|json] [--dir <workspace>]
  tierwise catalog update [--url <url>]

list    every Anthropic, OpenAI and Google model with context window and prices per MTok
show    one model (aliases and dated snapshots resolve), or the nearest ids when unknown
        (pricing.overrides from <workspace>/tierwise.yml apply; default: the current directory)
update  download newer price data into the cache (TIERWISE_CATALOG_URL overrides the source,
        TIERWISE_CACHE_DIR the cache directory); offline, the bundled data keeps working`;

const PROVIDERS: readonly Provider[] = ['anthropic', 'openai', 'google', 'unknown'];

function money(n: number | undefined): string {
  return n === undefined ? '-' : `$${Number(n.toFixed(4))}`;
}

function tiersText(prices: TokenPrices | undefined): string {
  return (prices?.tiers ?? []).map((t) => `>${t.aboveInputTokens}: ${money(t.inputPerMTok)}/${money(t.outputPerMTok)}`).join('; ');
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n') + '\n';
}

function flags(model: ModelInfo): string {
  return [model.retired ? 'retired' : '', model.deprecated ? 'deprecated' : '', model.source === 'config-override' ? 'override' : ''].filter(Boolean).join(',');
}

function list(catalog: Catalog, io: CliIO, provider: string | undefined, format: string): number {
  if (provider && !PROVIDERS.includes(provider as Provider)) {
    throw new TierwiseError('bad-argument', `unknown provider '${provider}'`, `use one of ${PROVIDERS.join(', ')}`, { field: '--provider' });
  }
  const models = catalog.all().filter((m) => !provider || m.provider === provider);
  if (format === 'json') {
    io.stdout(JSON.stringify({ asOf: catalog.asOf, source: catalog.source, models }, null, 2) + '\n');
    return 0;
  }
  const rows = [['provider', 'id', 'context', 'input/MTok', 'output/MTok', 'cache read', 'cache write', 'long-context tiers', 'flags']];
  for (const m of models) {
    rows.push([m.provider, m.id, m.contextWindow ? String(m.contextWindow) : '-', money(m.prices?.inputPerMTok), money(m.prices?.outputPerMTok), money(m.prices?.cacheReadPerMTok), money(m.prices?.cacheWritePerMTok), tiersText(m.prices), flags(m)]);
  }
  io.stdout(table(rows));
  io.stdout(`${models.length} models; prices as of ${catalog.asOf} (${catalog.source === 'catalog-update' ? 'updated catalog' : 'bundled @pydantic/genai-prices data'})\n`);
  return 0;
}

function show(catalog: Catalog, io: CliIO, id: string | undefined, format: string): number {
  if (!id) throw new TierwiseError('bad-argument', 'missing model id', 'run `tierwise catalog show <model>`, e.g. `tierwise catalog show claude-haiku-4-5`');
  const result: CatalogLookup = catalog.lookup(id);
  if (format === 'json') {
    io.stdout(JSON.stringify({ asOf: catalog.asOf, ...result }, null, 2) + '\n');
    return result.found ? 0 : 1;
  }
  if (!result.found) {
    io.stdout(`${id}: not in the catalog (as of ${catalog.asOf}). Nearest known ids: ${result.nearest.join(', ')}\n`);
    io.stdout(`To price it, add it under pricing.overrides in tierwise.yml (inputPerMTok, outputPerMTok, contextWindow).\n`);
    return 1;
  }
  const m = result.model;
  const lines = [
    `id:              ${m.id}${result.matchedAs !== id ? `  (matched from ${id})` : ''}`,
    `provider:        ${m.provider}${m.name ? `  (${m.name})` : ''}`,
    `context window:  ${m.contextWindow ?? 'unknown'}`,
    `input / output:  ${money(m.prices?.inputPerMTok)} / ${money(m.prices?.outputPerMTok)} per MTok`,
    `cache read/write: ${money(m.prices?.cacheReadPerMTok)} / ${money(m.prices?.cacheWritePerMTok)} per MTok`,
    `long context:    ${tiersText(m.prices) || 'no surcharge tiers'}`,
    `batch discount:  ${m.batchDiscount !== undefined ? `${m.batchDiscount * 100}%` : 'none known'}`,
    `status:          ${m.retired ? 'retired' : m.deprecated ? 'deprecated' : 'current'}`,
    `source:          ${m.source}, as of ${m.asOf}`,
  ];
  io.stdout(lines.join('\n') + '\n');
  return 0;
}

async function update(io: CliIO, url: string | undefined): Promise<number> {
  io.stderr(`downloading price data from ${url ?? io.env.TIERWISE_CATALOG_URL ?? 'the genai-prices repository'}...\n`);
  const result = await updateCatalog({ env: io.env, url });
  io.stdout(`catalog updated: ${result.providers} providers, ${result.models} Anthropic/OpenAI/Google models, as of ${result.fetchedAt.slice(0, 10)} (was ${result.previousAsOf})\n`);
  io.stdout(`cache: ${result.path}\n`);
  return 0;
}

/** `tierwise catalog update|list|show <model>`. */
export const command: CliCommand = {
  name: 'catalog',
  summary: 'Model prices and context windows: list, show <model>, update',
  usage: USAGE,
  async run(argv, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        options: { format: { type: 'string', default: 'table' }, provider: { type: 'string' }, url: { type: 'string' }, dir: { type: 'string' } },
      });
    } catch (error) {
      throw new TierwiseError('bad-argument', error instanceof Error ? error.message : String(error), 'run `tierwise catalog --help` for the options');
    }
    const { values, positionals } = parsed;
    const [action, id] = positionals;
    if (!action) {
      io.stdout(USAGE + '\n');
      return 2;
    }
    if (values.format !== 'table' && values.format !== 'json') {
      throw new TierwiseError('bad-argument', `unknown format '${values.format}'`, 'use --format table or --format json', { field: '--format' });
    }
    if (action === 'update') return update(io, values.url);
    const { config, problems } = await loadConfig(resolve(io.cwd, values.dir ?? '.'));
    for (const problem of problems) io.stderr(`${formatConfigProblem(problem)}\n`);
    const catalog = createCatalog({ dataDir: catalogCacheDir(io.env), overrides: config.pricing.overrides });
    for (const note of catalog.notes) io.stderr(`note: ${note}\n`);
    if (action === 'list') return list(catalog, io, values.provider, values.format);
    if (action === 'show') return show(catalog, io, id, values.format);
    throw new TierwiseError('bad-argument', `unknown catalog action '${action}'`, 'use `tierwise catalog list`, `tierwise catalog show <model>` or `tierwise catalog update`');
  },
};
