/**
 * Every SDK detector, in the order they are tried. One folder per SDK owns everything Tierwise
 * knows about it: `detector.ts` (which calls are requests), `request.ts` (the request shape tables
 * `resolve/request.ts` reads), and any SDK-only reader (Anthropic batches, LangChain chains and
 * prompt templates).
 */
import type { SdkDetector } from '../types';
import { aiSdkDetector } from './aiSdk/detector';
import { anthropicDetector } from './anthropic/detector';
import { googleGenaiDetector } from './googleGenai/detector';
import { langchainDetector } from './langchain/detector';
import { openaiDetector } from './openai/detector';

/** The detectors the scanner runs on every call expression of a pre-filtered file. */
export const DETECTORS: readonly SdkDetector[] = [anthropicDetector, openaiDetector, aiSdkDetector, langchainDetector, googleGenaiDetector];

/** Every module specifier that enables a detector (the pre-filter's SDK list). */
export function sdkPackages(detectors: readonly SdkDetector[] = DETECTORS): string[] {
  return [...new Set(detectors.flatMap((d) => d.packages))];
}
