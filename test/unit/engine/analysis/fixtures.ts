/** Helpers for the analysis tests: fixture paths and compact views of scan results. */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { createEngine } from '../../../../src/engine/api';
import type { AnalyzedCallSite, Engine, ScanResult } from '../../../../src/engine/api';

/** Absolute path of `test/fixtures/<name>`. */
export function fixture(name: string): string {
  return join(__dirname, '..', '..', '..', 'fixtures', name);
}

/** Copies a fixture to a fresh temp directory outside the repository (no node_modules above it). */
export function copyToTemp(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `tierwise-${name}-`));
  cpSync(fixture(name), dir, { recursive: true });
  return dir;
}

/** One line per call site: `id sdk provider api operation model`. */
export interface SiteView {
  id: string;
  sdk: string;
  provider: string;
  api: string;
  operation: string;
  role: string;
  model: string | null;
  client?: string;
}

/** The fields detection decides, for assertions. */
export function view(site: AnalyzedCallSite): SiteView {
  return {
    id: site.site.id,
    sdk: site.site.sdk,
    provider: site.site.provider,
    api: site.site.api,
    operation: site.site.operation,
    role: site.site.role,
    model: site.modelId,
    client: site.site.client,
  };
}

/** Call sites by id. */
export function byId(result: ScanResult): Map<string, AnalyzedCallSite> {
  return new Map(result.callSites.map((s) => [s.site.id, s]));
}

/** The site with `id`, or a failing assertion listing the ids found. */
export function site(result: ScanResult, id: string): AnalyzedCallSite {
  const found = byId(result).get(id);
  if (!found) throw new Error(`no call site ${id}; found: ${result.callSites.map((s) => s.site.id).join(', ') || 'none'}`);
  return found;
}

/**
 * The two ways detection must work, for a test file to run its cases under each: import tracing
 * alone (`dependencyTypes: false`) and with the SDKs' type declarations. Disposed after the file.
 */
export function bothEngines(): ReadonlyArray<readonly [mode: string, engine: Engine]> {
  const lean = createEngine({ dependencyTypes: false });
  const full = createEngine();
  after(() => {
    lean.dispose();
    full.dispose();
  });
  return [
    ['import tracing only', lean],
    ['with SDK types', full],
  ];
}

/** A call site's prompt as `role: text` parts joined by ` | `, holes shown by `hole(name)` (default `{name}`). */
export function promptText(s: AnalyzedCallSite, hole: (name: string) => string = (name) => `{${name}}`): string {
  return s.site.prompt.parts.map((p) => `${p.role}: ${p.segments.map((g) => (g.kind === 'text' ? g.text : hole(g.name))).join('')}`).join(' | ');
}
