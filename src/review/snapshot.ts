/**
 * Versioned, reproducible snapshots of one revision's analysis and projection
 * (schema: schemas/snapshot.schema.json). `buildSnapshot` is pure (scan + projection + config in,
 * snapshot out); `createSnapshot` runs the engine first. Reproducible for the same commit and
 * configuration: no timestamps or durations, no absolute paths, keys and arrays sorted.
 */
import { createHash } from 'node:crypto';
import { relative } from 'node:path';
import { projectCosts } from '../engine/api';
import type { AnalyzedCallSite, CallSiteProjection, Engine, Projection, ScanResult, TierwiseConfig } from '../engine/api';
import { canonicalize, stripRoot } from './canonical';
import { SNAPSHOT_SCHEMA_VERSION } from './model';
import type { CostSnapshot, SnapshotCallSite } from './model';

/** Inputs of `buildSnapshot`. */
export interface SnapshotInput {
  scan: ScanResult;
  projection: Projection;
  config: TierwiseConfig;
  /** The git commit of the analysed tree, when known. */
  commit?: string;
  /** Tool version written into the snapshot. */
  version?: string;
}

/** `sha256:<hex>` of the validated configuration (defaults applied), ignoring where the file lives. */
export function configHash(config: TierwiseConfig): string {
  const { file: _file, ...rest } = config;
  const text = JSON.stringify(canonicalize(rest));
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

function unpricedReason(analyzed: AnalyzedCallSite, projection: Projection): string | undefined {
  const excluded = projection.excluded.find((e) => e.callSiteId === analyzed.site.id);
  if (excluded) return excluded.reason;
  if (analyzed.unpriced) return `model ${analyzed.unpriced.id} is not in the price catalog`;
  if (analyzed.modelId === null) return 'model could not be resolved statically';
  return undefined;
}

function snapshotSite(analyzed: AnalyzedCallSite, projected: CallSiteProjection | undefined, projection: Projection): SnapshotCallSite {
  const { site } = analyzed;
  const monthly = projected?.current?.range ?? null;
  const reason = analyzed.costed && monthly === null ? unpricedReason(analyzed, projection) ?? 'not priced by the projection' : undefined;
  const rec = projected?.recommendation;
  return {
    id: site.id,
    role: site.role,
    span: site.span,
    enclosing: site.enclosing,
    sdk: site.sdk,
    provider: site.provider,
    api: site.api,
    operation: site.operation,
    task: projected?.task ?? analyzed.task.task,
    taskConfidence: analyzed.task.confidence,
    model: projected?.currentModel ?? analyzed.modelId,
    costed: analyzed.costed,
    ...(reason ? { unpriced: { model: projected?.currentModel ?? analyzed.modelId, reason } } : {}),
    tokens: projected?.tokens ?? { input: analyzed.tokens.input, output: analyzed.tokens.output },
    requestsPerMonth: projected?.requestsPerMonth ?? null,
    trafficSource: projected?.trafficSource ?? null,
    monthly,
    recommendation: rec
      ? {
          currentTier: rec.currentTier,
          suggestedTier: rec.suggestedTier,
          suggestedModel: rec.suggestedModel,
          strategy: rec.strategy,
          monthly: projected?.recommended?.range ?? null,
        }
      : null,
    findings: [...new Set((rec?.findings ?? []).map((f) => f.code))].sort(),
  };
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Builds the snapshot from an engine scan and projection (pure). */
export function buildSnapshot(input: SnapshotInput): CostSnapshot {
  const { scan, projection, config } = input;
  const projectedById = new Map(projection.callSites.map((p) => [p.callSiteId, p]));
  const callSites = scan.callSites.map((a) => snapshotSite(a, projectedById.get(a.site.id), projection)).sort(byId);
  const { generatedAt: _generatedAt, ...timeless } = projection;
  const configFile = config.file ? relative(scan.root, config.file).split('\\').join('/') : null;
  const problems = [...scan.problems].sort((a, b) => a.file.localeCompare(b.file) || a.message.localeCompare(b.message));
  const snapshot: CostSnapshot = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { name: 'tierwise', version: input.version ?? 'dev' },
    ...(input.commit ? { commit: input.commit } : {}),
    configHash: configHash(config),
    configFile,
    catalogAsOf: scan.catalogAsOf,
    scan: { filesScanned: scan.filesScanned, filesWithSdkImports: scan.filesWithSdkImports, callSites: scan.callSites.length, problems },
    projection: {
      ...timeless,
      configFile,
      callSites: [...timeless.callSites].sort((a, b) => byId({ id: a.callSiteId }, { id: b.callSiteId })),
      excluded: [...timeless.excluded].sort((a, b) => byId({ id: a.callSiteId }, { id: b.callSiteId })),
    },
    callSites,
    analysis: [...scan.callSites].sort((a, b) => byId(a.site, b.site)),
  };
  // Root paths may hide in free text (assumptions, reasons): strip them so temp checkouts compare equal.
  return canonicalize(snapshot, stripRoot(scan.root)) as unknown as CostSnapshot;
}

/** Scans `root` with the engine, projects it with `config` and returns the snapshot. */
export async function createSnapshot(
  root: string,
  engine: Engine,
  config: TierwiseConfig,
  options: { commit?: string; version?: string } = {},
): Promise<CostSnapshot> {
  const scan = await engine.scan(root, { config });
  const projection = projectCosts(scan, config, engine.catalogFor(config));
  return buildSnapshot({ scan, projection, config, ...options });
}
