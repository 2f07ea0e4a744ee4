/** Plain data of the readiness audit (MISSION.md "Pre-launch readiness"). */
import type { ConfigProblem, ScanResult, Span, TaskType, TierEvidence, TierwiseConfig } from '../engine/api';

/** The outcome of one readiness item. `unknown`: static analysis cannot decide it. */
export type AuditStatus = 'pass' | 'fail' | 'unknown';

/** One readiness item with its evidence (readable lines) and the locations it points at. */
export interface AuditItem {
  id: number;
  title: string;
  status: AuditStatus;
  evidence: string[];
  locations: Span[];
}

/** The ten items plus counts. */
export interface AuditReport {
  root: string;
  items: AuditItem[];
  counts: Record<AuditStatus, number>;
}

/** Facts about files, gathered by `gatherAuditFacts` (the only I/O of the audit). */
export interface AuditFacts {
  /** The oracle reference of each task found, and whether it exists as a file (or is built in). */
  oracles: Partial<Record<TaskType, { ref?: string; status: 'file' | 'builtin' | 'missing-file' | 'none' }>>;
  /** `tierwise/projection.json`: modified time (ISO), when present. */
  projection?: { file: string; modifiedAt: string };
  /** Results logs under profiling.resultsDir with their modified times (ISO). */
  resultsFiles: Array<{ file: string; modifiedAt: string }>;
}

/** Everything the audit reads. */
export interface AuditInputs {
  scan: ScanResult;
  config: TierwiseConfig;
  configProblems: ConfigProblem[];
  evidence: TierEvidence[];
  facts: AuditFacts;
}
