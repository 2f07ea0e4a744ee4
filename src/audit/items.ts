/**
 * The ten readiness items of MISSION.md, each evaluated statically from the scan, the configuration,
 * profiling evidence and file facts. An item that cannot be decided statically is `unknown` with
 * the reason, never a guess.
 */
import type { AnalyzedCallSite, Span, TaskType } from '../engine/api';
import type { AuditInputs, AuditItem, AuditStatus } from './types';

const LOW_CONFIDENCE = 0.6;

const at = (a: AnalyzedCallSite): string => `${a.site.span.file}:${a.site.span.start.line + 1}`;
const taskOf = (a: AnalyzedCallSite): TaskType => a.site.annotation?.task ?? a.task.task;
const costed = (inputs: AuditInputs): AnalyzedCallSite[] => inputs.scan.callSites.filter((a) => a.costed);

function item(id: number, title: string, status: AuditStatus, evidence: string[], locations: Span[] = []): AuditItem {
  return { id, title, status, evidence, locations };
}

/** A pass/fail item over call sites: fails listing each site that misses `ok`. */
function perSite(id: number, title: string, sites: AnalyzedCallSite[], ok: (a: AnalyzedCallSite) => boolean, passText: string, failText: (a: AnalyzedCallSite) => string): AuditItem {
  if (sites.length === 0) return item(id, title, 'unknown', ['no costed LLM call sites found']);
  const bad = sites.filter((a) => !ok(a));
  if (bad.length === 0) return item(id, title, 'pass', [`${sites.length}/${sites.length} call sites: ${passText}`]);
  return item(id, title, 'fail', [`${bad.length}/${sites.length} call sites do not:`, ...bad.map((a) => `${at(a)} ${failText(a)}`)], bad.map((a) => a.site.span));
}

function tasksEnumerated(inputs: AuditInputs): AuditItem {
  return perSite(1, "Every call site's task type is enumerated (annotated or confidently inferred)", costed(inputs),
    (a) => Boolean(a.site.annotation?.task) || a.task.confidence >= LOW_CONFIDENCE,
    `task annotated or inferred with confidence >= ${LOW_CONFIDENCE}`,
    (a) => `${a.task.task} inferred with confidence ${a.task.confidence.toFixed(2)}: add \`// tierwise: task=<type>\``);
}

function oracles(inputs: AuditInputs): AuditItem {
  const entries = Object.entries(inputs.facts.oracles);
  if (entries.length === 0) return item(2, 'A quality oracle exists, as code, for every task type', 'unknown', ['no task types found']);
  const lines = entries.map(([task, o]) => {
    if (o.status === 'file') return `${task}: ${o.ref} exists`;
    if (o.status === 'builtin') return `${task}: built-in oracle ${o.ref}`;
    if (o.status === 'missing-file') return `${task}: tasks.${task}.oracle is ${o.ref}, but a file it names does not exist`;
    return `${task}: no oracle (set tasks.${task}.oracle in tierwise.yml to a file that grades outputs)`;
  });
  const ok = entries.every(([, o]) => o.status === 'file' || o.status === 'builtin');
  return item(2, 'A quality oracle exists, as code, for every task type', ok ? 'pass' : 'fail', lines);
}

function profilingRun(inputs: AuditInputs): AuditItem {
  const title = 'A profiling run exists, newer than the last model/price change';
  const asOf = inputs.scan.catalogAsOf;
  const tasks = [...new Set(costed(inputs).map(taskOf))].filter((t) => t !== 'embedding');
  if (tasks.length === 0) return item(3, title, 'unknown', ['no task types to profile']);
  const lines = tasks.map((task) => {
    const runs = inputs.evidence.filter((e) => e.task === task).map((e) => e.runAt).sort();
    const latest = runs[runs.length - 1];
    if (!latest) return { ok: false, text: `${task}: no profiling results (run \`tierwise profile --task ${task}\`)` };
    return latest.slice(0, 10) > asOf ? { ok: true, text: `${task}: profiled ${latest}, after the catalog's ${asOf}` } : { ok: false, text: `${task}: last profiled ${latest}, not newer than the catalog's ${asOf}: re-run profiling` };
  });
  const files = inputs.facts.resultsFiles.length ? [`results logs: ${inputs.facts.resultsFiles.map((f) => f.file).join(', ')}`] : [`no results logs under ${inputs.config.profiling.resultsDir}`];
  return item(3, title, lines.every((l) => l.ok) ? 'pass' : 'fail', [...lines.map((l) => l.text), ...files]);
}

