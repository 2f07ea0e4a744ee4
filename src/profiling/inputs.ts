/**
 * Loads and validates the profiling inputs of a workspace: the samples of each task, its oracle and
 * the call sites whose prompts the samples fill. Everything is checked before any request is sent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { TierwiseError } from '../engine/errors';
import { TASK_TYPES } from '../engine/model';
import type { AnalyzedCallSite, ScanResult, TaskType, TierwiseConfig } from '../engine/model';
import { createOracle, findUserOracle } from './oracles/createOracle';
import type { Grader } from './oracles/llmRubric';
import { checkSampleAgainstSite, holeNames, holeValue, parseSamples } from './samples';
import type { ProfilingInputs, Sample, TaskInputs } from './types';

/** Options of `loadProfilingInputs`. */
export interface InputOptions {
  /** Only these tasks (default: every task with a samples file). */
  tasks?: TaskType[];
  /** Resolves the LLM-rubric grader (needs a key), called on first use. */
  grader?: () => Grader;
}

/** The folder tierwise.yml paths are relative to (the config's folder, else the workspace root). */
export function configDir(root: string, config: TierwiseConfig): string {
  return config.file ? dirname(config.file) : root;
}

const posix = (path: string) => path.split('\\').join('/');

/** Call sites of a task that can be profiled (generation requests), sorted by id. */
export function taskCallSites(scan: ScanResult | undefined, task: TaskType): AnalyzedCallSite[] {
  const sites = (scan?.callSites ?? []).filter((c) => c.task.task === task && c.site.operation === 'generate');
  return sites.sort((a, b) => (a.site.id < b.site.id ? -1 : a.site.id > b.site.id ? 1 : 0));
}

function holesMatch(sample: Sample, site: AnalyzedCallSite): boolean {
  const holes = holeNames(site);
  const roots = new Set(holes.flatMap((h) => [h, h.split('.')[0]]));
  const vars = sample.vars ?? {};
  return holes.every((h) => holeValue(vars, h) !== undefined) && Object.keys(vars).every((k) => roots.has(k));
}

/**
 * Which call site a sample fills: the one it names (`callSite`, any call site of the scan), else
 * the first of its task (by id) whose holes the sample's vars match, else the first of its task.
 */
export function siteForSample(sample: Sample, taskSites: AnalyzedCallSite[], task: TaskType, scan?: ScanResult): AnalyzedCallSite | undefined {
  if (!sample.callSite) return (sample.vars && taskSites.find((s) => holesMatch(sample, s))) || taskSites[0];
  const site = [...taskSites, ...(scan?.callSites ?? [])].find((s) => s.site.id === sample.callSite);
  if (!site) {
    const known = taskSites.map((s) => s.site.id).join(', ') || 'none';
    throw new TierwiseError('sample-call-site', `line ${sample.line}: sample \`${sample.id}\` names call site \`${sample.callSite}\`, which the scan did not find (${task} call sites: ${known})`, 'copy a call-site id from `tierwise scan`, or remove "callSite" to use the first one of the task', { file: `${sample.file}:${sample.line}`, field: 'callSite' });
  }
  return site;
}

function defaultOracleSpec(task: TaskType, samples: Sample[]): string | undefined {
  if (task === 'classification' && samples.every((s) => typeof s.expected === 'string')) return 'exact';
  if (task === 'extraction' && samples.every((s) => s.expected && typeof s.expected === 'object' && !Array.isArray(s.expected))) return 'fields:1';
  return undefined;
}

async function loadTask(root: string, config: TierwiseConfig, scan: ScanResult | undefined, task: TaskType, file: string, options: InputOptions, notes: string[]): Promise<TaskInputs> {
  const display = posix(relative(root, file));
  const samples = parseSamples(readFileSync(file, 'utf8'), display);
  const callSites = taskCallSites(scan, task);
  const sampleSites: Record<string, string> = {};
  for (const sample of samples) {
    const site = siteForSample(sample, callSites, task, scan);
    if (site) {
      sampleSites[sample.id] = site.site.id;
      if (!callSites.includes(site)) callSites.push(site);
    }
    if (sample.vars && !site) {
      throw new TierwiseError('sample-no-call-site', `line ${sample.line}: sample \`${sample.id}\` fills prompt holes, but the scan found no ${task} call site`, `annotate the call with \`// tierwise: task=${task}\`, or give the sample explicit "messages"`, { file: `${display}:${sample.line}`, field: 'vars' });
    }
    if (site) checkSampleAgainstSite(sample, site);
  }
  const base = configDir(root, config);
  const configured = config.tasks[task]?.oracle;
  const spec = configured ?? findUserOracle(base, task) ?? defaultOracleSpec(task, samples);
  if (!spec) {
    throw new TierwiseError('oracle-missing', `no quality oracle for task ${task}`, `set tasks.${task}.oracle in tierwise.yml (e.g. label-in-set:a,b or ./tierwise/oracles/${task}.mjs)`, { file: config.file ?? 'tierwise.yml', field: `tasks.${task}.oracle` });
  }
  if (!configured) notes.push(`${task}: no tasks.${task}.oracle in the config; using \`${spec}\``);
  const oracle = await createOracle(spec, { root: base, task, configFile: config.file ?? undefined, grader: options.grader });
  return { task, samplesFile: display, samples, callSites, sampleSites, oracle };
}

/**
 * Samples, oracle and call sites of every task that has a samples file (or of `options.tasks`).
 * Throws a TierwiseError naming file, line and field for the first invalid sample.
 */
export async function loadProfilingInputs(root: string, config: TierwiseConfig, scan: ScanResult | undefined, options: InputOptions = {}): Promise<ProfilingInputs> {
  const dir = join(configDir(root, config), config.profiling.samplesDir);
  const notes: string[] = [];
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort() : [];
  const tasks: TaskInputs[] = [];
  for (const name of files) {
    const task = name.slice(0, -'.jsonl'.length) as TaskType;
    if (!TASK_TYPES.includes(task)) {
      notes.push(`${posix(relative(root, join(dir, name)))}: not a task type (use one of ${TASK_TYPES.join(', ')}); skipped`);
      continue;
    }
    if (options.tasks && !options.tasks.includes(task)) continue;
    tasks.push(await loadTask(root, config, scan, task, join(dir, name), options, notes));
  }
  for (const task of options.tasks ?? []) {
    if (!tasks.some((t) => t.task === task)) {
      throw new TierwiseError('samples-missing', `no samples for task ${task}`, `create ${posix(relative(root, join(dir, `${task}.jsonl`)))} with one JSON sample per line`, { file: posix(relative(root, dir)) });
    }
  }
  return { root, config, tasks, notes };
}
