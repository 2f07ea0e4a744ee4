/** Locations, providers, statically resolved values, prompts, parameters and call sites. Part of the shared data contract re-exported by ../model.ts. */
// ---------------------------------------------------------------------------------------------
// Locations

/** A 0-based position in a file. */
export interface Position {
  line: number;
  character: number;
}

/** A range in a workspace file. `file` is workspace-relative with POSIX separators. */
export interface Span {
  file: string;
  start: Position;
  end: Position;
}

// ---------------------------------------------------------------------------------------------
// Providers, SDKs and APIs

/** The organisation that serves the model (decides prices and tier lists). */
export type Provider = 'anthropic' | 'openai' | 'google' | 'unknown';

/** The client library the call goes through. */
export type SdkId = 'anthropic' | 'openai' | 'ai-sdk' | 'langchain' | 'google-genai';

/**
 * What the request does, for costing:
 * - `generate`: a generation request billed on input + output tokens;
 * - `embed`: an embedding request billed on input tokens only;
 * - `count-tokens`: free token counting (reported, never costed);
 * - `batch`: a batch submission (each request inside is costed at the batch discount).
 */
export type Operation = 'generate' | 'embed' | 'count-tokens' | 'batch';

/**
 * The task types Tierwise reasons about: the MISSION.md routing table plus what real applications
 * also do (conversational chat, tool-loop agents, translation, open-ended content generation,
 * embeddings) and `other` for calls whose task is not clear from the code.
 */
export type TaskType =
  | 'classification'
  | 'extraction'
  | 'summarization'
  | 'rag_answer'
  | 'reasoning'
  | 'code_generation'
  | 'chat'
  | 'agent'
  | 'translation'
  | 'generation'
  | 'embedding'
  | 'other';

/** Every task type, in the order reports list them (the one owner of the list). */
export const TASK_TYPES: readonly TaskType[] = [
  'classification',
  'extraction',
  'summarization',
  'rag_answer',
  'reasoning',
  'code_generation',
  'chat',
  'agent',
  'translation',
  'generation',
  'embedding',
  'other',
];

/** Blast radius of a wrong answer. */
export type Consequence = 'low' | 'medium' | 'high';

/** Tier level: 1 = small, 2 = mid, 3 = frontier. Config may define more tiers; levels are 1-based. */
export type TierLevel = number;

// ---------------------------------------------------------------------------------------------
// Statically resolved values

/** How a candidate value was obtained (one step per hop, in order from the call site outwards). */
export type ValueSourceKind =
  | 'literal'
  | 'const'
  | 'enum-member'
  | 'object-property'
  | 'template'
  | 'env-default'
  | 'conditional'
  | 'parameter-default'
  | 'caller-argument'
  | 'union-type'
  | 'file-read'
  | 'provider-factory'
  | 'client-default';

/** One hop of a resolution chain: what kind of step, the expression text and where it is written. */
export interface ResolutionStep {
  kind: ValueSourceKind;
  /** The source text of the expression at this hop (trimmed to 200 characters). */
  expression: string;
  span: Span;
  /** For `env-default`: the environment variable name. */
  envVar?: string;
  /** Free text, e.g. the condition of a conditional branch. */
  note?: string;
}

/** A value that could not be resolved statically, and why. */
export interface UnknownValue {
  reason: string;
  /** The source text of the expression that could not be resolved (trimmed to 200 characters). */
  expression: string;
  span?: Span;
}

/** One possible value with the chain that produced it. `definedAt` is where an edit would change it. */
export interface Candidate<T> {
  value: T;
  via: ResolutionStep[];
  /** Where the value is literally written (the place a quick fix edits). */
  definedAt: Span;
}

/**
 * The statically resolved value of an expression: zero or more candidates, plus `unknown` entries
 * for branches that could not be resolved. `status` summarises: `resolved` (all branches known),
 * `partial` (some known, some unknown) or `unknown` (none known).
 */
export interface Resolved<T> {
  status: 'resolved' | 'partial' | 'unknown';
  candidates: Candidate<T>[];
  unknown: UnknownValue[];
  /** The expression text at the call site. */
  expression: string;
}

