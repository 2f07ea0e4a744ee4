/**
 * Reading and writing snapshot files. Reading validates against the published schema
 * (schemas/snapshot.schema.json) and reports the file, the offending field and the fix.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { TierwiseError } from '../engine/errors';
import schema from '../../schemas/snapshot.schema.json';
import { stableStringify } from './canonical';
import { SNAPSHOT_SCHEMA_VERSION } from './model';
import type { CostSnapshot } from './model';

/** The published JSON schema of snapshot files. */
export const SNAPSHOT_SCHEMA: object = schema;

/** A validator for snapshot data (compile once, reuse). */
export interface SnapshotValidator {
  /** Returns the snapshot, or throws a TierwiseError naming `file` and the field. */
  validate(data: unknown, file: string): CostSnapshot;
}

/** Compiles the schema into a validator. */
export function createSnapshotValidator(): SnapshotValidator {
  const ajv = new Ajv({ allErrors: false, strict: false });
  const check = ajv.compile(schema);
  return {
    validate(data, file) {
      const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
      if (typeof data === 'object' && data !== null && version !== undefined && version !== SNAPSHOT_SCHEMA_VERSION) {
        throw new TierwiseError(
          'snapshot-version',
          `snapshot has schemaVersion ${String(version)}, this tierwise reads version ${SNAPSHOT_SCHEMA_VERSION}`,
          're-create the snapshot with this version of tierwise (`tierwise snapshot --out FILE`)',
          { file, field: 'schemaVersion' },
        );
      }
      if (!check(data)) {
        const error = check.errors?.[0];
        const field = (error?.instancePath ?? '').replace(/^\//, '').split('/').join('.') || '(root)';
        throw new TierwiseError(
          'snapshot-invalid',
          `not a Tierwise snapshot: ${error?.message ?? 'does not match schemas/snapshot.schema.json'}`,
          'pass a file written by `tierwise snapshot --out FILE`',
          { file, field },
        );
      }
      return data as unknown as CostSnapshot;
    },
  };
}

/** Reads and validates a snapshot file. */
export function readSnapshotFile(file: string, validator: SnapshotValidator = createSnapshotValidator()): CostSnapshot {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TierwiseError('snapshot-unreadable', `cannot read snapshot (${reason})`, 'check the path passed to --compare-to', { file });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TierwiseError('snapshot-invalid', `snapshot is not valid JSON (${reason})`, 'pass a file written by `tierwise snapshot --out FILE`', { file });
  }
  return validator.validate(data, file);
}

/** Serializes a snapshot (sorted keys, 2-space indent, trailing newline). */
export function serializeSnapshot(snapshot: CostSnapshot): string {
  return stableStringify(snapshot);
}

/** Writes a snapshot file. */
export function writeSnapshotFile(file: string, snapshot: CostSnapshot): void {
  writeFileSync(file, serializeSnapshot(snapshot));
}
