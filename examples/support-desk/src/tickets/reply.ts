import { complete } from '../llm/complete.js';
import { MODELS } from '../config/models.js';

/** Drafts a reply an agent edits before sending. */
export async function draftReply(ticketBody: string, customerName: string): Promise<string> {
  return complete(
    MODELS.balanced,
    'You are a friendly, concise support agent. Draft a reply to the customer. Do not promise refunds.',
    `Customer: ${customerName}\n\nTicket:\n${ticketBody}`,
    600,
  );
}
