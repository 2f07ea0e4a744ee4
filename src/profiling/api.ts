/**
 * The one door into profiling, used by `tierwise profile` and the editor's profiling command.
 * Editor-free: plain data in and out, keys passed in by the caller (CLI: environment; editor:
 * SecretStorage), an AbortSignal for cancellation, a progress callback, no console output.
 *
 * Typical flow:
 *   const inputs = await loadProfilingInputs(root, config, scan, { grader: graderFactory(config, credentials, deps) });
 *   const plan = planRun(inputs, deps, { tasks, tiers, batch });        // the dry run
 *   const run = await runProfile(plan, inputs, { credentials, signal, onProgress });
 *   const summary = summarize(plan.resultsFile, config, priceOf);        // rows + decisions
 *   const { text, diff } = applyDecisions(configText, summary.decisions);
 */
export type * from './types';
/** Samples + oracles + call sites per task, validated (file:line errors) before any request. */
export { loadProfilingInputs, taskCallSites } from './inputs';
export type { InputOptions } from './inputs';
/** Sample parsing and the hole check (for editor diagnostics on samples files). */
export { parseSamples, holeNames, checkSampleAgainstSite } from './samples';
/** The concrete request a sample produces for a call site. */
export { buildRequest } from './buildRequest';
/** The dry run: requests, estimated cost and time; deps from the engine's catalog and token counter. */
export { planRun, createPlanDeps } from './plan';
export type { PlanDeps, PlanOptions } from './plan';
/** Run or resume a plan; exact Anthropic token counts for the dry run; the LLM-rubric grader. */
export { runProfile, refineWithCountTokens, graderFactory } from './session';
export type { ProfileRunOptions } from './session';
/** Keys and endpoints: from the environment (CLI) or given by the caller (editor). */
export { credentialsFromEnv, resolveAccess, keyEnvName, KEY_ENV, BASE_URL_ENV } from './access';
export type { Credentials } from './access';
/** Oracles from a spec (`label-in-set:a,b`, `json-schema:./x.json`, `./oracle.mjs`, ...). */
export { createOracle } from './oracles/createOracle';
/** Results: the log, summaries with Wilson intervals, decisions, evidence for projections. */
export { readResultsLog, effectiveResults } from './resultsLog';
export { summarize, decide, monthlyRequests } from './summarize';
export type { PriceOf } from './summarize';
export { readEvidence, readAllResults, resultsStamp } from './evidence';
/** Re-grade stored outputs whose oracle version is stale (code oracles only). */
export { regradeStale } from './regrade';
export { wilsonInterval } from './stats';
/** `--apply`: decisions into tierwise.yml, with the unified diff. */
export { applyDecisions } from './applyDecisions';
export type { AppliedDecisions } from './applyDecisions';
/** Renderers: plan, table, markdown, JSON. */
export { renderPlan, renderTable, renderMarkdown, renderJson } from './report';
