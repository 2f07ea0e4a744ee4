import { anthropic } from '../llm/clients.js';
import { SUMMARY_MODEL } from '../config/models.js';

const SUMMARY_INSTRUCTIONS = [
  'You summarize support ticket threads for the agent who picks the ticket up next.',
  'Write at most five bullet points: the customer problem, what was tried, the current state,',
  'promises made to the customer, and the next step. Never invent facts that are not in the thread.',
].join('\n');

/** Summarizes a long ticket thread when it is reassigned. */
export async function summarizeThread(thread: string, ticketId: string): Promise<string> {
  const response = await anthropic.messages.create(
    {
      model: SUMMARY_MODEL,
      max_tokens: 400,
      system: [{ type: 'text', text: SUMMARY_INSTRUCTIONS, cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: `Ticket ${ticketId} thread:\n\n${thread}` }],
    },
    { headers: { 'X-Task': 'summarization' } },
  );
  console.log('summary served by', response.model, response.usage);
  const block = response.content[0];
  return block.type === 'text' ? block.text : '';
}
