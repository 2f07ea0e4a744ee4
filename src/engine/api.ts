/**
 * The one door into the Tierwise engine. The CLI, the editor glue, profiling and review import
 * engine functionality from here only; everything that crosses it is plain serializable data
 * (see ./model.ts). No ts-morph Node/Type/Project is ever exported from here.
 */
export * from './model';
export { TierwiseError, isTierwiseError } from './errors';

// --- analysis (scan, incremental file analysis) ---

// --- sizing: tokens, task inference, catalog ---

// --- configuration, recommendation, projection ---
