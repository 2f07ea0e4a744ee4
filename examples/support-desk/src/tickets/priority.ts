import { openai } from '@ai-sdk/openai';
import { generateObject } from 'ai';
import { z } from 'zod';

/** Scores urgency so the queue is sorted by it. */
export async function scorePriority(ticketBody: string) {
  const { object } = await generateObject({
    model: openai('gpt-4.1'),
    schema: z.object({
      priority: z.enum(['low', 'normal', 'high', 'urgent']),
      reason: z.string(),
    }),
    prompt: `Rate the urgency of this support ticket.\n\n${ticketBody}`,
    maxOutputTokens: 120,
  });
  return object;
}
