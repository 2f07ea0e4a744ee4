/**
 * Helpers shared by the per-SDK detectors: the cheap method-name gate, tracing a callee to its SDK
 * origin, and building DetectedCall records.
 */
import { Node } from 'ts-morph';
import type { CallExpression, NewExpression } from 'ts-morph';
import { memberPathAfterNew, traceOrigin } from '../clients';
import type { Origin } from '../clients';
import { isPackageSpecifier } from '../prefilter';
import type { AnalysisContext } from '../types';
import type { Provider } from '../../model';

/**
 * The detection line of a call that runs an agent loop (AI SDK agents, Anthropic's tool runner):
 * one run may send several requests; the call site describes one of them.
 */
export const AGENT_LOOP_NOTE = 'an agent run may take several model steps (tool loop); this site describes one step';

/** The name a call is made through: `create` for `x.messages.create(...)` and for `create(...)`. */
export function calleeName(call: CallExpression): string | undefined {
  const callee = call.getExpression();
  if (Node.isPropertyAccessExpression(callee)) return callee.getName();
  if (Node.isIdentifier(callee)) return callee.getText();
  if (Node.isElementAccessExpression(callee)) {
    const arg = callee.getArgumentExpression();
    if (arg && Node.isStringLiteral(arg)) return arg.getLiteralValue();
  }
  return undefined;
}

/** Traces the callee of `call` to an origin in one of `packages`. */
export function calleeOrigin(call: CallExpression, packages: readonly string[], ctx: AnalysisContext): Origin | undefined {
  const origin = traceOrigin(call.getExpression(), { packages, ctx });
  if (!origin || !packages.some((pkg) => isPackageSpecifier(origin.module, pkg))) return undefined;
  return origin;
}

/** For client SDKs: the method path on an instance of one of `classNames` (`['messages', 'create']`). */
export function clientMethodPath(
  origin: Origin,
  classNames: readonly string[],
): { creation: NewExpression | undefined; path: string[] } | undefined {
  const names = new Set([...classNames, 'default', '*']);
  if (!names.has(origin.exportName)) return undefined;
  return memberPathAfterNew(origin);
}

/** A call of a client SDK method: where the client came from and the API path (`messages.create`). */
export interface ClientMethodCall {
  origin: Origin;
  member: { creation: NewExpression | undefined; path: string[] };
  api: string;
}

/**
 * The shared gate of client SDKs (Anthropic, OpenAI, Google): the callee's name is one of `methods`
 * (cheap, syntactic), it traces to an instance of one of `classNames` from `packages`, and the
 * method path on that instance is the API.
 */
export function matchClientMethod(
  call: CallExpression,
  ctx: AnalysisContext,
  sdk: { packages: readonly string[]; methods: ReadonlySet<string>; classNames: readonly string[] },
): ClientMethodCall | undefined {
  const name = calleeName(call);
  if (!name || !sdk.methods.has(name)) return undefined;
  const origin = calleeOrigin(call, sdk.packages, ctx);
  const member = origin && clientMethodPath(origin, sdk.classNames);
  if (!origin || !member) return undefined;
  return { origin, member, api: member.path.join('.') };
}

/** The receiver text of a call (`this.client` for `this.client.messages.create`), for explanation. */
export function receiverText(call: CallExpression, depth: number): string {
  let current: Node = call.getExpression();
  for (let i = 0; i < depth && Node.isPropertyAccessExpression(current); i++) current = current.getExpression();
  return current.getText().replace(/\s+/g, ' ');
}

/** The detection reasons: the API recognised, then the origin chain. */
export function detectionLines(api: string, origin: Origin): string[] {
  return [`\`${api}\` on a value from '${origin.module}'`, ...origin.chain];
}

/** The first argument of a call or `new` expression, if any. */
export function firstArgument(node: CallExpression | NewExpression | undefined): Node | undefined {
  return node?.getArguments()[0];
}

/** The provider all `ids` belong to by their well-known prefixes (`claude-`, `gpt-`, `gemini-`), else `unknown`. */
export function providerFromModelIds(ids: readonly string[]): Provider {
  const providers = new Set(ids.map((id) => {
    const bare = id.includes('/') ? id.slice(id.indexOf('/') + 1) : id;
    if (bare.startsWith('claude')) return 'anthropic';
    if (/^(gpt-|o\d|text-embedding|chatgpt|davinci|babbage)/.test(bare)) return 'openai';
    if (bare.startsWith('gemini') || bare.startsWith('text-embedding-00') || bare.startsWith('gemini-embedding')) return 'google';
    return 'unknown';
  }));
  return providers.size === 1 ? [...providers][0] : 'unknown';
}