function projection(inputs: AuditInputs): AuditItem {
  const title = 'A cost projection was produced from the profiling results and the traffic assumptions';
  const p = inputs.facts.projection;
  if (!p) return item(4, title, 'fail', ['no tierwise/projection.json: run `tierwise project --format json --out tierwise/projection.json`']);
  const latestRun = inputs.evidence.map((e) => e.runAt).sort().pop();
  if (latestRun && p.modifiedAt < latestRun) return item(4, title, 'fail', [`${p.file} (${p.modifiedAt}) is older than the latest profiling run (${latestRun}): re-run \`tierwise project\``]);
  if (!latestRun) return item(4, title, 'fail', [`${p.file} exists (${p.modifiedAt}) but no profiling results back it: profile first`]);
  return item(4, title, 'pass', [`${p.file} written ${p.modifiedAt}, after the latest profiling run ${latestRun}`]);
}

function modelLogged(inputs: AuditInputs): AuditItem {
  return perSite(5, 'The served model (response.model) is logged on every request', costed(inputs).filter((a) => a.site.operation !== 'embed'),
    (a) => a.site.observability.readsResponseModel && a.site.observability.readsUsage,
    'the response `model` and `usage` are read after the call',
    (a) => `does not read or log the response's ${[a.site.observability.readsResponseModel ? '' : '`model`', a.site.observability.readsUsage ? '' : '`usage`'].filter(Boolean).join(' and ')}`);
}

function taskTag(inputs: AuditInputs): AuditItem {
  return perSite(6, 'Cost is attributed per task type (a task tag travels with each request)', costed(inputs),
    (a) => Boolean(a.site.observability.taskTag), 'a task tag travels with the request',
    () => 'sends no task tag (metadata, headers, user, or a wrapper argument)');
}

function configured(inputs: AuditInputs): AuditItem {
  const title = 'Routing thresholds and model choices live in configuration, not hard-coded';
  const evidence: string[] = [];
  const locations: Span[] = [];
  if (!inputs.config.file) evidence.push('no tierwise.yml: tiers and thresholds are the built-in defaults (run `tierwise init`)');
  else evidence.push(`tiers and routing thresholds in ${inputs.config.file}`);
  if (inputs.configProblems.length) evidence.push(`tierwise.yml has ${inputs.configProblems.length} problem(s): run \`tierwise project\` to see them`);
  for (const a of costed(inputs).filter((s) => s.site.model.hardCoded)) {
    evidence.push(`${at(a)}: model id ${a.modelId} is a literal at the call site`);
    locations.push(a.site.model.candidates[0]?.definedAt ?? a.site.span);
  }
  const ok = Boolean(inputs.config.file) && inputs.configProblems.length === 0 && locations.length === 0;
  return item(7, title, ok ? 'pass' : 'fail', evidence, locations);
}

function contextGuard(inputs: AuditInputs): AuditItem {
  const title = 'A context-length guard precedes every tier-1 call whose input can be large';
  const level1 = inputs.config.tiers[0];
  const tier1 = new Set(Object.values(level1?.models ?? {}).flat().map((m) => m.toLowerCase()));
  const guard = inputs.config.routing.contextGuard;
  const large = costed(inputs).filter((a) => {
    const window = a.model?.contextWindow;
    const onTier1 = a.modelId !== null && (tier1.has(a.modelId.toLowerCase()) || tier1.has(a.model?.id.toLowerCase() ?? ''));
    return onTier1 && window !== undefined && a.tokens.input.max > guard * window;
  });
  if (large.length === 0) return item(8, title, 'pass', [`no tier-1 call's max expected input exceeds ${guard} of its model's window`]);
  return perSite(8, title, large, (a) => Boolean(a.site.observability.contextGuard), 'a size check guards the call',
    (a) => `max input ${a.tokens.input.max.toLocaleString('en-US')} tokens > ${guard} x ${a.model?.contextWindow?.toLocaleString('en-US')} (${a.modelId}) with no size check before the call`);
}

function notStatic(id: number, title: string, why: string): AuditItem {
  return item(id, title, 'unknown', [why]);
}

/** Evaluates the ten items in MISSION.md order. */
export function evaluateItems(inputs: AuditInputs): AuditItem[] {
  return [
    tasksEnumerated(inputs), oracles(inputs), profilingRun(inputs), projection(inputs), modelLogged(inputs), taskTag(inputs), configured(inputs), contextGuard(inputs),
    notStatic(9, 'Escalation rate per task type is monitored in production', 'production monitoring is outside the code Tierwise reads: check your metrics for an escalation-rate series per task'),
    notStatic(10, 'An alert fires when the tier-1 escalation rate exceeds its profiling baseline by more than 15%', 'alert rules live in your monitoring system: check for an alert on escalation rate > baseline x 1.15'),
  ];
}