/** The model a call site uses. */
export interface ModelRef extends Resolved<string> {
  /** True when a model id string literal is written directly in the call (not in configuration). */
  hardCoded: boolean;
}

// ---------------------------------------------------------------------------------------------
// Prompts and parameters

/** A piece of prompt text: static text, or a named hole (an interpolated/dynamic expression). */
export type PromptSegment =
  | { kind: 'text'; text: string; source?: { kind: 'inline' | 'const' | 'file'; span?: Span; path?: string } }
  | {
      kind: 'hole';
      /** A stable, human-meaningful name: the identifier or property path (`ticket.body`, `context`). */
      name: string;
      expression: string;
      span?: Span;
    };

/** One message (or the system prompt / single-string prompt) of a request. */
export interface PromptPart {
  role: 'system' | 'user' | 'assistant' | 'tool' | 'developer' | 'input';
  segments: PromptSegment[];
}

/** The statically known shape of a request's prompt. */
export interface PromptShape {
  parts: PromptPart[];
  /** Messages/arrays whose content could not be resolved at all (e.g. `messages: history`). */
  unknown: UnknownValue[];
}

/** One leaf field of an output schema (what the model is asked to fill). */
export interface SchemaField {
  /** Path of the field: `title`, `order.items[].sku`; `` (empty) for a schema that is a single value. */
  path: string;
  /** JSON type of the leaf; `enum` for a closed set of values (`labels`). */
  type: 'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'literal' | 'null' | 'any';
  /** The values of an `enum` field. */
  labels?: string[];
  /** True when the field is a list (`z.array(z.string())`, `items`). */
  list?: boolean;
  /** The field's description (`.describe('...')`, JSON Schema `description`), when written. */
  description?: string;
}

/** Structured output requested from the model. */
export interface StructuredOutput {
  /** How it is requested; `tool-choice` = a forced tool call whose arguments are the output. */
  kind: 'json-schema' | 'json-object' | 'zod' | 'tool-choice' | 'other';
  /** Number of leaf fields in the schema, when known. */
  fieldCount?: number;
  /** Compact JSON/text rendering of the schema when statically known (used for output sizing). */
  schemaText?: string;
  /** Enum/label values found in the schema (a closed label set hints classification). */
  labels?: string[];
  /** The leaf fields, when the schema is statically known (task inference reads what they ask for). */
  fields?: SchemaField[];
  /** For `tool-choice`: the forced tool's name and description. */
  tool?: { name: string; description?: string };
}

/**
 * A tool loop: one request of the application runs several model calls (steps), each resending the
 * conversation so far plus the tool calls and results. Sized as a loop (see tokens/loop.ts).
 */
export interface AgentLoop {
  /** What runs the loop. */
  runner: 'ai-sdk-stop-when' | 'ai-sdk-max-steps' | 'ai-sdk-agent' | 'anthropic-tool-runner' | 'openai-run-tools' | 'langgraph';
  /** The step limit (model calls per request) written in the code, when there is one. */
  maxSteps?: Resolved<number>;
  /** The library's own limit when the code writes none (`ToolLoopAgent`: 20; OpenAI `runTools`: 10). */
  libraryDefault?: number;
  /** How the loop and its limit were read, for explanation: `` `stopWhen: stepCountIs(8)` ``. */
  how: string;
  span?: Span;
}

/** Request parameters that drive cost and task inference. */
export interface CallParams {
  /** Output cap (`max_tokens`, `max_completion_tokens`, `max_output_tokens`, `maxTokens`, `maxOutputTokens`). */
  maxTokens?: Resolved<number>;
  temperature?: number;
  tools?: { count: number; schemaText?: string; names?: string[] };
  structuredOutput?: StructuredOutput;
  stream: boolean;
  /** Extended thinking / reasoning budget in tokens, when set. */
  thinkingBudget?: Resolved<number>;
  /**
   * The provider whose option carries the thinking budget (`providerOptions.anthropic.thinking`,
   * `thinkingConfig` of Gemini), when the option names one: a budget for another provider than the
   * one serving the call is ignored by that provider.
   */
  thinkingFor?: Provider;
  /** A tool loop: several model calls per request. */
  loop?: AgentLoop;
  /** Reasoning effort (`low|medium|high`) for models that take one. */
  reasoningEffort?: string;
  /** A prompt-cache marker (`cache_control`) is present; `cachedPrefixText` is the static text before it. */
  promptCache?: { marked: boolean; cachedPrefixText?: string };
  /** The request is submitted through a batch API. */
  batch: boolean;
  /** For OpenAI-compatible clients built with a `baseURL`. */
  baseURL?: Resolved<string>;
}

