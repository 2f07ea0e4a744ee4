import Anthropic from '@anthropic-ai/sdk';

const client = new Anthropic();

export type TicketCategory = 'billing' | 'bug' | 'feature_request' | 'account' | 'other';

/** Routes every incoming ticket to a queue. Prototyped on the frontier model and never revisited. */
export async function classifyTicket(subject: string, body: string): Promise<TicketCategory> {
  const response = await client.messages.create({
    model: 'claude-opus-4-7',
    max_tokens: 10,
    system:
      'You are a support ticket router. Classify the ticket into exactly one of these categories: ' +
      'billing, bug, feature_request, account, other. Respond with only the category label.',
    messages: [{ role: 'user', content: `Subject: ${subject}\n\n${body}` }],
  });
  const block = response.content[0];
  return (block.type === 'text' ? block.text.trim() : 'other') as TicketCategory;
}
