import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';

/** Shared SDK clients; keys come from ANTHROPIC_API_KEY / OPENAI_API_KEY. */
export const anthropic = new Anthropic();
export const openai = new OpenAI();

/** Self-hosted model behind an OpenAI-compatible server (Ollama in development). */
export const localLlm = new OpenAI({
  baseURL: process.env.LOCAL_LLM_URL ?? 'http://localhost:11434/v1',
  apiKey: 'ollama',
});