/** A `// tierwise: key=value ...` annotation attached to a call site (overrides config and inference). */
export interface Annotation {
  task?: TaskType;
  tier?: TierLevel;
  /** Requests per month, normalised from `20000/day`, `600000/month`. */
  trafficPerMonth?: number;
  consequence?: Consequence;
  /** Raw key/values, including ones Tierwise does not interpret. */
  raw: Record<string, string>;
  span: Span;
  /** Problems in the annotation text (unknown key, bad value) with the fix. */
  problems: string[];
}

/** Facts around the call that the readiness audit reads (follows the result variable). */
export interface CallObservability {
  /** The response's served `model` is read or logged after the call. */
  readsResponseModel: boolean;
  /** The response's `usage` is read or logged after the call. */
  readsUsage: boolean;
  /** A task tag travels with the request (metadata, headers, user, a wrapper argument). */
  taskTag?: { how: string; span: Span };
  /** A size check (length/token count comparison) guards the call. */
  contextGuard?: { expression: string; span: Span };
  /** How the call's output is used after the call (task inference reads it). */
  output?: OutputUse;
}

/** Where a call's output goes (followed from the result). */
export interface OutputUse {
  /** The response is streamed to a client (`toUIMessageStreamResponse()`, `toDataStreamResponse()`, a `Response` of the stream): the expression. */
  streamedToClient?: string;
  /** Names the output is stored or returned under (`title`, `summary`, `category`): variables, properties, destructured fields. */
  names: string[];
}

// ---------------------------------------------------------------------------------------------
// Call sites

/**
 * Role of a call-site record:
 * - `direct`: an SDK call whose values resolve where it is written;
 * - `wrapper`: an SDK call inside a function whose model (or prompt) comes from its parameters;
 *   its cost is carried by its `invocation` records, so a wrapper is never costed itself when it
 *   has invocations;
 * - `invocation`: a call of a wrapper function, with the values bound at that caller.
 */
export type CallSiteRole = 'direct' | 'wrapper' | 'invocation';

/** One LLM request site, as found and resolved by static analysis. */
export interface CallSite {
  /**
   * Stable identity: `relative/path.ts#EnclosingDecl#ordinal` (ordinal of SDK calls within that
   * declaration). Survives edits elsewhere in the file. Invocations:
   * `caller/path.ts#CallerDecl#ordinal@<wrapper id>`. A batch written as several request literals
   * gives one record per request: the first keeps the call's id, request i (0-based) gets `<id>.<i>`.
   */
  id: string;
  role: CallSiteRole;
  /** For `invocation`: the wrapper call site's id. For `wrapper`: ids of its invocations. */
  wrapperId?: string;
  invocationIds?: string[];
  /** The call expression (for invocations: the wrapper call at the caller; for one request of a batch: its request literal). */
  span: Span;
  /** Name of the enclosing function/method/class member (`TicketService.classify`), or `<module>`. */
  enclosing: string;
  sdk: SdkId;
  provider: Provider;
  /** The API path as written in SDK terms: `messages.create`, `chat.completions.parse`, `generateText`, `ChatAnthropic.invoke`. */
  api: string;
  operation: Operation;
  /** The text of the client/receiver expression (`this.llm`, `anthropic`), for explanation. */
  client?: string;
  model: ModelRef;
  prompt: PromptShape;
  params: CallParams;
  annotation?: Annotation;
  observability: CallObservability;
  /** For batch submissions: number of requests when statically known. */
  batchSize?: Resolved<number>;
  /** Why this call was recognised as an LLM call (import chain, type). */
  detection: string[];
}

/** A file that could not be analysed; the scan continues without it. */
export interface FileProblem {
  file: string;
  severity: 'error' | 'warning';
  message: string;
  /** What the user can do about it. */
  fix?: string;
  position?: Position;
}
