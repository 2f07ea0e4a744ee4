import type { Provider } from '../model';

/**
 * How Tierwise counts tokens for providers whose tokenizer is not public.
 *
 * Anthropic (Claude) and Google (Gemini) do not publish their tokenizers for offline use; the only
 * exact counts come from their token-counting endpoints (`messages.countTokens`,
 * `models.countTokens`), which need the network and an API key. Tierwise therefore counts with
 * OpenAI's o200k_base encoding (exact, offline) and multiplies by a per-provider calibration factor,
 * with a low/high band that becomes the min/max of the static-text range.
 *
 * Sources and rationale (re-check when a provider ships a new tokenizer):
 * - anthropic: Claude tokenizers split English prose and source code into more pieces than
 *   o200k_base. Comparisons of Anthropic's `count_tokens` endpoint against o200k_base published by
 *   practitioners land roughly between 1.1x and 1.3x, and Anthropic has said newer Claude tokenizers
 *   can produce noticeably more tokens than older ones for the same text. Factor 1.2 (band
 *   1.1-1.35). This is an engineering estimate, NOT measured locally (no Claude tokenizer works
 *   offline); the band makes the uncertainty visible in min/max. Profiling runs record the served
 *   `usage.input_tokens`, which is the ground truth that should replace this factor.
 * - google: Gemini uses a 256k-entry SentencePiece vocabulary (shared with Gemma); Google's docs
 *   state ~4 characters per token for English (https://ai.google.dev/gemini-api/docs/tokens), the
 *   same density as o200k_base on English prose. Factor 1.0 (band 0.9-1.15).
 * - unknown: a model Tierwise cannot attribute to a provider: o200k_base as a neutral estimate with a
 *   wide band (0.9-1.3).
 *
 * OpenAI needs no calibration: its models are counted exactly with the encoding each model uses.
 */
export interface Calibration {
  /** Multiplier applied to the o200k_base count for the expected value. */
  factor: number;
  /** Multiplier for the low end of the range. */
  low: number;
  /** Multiplier for the high end of the range. */
  high: number;
  /** One sentence a user reads in the estimate's reasons. */
  rationale: string;
}

/** The calibration table (the only place the factors live). */
export const CALIBRATION: Readonly<Record<Exclude<Provider, 'openai'>, Calibration>> = {
  anthropic: {
    factor: 1.2,
    low: 1.1,
    high: 1.35,
    rationale:
      "Claude's tokenizer is not public: o200k_base count x 1.2 (band 1.1-1.35), an estimate of count_tokens vs o200k_base on prose and code (not measured locally)",
  },
  google: {
    factor: 1.0,
    low: 0.9,
    high: 1.15,
    rationale:
      "Gemini's tokenizer is not available offline: o200k_base count x 1.0 (band 0.9-1.15); Google documents ~4 characters per token, the density of o200k_base on English",
  },
  unknown: {
    factor: 1.0,
    low: 0.9,
    high: 1.3,
    rationale: 'provider unknown: o200k_base count x 1.0 with a wide band (0.9-1.3)',
  },
};

/** Calibration for a provider; OpenAI is exact (factor 1, no band). */
export function calibrationFor(provider: Provider): Calibration {
  if (provider === 'openai') return { factor: 1, low: 1, high: 1, rationale: 'exact tiktoken count' };
  return CALIBRATION[provider];
}
