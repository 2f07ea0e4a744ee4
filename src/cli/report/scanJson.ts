/** `tierwise scan --format json`: the ScanResult, versioned, following schemas/scan.schema.json. */
import type { ScanResult } from '../../engine/api';

/** Version of the JSON document shape (bumped on incompatible changes). */
export const SCAN_JSON_VERSION = 1;

/** Renders the scan as JSON (the document `schemas/scan.schema.json` describes). */
export function renderScanJson(result: ScanResult): string {
  return JSON.stringify({ tool: 'tierwise', schemaVersion: SCAN_JSON_VERSION, ...result }, null, 2) + '\n';
}
