import modelToEncoding from 'tiktoken/model_to_encoding.json';
import type * as GptEncodingModule from 'gpt-tokenizer/GptEncoding';
import type * as TiktokenModule from 'tiktoken';
import type { Provider } from '../model';
import { calibrationFor } from './calibration';

/** The BPE encodings Tierwise can count with (OpenAI's tiktoken encodings). */
export type EncodingName = 'o200k_base' | 'cl100k_base' | 'p50k_base' | 'r50k_base';

/**
 * Which implementation of the tiktoken encodings counts tokens. Both give identical counts
 * (bench/tokens.bench.ts checks it on ~2.7 MB of TypeScript source and prose; the unit tests check
 * known strings against `tiktoken` directly).
 * - `gpt-tokenizer` (default): measured fastest. `node --import tsx bench/tokens.bench.ts` on this
 *   project's shared 2-core machine, o200k_base, 2.65 MB of TS source + prose in 8,000-character
 *   chunks (591,856 tokens with every implementation), cold/warm merge caches: gpt-tokenizer
 *   12.1/15.7 MB/s, tiktoken WASM 1.8/3.4 MB/s, js-tiktoken 2.9/2.7 MB/s (first run, before the
 *   bench had warm rounds: 11.7 vs 3.8 vs 3.2 MB/s). Pure JS, so bundles need no extra file.
 * - `tiktoken`: OpenAI's Rust BPE compiled to WASM; its `tiktoken_bg.wasm` is loaded from next to the
 *   bundle (scripts/build.mjs copies it into dist/). Kept selectable as the reference implementation.
 */
export type TokenizerBackend = 'gpt-tokenizer' | 'tiktoken';

/** A token count and how it was obtained (`tiktoken:o200k_base`, `calibrated:anthropic(o200k_base x1.2)`). */
export interface TokenCount {
  tokens: number;
  method: string;
  /** Low/high ends of the count when it is a calibrated estimate (equal to `tokens` when exact). */
  low: number;
  high: number;
  /** Why this method, for the estimate's reasons (encoding choice, calibration factor and source). */
  note: string;
}

/** Counts tokens of text for a model. Encoders are created lazily and cached in the instance. */
export interface TokenCounter {
  count(text: string, modelId: string | null, provider: Provider): TokenCount;
  /** The encoding used for an OpenAI model id, and why. */
  encodingFor(modelId: string | null): { encoding: EncodingName; note: string };
  /** Frees the encoders (the WASM backend holds native memory). The counter stays usable. */
  dispose(): void;
}

interface Encoder {
  count(text: string): number;
  free(): void;
}

const MODEL_TO_ENCODING: Record<string, string> = modelToEncoding;
const KNOWN_ENCODINGS: readonly EncodingName[] = ['o200k_base', 'cl100k_base', 'p50k_base', 'r50k_base'];

/* eslint-disable @typescript-eslint/no-require-imports -- lazy loading: each rank table is several MB and only the encodings a scan uses are loaded. */
function loadGptTokenizer(name: EncodingName): Encoder {
  const { GptEncoding } = require('gpt-tokenizer/GptEncoding') as typeof GptEncodingModule;
  const ranks: Record<EncodingName, () => unknown> = {
    o200k_base: () => require('gpt-tokenizer/bpeRanks/o200k_base').default,
    cl100k_base: () => require('gpt-tokenizer/bpeRanks/cl100k_base').default,
    p50k_base: () => require('gpt-tokenizer/bpeRanks/p50k_base').default,
    r50k_base: () => require('gpt-tokenizer/bpeRanks/r50k_base').default,
  };
  const api = GptEncoding.getEncodingApi(name, ranks[name] as Parameters<typeof GptEncoding.getEncodingApi>[1]);
  // Special-token text in a prompt (`<|endoftext|>`) is counted as ordinary text, like tiktoken's
  // encode(text, [], []) below: it is user data, not a control token.
  const plain = { allowedSpecial: new Set<string>(), disallowedSpecial: new Set<string>() };
  return { count: (text) => api.countTokens(text, plain), free: () => undefined };
}

