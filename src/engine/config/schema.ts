/**
 * The JSON Schema of `tierwise.yml` (draft-07). Published as `schemas/tierwise.schema.json`
 * (kept in sync by `scripts/writeSchema.ts` and a unit test) so editors with a YAML language server
 * validate and complete the file. Every leaf has a `description` and `examples`: the loader builds
 * the "fix" of each problem from them, so a user never needs to read the source.
 */
import { TASK_TYPES } from '../data/callSite';

/** A JSON Schema node (the subset this file uses). */
export interface SchemaNode {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  propertyNames?: SchemaNode;
  items?: SchemaNode;
  enum?: readonly (string | number)[];
  anyOf?: SchemaNode[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  minItems?: number;
  pattern?: string;
  required?: string[];
  examples?: unknown[];
  default?: unknown;
  definitions?: Record<string, SchemaNode>;
  $ref?: string;
}

const TASKS: readonly string[] = TASK_TYPES;
const PROVIDERS = ['anthropic', 'openai', 'google'];

/** `20000/day`, `600000/month`, `20k/day`, `1,500/week`, `40/hour`. */
export const TRAFFIC_PATTERN = '^\\s*[0-9][0-9_,]*(\\.[0-9]+)?\\s*[kKmM]?\\s*/\\s*(day|d|month|mo|week|w|hour|h)\\s*$';

const num = (description: string, example: number, min?: number, max?: number): SchemaNode => ({
  type: 'number', description, examples: [example],
  ...(min === undefined ? {} : { minimum: min }), ...(max === undefined ? {} : { maximum: max }),
});
const int = (description: string, example: number, min = 0): SchemaNode => ({ type: 'integer', description, examples: [example], minimum: min });
const str = (description: string, example: string): SchemaNode => ({ type: 'string', description, examples: [example], minLength: 1 });
const obj = (description: string, properties: Record<string, SchemaNode>): SchemaNode => ({ type: 'object', description, properties, additionalProperties: false });

const trafficRate: SchemaNode = {
  description: 'a request rate: `20000/day`, `600000/month`, a number of requests per month, or `{ perDay: 100 }`',
  examples: ['20000/day'],
  anyOf: [
    { type: 'number', minimum: 0 },
    { type: 'string', pattern: TRAFFIC_PATTERN },
    obj('requests per day', { perDay: num('requests per day', 1000, 0) }),
    obj('requests per month', { perMonth: num('requests per month', 30000, 0) }),
  ],
};

const tokenRange: SchemaNode = {
  description: 'a token count (fixed size) or `{ min, expected, max }`',
  examples: [{ min: 50, expected: 300, max: 2000 }],
  anyOf: [
    { type: 'integer', minimum: 0 },
    { ...obj('token range', { min: int('fewest tokens', 50), expected: int('typical tokens', 300), max: int('most tokens', 2000) }), required: ['expected'] },
  ],
};

const modelList: SchemaNode = { type: 'array', description: 'model ids, preferred first', examples: [['claude-haiku-4-5']], items: str('a model id from the catalog', 'claude-haiku-4-5') };

const tier: SchemaNode = {
  ...obj('one tier: its name and the models of each provider that belong to it', {
    name: str('tier name', 'small'),
    level: int('tier level (1 = cheapest); defaults to the position in the list', 1, 1),
    models: obj('models per provider, preferred first', Object.fromEntries(PROVIDERS.map((p) => [p, modelList]))),
  }),
  required: ['models'],
};

const task: SchemaNode = obj('the task profile audit columns of one task type', {
  description: str('what the task does', 'Route a ticket to a queue'),
  oracle: str('the quality oracle: a file path (relative to tierwise.yml) or a built-in oracle name', 'tierwise/oracles/classification.ts'),
  consequence: { type: 'string', enum: ['low', 'medium', 'high'], description: 'blast radius of a wrong answer', examples: ['high'] },
  defaultTier: int('default tier level for this task', 1, 1),
  escalateWhen: str('when a request escalates to the next tier', 'label outside the known set'),
  expectedOutputTokens: int('expected output tokens per call', 20),
  strategy: { type: 'string', enum: ['rule', 'classifier', 'cascade'], description: 'routing strategy', examples: ['cascade'] },
  batchable: { type: 'boolean', description: 'requests may go through a batch API (discounted)', examples: [true] },
});

const TASK_REF: SchemaNode = { $ref: '#/definitions/task' };
const TRAFFIC_REF: SchemaNode = { $ref: '#/definitions/trafficRate' };

const priceOverride: SchemaNode = obj('a per-model override: a negotiated rate or a self-hosted model', {
  provider: { type: 'string', enum: [...PROVIDERS, 'unknown'], description: 'provider of the model', examples: ['openai'] },
  inputPerMTok: num('USD per million input tokens', 0.8, 0),
  outputPerMTok: num('USD per million output tokens', 4, 0),
  cacheReadPerMTok: num('USD per million cached input tokens read', 0.08, 0),
  cacheWritePerMTok: num('USD per million input tokens written to the cache', 1, 0),
  contextWindow: int('context window in tokens', 200000, 1),
  maxOutputTokens: int('maximum output tokens', 8192, 1),
  batchDiscount: num('fraction off for batch requests', 0.5, 0, 1),
});

const providerEndpoint: SchemaNode = obj('profiling endpoint settings (never the key itself)', {
  baseURL: str('API base URL', 'http://127.0.0.1:8080'),
  apiKeyEnv: { ...str('name of the environment variable that holds the API key', 'ANTHROPIC_API_KEY'), pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
  concurrency: int('maximum requests in flight', 4, 1),
});

/** The schema object; `schemas/tierwise.schema.json` is this, serialised. */
export const TIERWISE_SCHEMA: SchemaNode = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://tierwise.dev/schemas/tierwise.schema.json',
  title: 'tierwise.yml',
  description: 'Tierwise configuration: the task profile audit (tiers, tasks, traffic, routing thresholds, pricing).',
  type: 'object',
  additionalProperties: false,
  properties: {
    version: { type: 'integer', enum: [1], description: 'configuration format version', examples: [1] },
    tiers: { type: 'array', description: 'ordered tiers, cheapest first', examples: [[{ name: 'small', models: { anthropic: ['claude-haiku-4-5'] } }]], minItems: 1, items: tier },
    tasks: { ...obj('the task profile audit, per task type', Object.fromEntries(TASKS.map((t) => [t, TASK_REF]))) },
    traffic: obj('expected traffic (30-day months)', {
      default: TRAFFIC_REF,
      tasks: obj('traffic per task type', Object.fromEntries(TASKS.map((t) => [t, TRAFFIC_REF]))),
      callSites: { type: 'object', description: 'traffic per call site id', examples: [{ 'src/tickets/classify.ts#classifyTicket#0': '20000/day' }], additionalProperties: TRAFFIC_REF },
      paths: { type: 'object', description: 'traffic per path glob (first match wins)', examples: [{ 'src/reports/**': '4/day' }], additionalProperties: TRAFFIC_REF },
      growthPerMonth: num('monthly traffic growth as a fraction (0.1 = +10%/month)', 0.1, -1, 10),
      monthsAhead: int('months of growth applied to projections', 6),
    }),
    routing: obj('routing thresholds', {
      tier1PassRate: num('pass rate at or above which tier 1 is used', 0.95, 0, 1),
      monitorPassRate: num('pass rate at or above which tier 1 is used with quality monitoring', 0.85, 0, 1),
      contextGuard: num('fraction of the tier-1 context window above which tier 1 is infeasible', 0.8, 0, 1),
      assumedEscalationRate: num('cascade escalation rate assumed until profiling measures one', 0.15, 0, 1),
      classifierCostPerQuery: num('USD per query of a content-based classifier router', 0.002, 0),
      classifierFixedCostPerMonth: num('fixed USD per month of operating a classifier router', 20, 0),
      minProfilingSamples: num('graded profiling samples each tier needs before a routing decision is made', 10, 1),
    }),
    pricing: obj('pricing options', {
      cacheHitRate: num('fraction of a cache-marked static prefix served from cache', 0.9, 0, 1),
      overrides: { type: 'object', description: 'per-model price overrides', examples: [{ 'claude-haiku-4-5': { inputPerMTok: 0.8, outputPerMTok: 4 } }], additionalProperties: priceOverride },
    }),
    holes: { type: 'object', description: 'prompt hole sizes by name, in tokens', examples: [{ 'ticket.body': 400 }], additionalProperties: tokenRange },
    defaultHole: tokenRange,
    profiling: obj('profiling batches', {
      samplesDir: str('folder of sample prompts, relative to tierwise.yml', 'tierwise/samples'),
      resultsDir: str('folder of profiling results, relative to tierwise.yml', 'tierwise/results'),
      budgetUsd: num('spending cap of one batch in USD', 5, 0),
      confirmAboveUsd: num('ask before running a batch estimated above this many USD', 0.5, 0),
      timeoutMs: int('timeout of one request in milliseconds', 60000, 1),
      maxRetries: int('retries of a failed request', 4),
      graderModel: str('cheap model used by the LLM-rubric oracle', 'claude-haiku-4-5'),
      providers: obj('endpoints per provider', Object.fromEntries(PROVIDERS.map((p) => [p, providerEndpoint]))),
    }),
  },
  // Shapes used once per task type (and per traffic entry) are defined once: inlining each copy
  // made the generated validator one function too large for the TypeScript checker.
  definitions: { task, trafficRate },
};

/** Resolves a local `$ref` (`#/definitions/task`) of TIERWISE_SCHEMA; other nodes are returned as they are. */
export function dereference(node: SchemaNode, root: SchemaNode = TIERWISE_SCHEMA): SchemaNode {
  const name = node.$ref?.startsWith('#/definitions/') ? node.$ref.slice('#/definitions/'.length) : undefined;
  return (name && root.definitions?.[name]) || node;
}

/**
 * ajv's options for TIERWISE_SCHEMA: every error (not just the first), with the failing sub-schema
 * (`verbose`), which the problem descriptions read for allowed keys, expectations and examples.
 * scripts/writeSchema.ts compiles the schema with these into ./validateSchema.generated.ts.
 */
export const VALIDATOR_OPTIONS = { allErrors: true, verbose: true, strict: true, allowUnionTypes: true, inlineRefs: false } as const;
