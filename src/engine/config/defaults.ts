/**
 * The defaults every Tierwise configuration starts from. A `tierwise.yml` only needs to state what
 * differs from these; `loadConfig` merges the file over a fresh `defaultConfig()`.
 *
 * Every model id below is priced by the bundled catalog (`@pydantic/genai-prices`); the first model
 * of each provider in a tier is the one a recommendation suggests, the others are recognised members
 * of the tier (so a call already using one of them is known to sit in that tier).
 */
import type { TaskPolicy, TaskType, TierDefinition, TierwiseConfig } from '../model';

/** Days per month used to normalise daily traffic (documented in every projection's assumptions). */
export const DAYS_PER_MONTH = 30;

/** Default traffic when nothing is configured: 1,000 requests/day = 30,000 requests/month. */
export const DEFAULT_REQUESTS_PER_DAY = 1_000;

/** Tier lists per provider: small (1), mid (2), frontier (3). Prices move; tiers are configuration. */
function defaultTiers(): TierDefinition[] {
  return [
    {
      level: 1,
      name: 'small',
      models: {
        anthropic: ['claude-haiku-4-5', 'claude-3-5-haiku-latest', 'claude-3-haiku-20240307'],
        openai: ['gpt-5-mini', 'gpt-5-nano', 'gpt-4.1-mini', 'gpt-4o-mini'],
        google: ['gemini-2.5-flash', 'gemini-2.5-flash-lite', 'gemini-2.0-flash'],
      },
    },
    {
      level: 2,
      name: 'mid',
      models: {
        anthropic: ['claude-sonnet-4-6', 'claude-sonnet-4-5', 'claude-sonnet-4-20250514'],
        openai: ['gpt-5', 'gpt-5.1', 'gpt-4.1', 'gpt-4o'],
        google: ['gemini-2.5-pro', 'gemini-3-flash-preview'],
      },
    },
    {
      level: 3,
      name: 'frontier',
      models: {
        anthropic: ['claude-opus-4-7', 'claude-opus-4-6', 'claude-opus-4-5', 'claude-opus-4-1'],
        openai: ['gpt-5.4', 'gpt-5.2', 'o3'],
        google: ['gemini-3.1-pro-preview', 'gemini-3-pro-preview'],
      },
    },
  ];
}

/** One row of the MISSION.md routing table, with consequence `medium` and the `rule` strategy. */
function policy(defaultTier: number, description: string, escalateWhen?: string): TaskPolicy {
  return { description, consequence: 'medium', defaultTier, escalateWhen, strategy: 'rule', batchable: false };
}

/** The task profile audit defaults: the MISSION.md reference routing table plus chat, agent, translation, generation, embedding and other. */
function defaultTasks(): Record<TaskType, TaskPolicy> {
  return {
    classification: policy(1, 'Pick a label from a closed set (intent, category, priority).', 'label outside the known set'),
    extraction: policy(1, 'Fill a fixed, validatable schema from the input.', 'schema failures > 5%'),
    summarization: policy(2, 'Condense one-domain text; needs a quality check.', 'quality score below threshold'),
    rag_answer: policy(2, 'Answer from retrieved context.', 'multi-hop or open-domain queries'),
    reasoning: policy(3, 'Multi-step reasoning over ambiguous inputs.'),
    code_generation: policy(3, 'Generate novel code (high blast radius on errors).'),
    chat: policy(2, 'Open-ended conversational reply.', 'user dissatisfaction or off-topic turns'),
    // A tool loop compounds errors over its steps (a wrong tool call is resent and built on), and
    // small models call tools less reliably: mid tier until profiling shows a small model holds up.
    agent: policy(2, 'Tool loop: the model calls tools over several steps.', 'wrong or looping tool calls, tasks left unfinished'),
    translation: policy(1, 'Translate text between languages.', 'low-resource language pairs or domain terminology failing review'),
    // Short content (titles, replies, captions) is a small-model task; long open-ended output is
    // moved up by the output-awareness rule.
    generation: policy(1, 'Write open-ended content: titles, emails, posts, replies.', 'brand-facing long-form content or a quality score below threshold'),
    embedding: policy(1, 'Embed text for retrieval (billed on input only).'),
    other: policy(2, 'Unclassified task: reviewed by a person before moving it down.'),
  };
}

/** A fresh default configuration (no file). Callers may mutate the returned object freely. */
export function defaultConfig(): TierwiseConfig {
  return {
    file: null,
    tiers: defaultTiers(),
    tasks: defaultTasks(),
    traffic: {
      default: { perMonth: DEFAULT_REQUESTS_PER_DAY * DAYS_PER_MONTH, source: 'default: 1,000 requests/day (30-day month)' },
      tasks: {},
      callSites: {},
      paths: [],
      growthPerMonth: 0,
      monthsAhead: 0,
    },
    routing: {
      tier1PassRate: 0.95,
      monitorPassRate: 0.85,
      contextGuard: 0.8,
      assumedEscalationRate: 0.15,
      classifierCostPerQuery: 0.002,
      // Operating a classifier (hosting, prompt upkeep): ~$20/month. At a $0.002 net saving per
      // query this gives MISSION.md's "pays off above roughly 10,000 queries/month".
      classifierFixedCostPerMonth: 20,
      // Below this many graded samples a pass rate says little (a Wilson interval at n=10 spans ~0.3).
      minProfilingSamples: 10,
    },
    pricing: { overrides: {}, cacheHitRate: 0.9 },
    holes: {},
    defaultHole: { min: 50, expected: 300, max: 2000 },
    profiling: {
      samplesDir: 'tierwise/samples',
      resultsDir: 'tierwise/results',
      budgetUsd: 5,
      confirmAboveUsd: 0.5,
      timeoutMs: 60_000,
      maxRetries: 4,
      providers: {
        anthropic: { apiKeyEnv: 'ANTHROPIC_API_KEY', concurrency: 4 },
        openai: { apiKeyEnv: 'OPENAI_API_KEY', concurrency: 4 },
        google: { apiKeyEnv: 'GEMINI_API_KEY', concurrency: 4 },
      },
    },
  };
}
