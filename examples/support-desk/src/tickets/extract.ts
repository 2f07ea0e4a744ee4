import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { openai } from '../llm/clients.js';
import { OpenAIModel } from '../config/models.js';

const OrderDetails = z.object({
  orderId: z.string().nullable(),
  product: z.string().nullable(),
  amount: z.number().nullable(),
  currency: z.string().nullable(),
  requestedAction: z.enum(['refund', 'replacement', 'cancellation', 'information']),
});

/** Pulls order details out of a free-text ticket so agents see them in the sidebar. */
export async function extractOrderDetails(ticketBody: string) {
  const completion = await openai.chat.completions.parse({
    model: OpenAIModel.Flagship,
    messages: [
      { role: 'system', content: 'Extract the order details mentioned in the customer message. Use null for anything not stated.' },
      { role: 'user', content: ticketBody },
    ],
    response_format: zodResponseFormat(OrderDetails, 'order_details'),
    max_completion_tokens: 300,
  });
  return completion.choices[0].message.parsed;
}
