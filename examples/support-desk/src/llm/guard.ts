import { anthropic } from './clients.js';
import { SUMMARY_MODEL } from '../config/models.js';

/** Checks a thread fits comfortably before it is summarized (counting is free). */
export async function fitsSummaryWindow(thread: string): Promise<boolean> {
  const count = await anthropic.messages.countTokens({
    model: SUMMARY_MODEL,
    messages: [{ role: 'user', content: thread }],
  });
  return count.input_tokens < 150_000;
}
