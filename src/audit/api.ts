/** The readiness audit's public surface (used by the CLI and the editor). */
export { audit, renderAuditText, renderAuditMarkdown } from './audit';
export { gatherAuditFacts, PROJECTION_FILE } from './gather';
export type { AuditFacts, AuditInputs, AuditItem, AuditReport, AuditStatus } from './types';
