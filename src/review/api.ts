/**
 * The one door into the pre-merge cost review: snapshots of a revision, the diff of two snapshots
 * (`CostDiff`, see ./model.ts), git plumbing that reads a revision without touching the working
 * tree, renderers (markdown PR comment, JSON, terminal table) and CI gates.
 */
export * from './model';
export { buildSnapshot, createSnapshot, configHash } from './snapshot';
export type { SnapshotInput } from './snapshot';
export { createEngineSnapshotter } from './engineSnapshot';
export type { EngineSnapshotterOptions } from './engineSnapshot';
export { createSnapshotValidator, readSnapshotFile, serializeSnapshot, writeSnapshotFile, SNAPSHOT_SCHEMA } from './snapshotFile';
export type { SnapshotValidator } from './snapshotFile';
export { diffSnapshots } from './diff';
export type { DiffOptions } from './diff';
export { matchCallSites, renameId } from './match';
export { evaluateGates } from './gates';
export type { GateOptions, GateResult } from './gates';
export { repoInfo, resolveCommit, extractRevision, renamedFiles, isClean } from './git';
export type { RepoInfo, ExtractedRevision } from './git';
export { renderMarkdown, githubLinks, COMMENT_MARKER } from './render/markdown';
export type { MarkdownLinks, MarkdownOptions } from './render/markdown';
export { renderJson } from './render/json';
export { renderTable } from './render/table';
export { toDiffView } from './diffView';
export { compareRevisions, compareToSnapshot } from './compare';
export type { CompareRequest, SnapshotDir } from './compare';
