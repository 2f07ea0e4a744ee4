/**
 * Internal contract of the analyzer (never crosses engine/api.ts: ts-morph nodes live here).
 *
 * Flow: scanner (loads project, pre-filters files) -> for every CallExpression each SdkDetector's
 * `match` -> a DetectedCall whose `extract(bindings)` resolves model/prompt/params through the
 * resolve/ module -> CallSite records; then resolve/wrappers.ts expands calls whose values come
 * from parameters of the enclosing function into `invocation` records at the callers, by calling
 * `extract` again with the callers' argument bindings.
 */
import type { CallExpression, Node, ParameterDeclaration, Project, SourceFile } from 'ts-morph';
import type { CallParams, ModelRef, Operation, PromptShape, Provider, Resolved, SdkId, Span } from '../model';

/** Shared per-scan services. Created by the scanner; no module-level state anywhere. */
export interface AnalysisContext {
  /** Absolute workspace root. */
  root: string;
  project: Project;
  /** Workspace-relative POSIX path of a source file. */
  relativePath(file: SourceFile): string;
  /** 0-based span of a node in its file. */
  span(node: Node): Span;
  /** Reads a workspace file (for `fs.readFileSync('prompts/x.txt')` prompts); undefined when unreadable or outside the root. */
  readWorkspaceFile(relativeOrAbsolute: string, fromFile: SourceFile): string | undefined;
  /** How many caller levels wrapper resolution follows (>= 2). */
  maxCallerDepth: number;
  /** True when the SDK packages' type declarations resolved (the checker can confirm client types). */
  hasSdkTypes(sdk: SdkId): boolean;
  /**
   * Reports a type gap: the checker gave `node` an unresolved type where a result depends on the
   * type (see analysis/programs.ts). Present only while analysing with the lean program; the pass is
   * then redone with the full one.
   */
  typeGap?(node: Node): void;
}

/**
 * Values bound to a function's parameters at one caller (for wrapper resolution). Resolution of an
 * identifier that refers to a parameter consults the bindings before giving up with `unknown`.
 */
export interface Bindings {
  /** The argument expression passed for `param` at the caller, with the caller's own bindings (for the next level up). */
  lookup(param: ParameterDeclaration): { argument: Node | undefined; outer: Bindings | undefined } | undefined;
  /** Depth of this binding level (1 = direct caller). */
  depth: number;
}

/** The resolved request of one call. */
export interface ExtractedRequest {
  model: ModelRef;
  prompt: PromptShape;
  params: CallParams;
  batchSize?: Resolved<number>;
}

/** A call recognised as an LLM request by a detector. */
export interface DetectedCall {
  call: CallExpression;
  sdk: SdkId;
  provider: Provider;
  api: string;
  operation: Operation;
  /** Source text of the client/receiver, e.g. `this.client`. */
  client?: string;
  /** Why it was recognised: the import/type chain, one line per hop. */
  detection: string[];
  /** Resolves model, prompt and params, optionally with a caller's parameter bindings. */
  extract(bindings?: Bindings): ExtractedRequest;
  /**
   * A call that carries several distinct requests (an Anthropic batch whose `requests` is an array
   * literal of request objects, a LangChain chain with several model steps or a `.batch([...])` of
   * literal inputs): one entry per request, in order. The scanner then emits one
   * CallSite per element instead of one for the call (ids: identity.ts `elementId`).
   */
  elements?: DetectedElement[];
}

/** One request of a call that carries several (see `DetectedCall.elements`). */
export interface DetectedElement {
  /** The request's own expression: its span becomes the record's span. */
  node: Node;
  /** One explanation line appended to the call's `detection` (which request this is). */
  detection: string;
  /** Resolves this request only (same contract as `DetectedCall.extract`). */
  extract(bindings?: Bindings): ExtractedRequest;
  /** This request's provider when it differs from the call's (a LangChain chain with models of two providers). */
  provider?: Provider;
}

/** One SDK's detector (one folder per SDK under sdks/). */
export interface SdkDetector {
  sdk: SdkId;
  /** Module specifiers that enable this detector (the pre-filter looks for these). */
  packages: string[];
  match(call: CallExpression, ctx: AnalysisContext): DetectedCall | undefined;
}
