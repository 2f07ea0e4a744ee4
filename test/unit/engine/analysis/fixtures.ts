/** Helpers for the analysis tests: fixture paths and compact views of scan results. */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnalyzedCallSite, ScanResult } from '../../../../src/engine/api';

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
