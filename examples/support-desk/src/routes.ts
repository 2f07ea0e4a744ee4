import { classifyTicket } from './tickets/classify.js';
import { extractOrderDetails } from './tickets/extract.js';
import { detectLanguage } from './tickets/language.js';
import { scorePriority } from './tickets/priority.js';
import { sentiment } from './tickets/sentiment.js';
import { draftReply } from './tickets/reply.js';
import { isToxic } from './moderation/toxicity.js';
import { storeReply } from './db/messages.js';

/** POST /tickets: every new ticket goes through triage. */
export async function onNewTicket(ticket: { id: string; subject: string; body: string; customer: string }) {
  const [category, details, language, priority, mood] = await Promise.all([
    classifyTicket(ticket.subject, ticket.body),
    extractOrderDetails(ticket.body),
    detectLanguage(ticket.body),
    scorePriority(ticket.body),
    sentiment(ticket.body),
  ]);
  const draft = await draftReply(ticket.body, ticket.customer);
  if (!(await isToxic(draft))) await storeReply(ticket.id, draft);
  return { category, details, language, priority, mood, draft };
}
