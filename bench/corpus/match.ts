/**
 * The scoring rules of the real-application corpus (pure: truth + scanned records -> figures).
 * See bench/corpus/README.md for what the truth records mean.
 */

/** One ground-truth call site (bench/corpus/truth.schema.json). */
export interface TruthSite {
  file: string;
  line: number;
  kind: 'direct' | 'helper';
  via?: string;
  traffic: 'production' | 'test' | 'eval' | 'script';
  provider: string | null;
  model: { static: string; also?: string[] } | { dynamic: string };
  task: string | null;
  agent?: { maxSteps?: number | null };
  why: string;
}

/** One application's ground truth. */
export interface Truth {
  repo: string;
  commit: string;
  set: 'dev' | 'holdout';
  roots: string[];
  writtenBy: string;
  writtenOn: string;
  notes: string;
  callSites: TruthSite[];
  implementations: Array<{ file: string; line: number; helper: string }>;
  silentFiles: Array<{ file: string; why: string }>;
}

/** One record of Tierwise's scan, reduced to what is scored (paths repo-relative, lines 1-based). */
export interface ScannedRecord {
  id: string;
  role: string;
  file: string;
  line: number;
  operation: string;
  provider: string;
  host?: string;
  /** The model Tierwise costs the call with, or null when unknown. */
  model: string | null;
  task: string | null;
  excluded: boolean;
}

/** The figures of one app. */
export interface AppScore {
  slug: string;
  set: string;
  files: number;
  durationMs: number;
  expected: number;
  found: number;
  expectedDirect: number;
  foundDirect: number;
  expectedHelper: number;
  foundHelper: number;
  claims: number;
  correctClaims: number;
  modelStatic: number;
  modelRight: number;
  modelAlso: number;
  modelUnknown: number;
  modelWrong: number;
  dynamicGivenModel: number;
  taskClear: number;
  taskRight: number;
  nonTrafficFound: number;
  nonTrafficExcluded: number;
  doubleCounted: number;
  /** Human-readable misses and wrong answers (shown with --details). */
  misses: string[];
}

/** Line tolerance: a record within this many lines of the truth's line, in the same file, matches. */
const LINE_TOLERANCE = 1;

/** Model ids compare without a provider prefix (`openai/gpt-4o`, `models/gemini-2.0-flash`) and case. */
export function sameModel(a: string, b: string): boolean {
  const norm = (id: string) => id.toLowerCase().replace(/^(models|[a-z0-9-]+)\//, '').trim();
  return norm(a) === norm(b);
}

/** Records that claim to be a call site (wrapper records describe a helper's implementation; token counting is free). */
function isClaim(r: ScannedRecord): boolean {
  return r.role !== 'wrapper' && r.operation !== 'count-tokens';
}

/** Scores one app: greedy one-to-one matching by file and nearest line. */
export function matchCorpus(slug: string, truth: Truth, records: ScannedRecord[]): AppScore {
  const score: AppScore = {
    slug, set: truth.set, files: 0, durationMs: 0,
    expected: 0, found: 0, expectedDirect: 0, foundDirect: 0, expectedHelper: 0, foundHelper: 0,
    claims: 0, correctClaims: 0,
    modelStatic: 0, modelRight: 0, modelAlso: 0, modelUnknown: 0, modelWrong: 0, dynamicGivenModel: 0,
    taskClear: 0, taskRight: 0, nonTrafficFound: 0, nonTrafficExcluded: 0, doubleCounted: 0, misses: [],
  };
  const claims = records.filter(isClaim);
  const used = new Set<ScannedRecord>();
  const nearest = (file: string, line: number, pool: ScannedRecord[]) =>
    pool
      .filter((r) => !used.has(r) && r.file === file && Math.abs(r.line - line) <= LINE_TOLERANCE)
      .sort((a, b) => Math.abs(a.line - line) - Math.abs(b.line - line))[0];

  // Exact lines first, then the tolerance, so a neighbour never steals another site's record.
  const order = [...truth.callSites].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  const matchOf = new Map<TruthSite, ScannedRecord>();
  for (const pass of [0, LINE_TOLERANCE]) {
    for (const site of order) {
      if (matchOf.has(site)) continue;
      const hit = nearest(site.file, site.line, claims.filter((r) => Math.abs(r.line - site.line) <= pass));
      if (hit) {
        used.add(hit);
        matchOf.set(site, hit);
      }
    }
  }

  for (const site of truth.callSites) {
    const hit = matchOf.get(site);
    const where = `${site.file}:${site.line}`;
    if (site.traffic === 'production') {
      score.expected++;
      if (site.kind === 'direct') score.expectedDirect++;
      else score.expectedHelper++;
      if (hit) {
        score.found++;
        if (site.kind === 'direct') score.foundDirect++;
        else score.foundHelper++;
      } else {
        score.misses.push(`missed ${site.kind}${site.via ? ` via ${site.via}` : ''} at ${where}: ${site.why}`);
      }
    } else if (hit) {
      score.nonTrafficFound++;
      if (hit.excluded) score.nonTrafficExcluded++;
      else score.misses.push(`${site.traffic} call site counted as traffic at ${where}`);
    }
    if (!hit) continue;
    if ('static' in site.model) {
      score.modelStatic++;
      const truthModel = site.model;
      if (hit.model === null) {
        score.modelUnknown++;
        score.misses.push(`model unknown at ${where} (truth: ${truthModel.static})`);
      } else if (sameModel(hit.model, truthModel.static)) score.modelRight++;
      else if ((truthModel.also ?? []).some((m) => sameModel(m, hit.model as string))) {
        score.modelAlso++;
        score.misses.push(`model ${hit.model} at ${where} is an alternative; the production default is ${truthModel.static}`);
      } else {
        score.modelWrong++;
        score.misses.push(`WRONG model ${hit.model} at ${where} (truth: ${truthModel.static})`);
      }
    } else if (hit.model !== null) {
      score.dynamicGivenModel++;
      score.misses.push(`model ${hit.model} given at ${where}, where the truth says it is only known at runtime (${site.model.dynamic})`);
    }
    if (site.task !== null) {
      score.taskClear++;
      if (hit.task === site.task) score.taskRight++;
      else score.misses.push(`task ${hit.task ?? 'none'} at ${where} (truth: ${site.task})`);
    }
  }

  // Precision: claims that are truth call sites are correct; claims on an implementation are neutral.
  const implementationHit = (r: ScannedRecord) => truth.implementations.some((i) => i.file === r.file && Math.abs(i.line - r.line) <= LINE_TOLERANCE);
  for (const r of claims) {
    if (used.has(r)) {
      score.claims++;
      score.correctClaims++;
    } else if (implementationHit(r)) {
      // A helper's SDK call reported as a call site: not a false detection, but counted twice if its callers are found too.
      const callersFound = truth.callSites.some((s) => s.kind === 'helper' && matchOf.has(s) && truth.implementations.some((i) => i.file === r.file && Math.abs(i.line - r.line) <= LINE_TOLERANCE && i.helper === s.via));
      if (callersFound && !r.excluded) {
        score.doubleCounted++;
        score.misses.push(`implementation ${r.file}:${r.line} reported as a call site of its own although its callers are found`);
      }
    } else {
      score.claims++;
      score.misses.push(`FALSE call site ${r.file}:${r.line} (${r.id})`);
    }
  }
  return score;
}
