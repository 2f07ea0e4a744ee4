/** Model choices for the support desk. Tierwise reads these consts to resolve each call's model. */
export const MODELS = {
  fast: 'claude-haiku-4-5',
  balanced: 'claude-sonnet-4-6',
  smart: 'claude-opus-4-7',
} as const;

export type ModelName = (typeof MODELS)[keyof typeof MODELS];

/** Summaries can be switched to another model per environment. */
export const SUMMARY_MODEL = process.env.SUMMARY_MODEL ?? 'claude-sonnet-4-6';

export enum OpenAIModel {
  Flagship = 'gpt-5',
  Mini = 'gpt-5-mini',
  Embedding = 'text-embedding-3-small',
}