function loadTiktoken(name: EncodingName): Encoder {
  const { get_encoding } = require('tiktoken') as typeof TiktokenModule;
  const encoding = get_encoding(name);
  return { count: (text) => encoding.encode(text, [], []).length, free: () => encoding.free() };
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** Strips a dated snapshot suffix (`gpt-4o-2024-08-06` -> `gpt-4o`) for model-map lookups. */
function undated(modelId: string): string {
  return modelId.replace(/-\d{4}-\d{2}-\d{2}$/, '').replace(/-\d{4}$/, '');
}

/** The encoding an OpenAI model uses: tiktoken's model map, else o200k_base (every OpenAI model since gpt-4o). */
export function encodingForModel(modelId: string | null): { encoding: EncodingName; note: string } {
  if (modelId) {
    const id = modelId.replace(/^openai[/:]/, '').toLowerCase();
    for (const candidate of [id, undated(id)]) {
      const name = MODEL_TO_ENCODING[candidate];
      if (name && (KNOWN_ENCODINGS as readonly string[]).includes(name)) {
        return { encoding: name as EncodingName, note: `${name} (tiktoken's model map for ${candidate})` };
      }
    }
    const legacy = /^(gpt-4(?!o|\.)|gpt-3\.5|text-embedding-(3|ada))/.test(id);
    if (legacy) return { encoding: 'cl100k_base', note: `cl100k_base (${modelId} is a gpt-4/gpt-3.5/embedding-family model)` };
    return { encoding: 'o200k_base', note: `o200k_base (${modelId} is not in tiktoken's model map; o200k_base is the encoding of every OpenAI model since gpt-4o)` };
  }
  return { encoding: 'o200k_base', note: 'o200k_base (model unknown)' };
}

/**
 * Remembered BPE counts, e.g. kept by the editor between sessions. A count found here skips the
 * encoder, whose rank table takes ~100-150 ms to load: the first file of an editor session then
 * needs no encoder when its prompts are unchanged. Counts are exact either way (same encoding, same
 * text).
 */
export interface TokenCountMemo {
  get(encoding: EncodingName, text: string): number | undefined;
  set(encoding: EncodingName, text: string, tokens: number): void;
}

/** Options of `createTokenCounter`. */
export interface TokenCounterOptions {
  /** Default: the measured-fastest correct implementation (`gpt-tokenizer`). */
  backend?: TokenizerBackend;
  /** Consulted before counting, filled after. */
  memo?: TokenCountMemo;
}

/** Creates a token counter. */
export function createTokenCounter(options: TokenCounterOptions = {}): TokenCounter {
  const backend = options.backend ?? 'gpt-tokenizer';
  const { memo } = options;
  const encoders = new Map<EncodingName, Encoder>();
  const encoder = (name: EncodingName): Encoder => {
    let found = encoders.get(name);
    if (!found) {
      found = backend === 'tiktoken' ? loadTiktoken(name) : loadGptTokenizer(name);
      encoders.set(name, found);
    }
    return found;
  };
  const bpeCount = (name: EncodingName, text: string): number => {
    if (!text) return 0;
    const remembered = memo?.get(name, text);
    if (remembered !== undefined) return remembered;
    const tokens = encoder(name).count(text);
    memo?.set(name, text, tokens);
    return tokens;
  };
  return {
    encodingFor: encodingForModel,
    count(text, modelId, provider) {
      if (provider === 'openai') {
        const { encoding, note } = encodingForModel(modelId);
        const tokens = bpeCount(encoding, text);
        return { tokens, low: tokens, high: tokens, method: `tiktoken:${encoding}`, note: `exact count with ${note}` };
      }
      const base = bpeCount('o200k_base', text);
      const calibration = calibrationFor(provider);
      return {
        tokens: Math.round(base * calibration.factor),
        low: Math.floor(base * calibration.low),
        high: Math.ceil(base * calibration.high),
        method: `calibrated:${provider}(o200k_base x${calibration.factor})`,
        note: calibration.rationale,
      };
    },
    dispose() {
      for (const e of encoders.values()) e.free();
      encoders.clear();
    },
  };
}
