import { localLlm } from '../llm/clients.js';

const TOXICITY_MODEL = process.env.TOXICITY_MODEL || 'llama3.1:8b';

/** Screens outgoing agent replies on a self-hosted model before they are sent. */
export async function isToxic(reply: string): Promise<boolean> {
  const completion = await localLlm.chat.completions.create({
    model: TOXICITY_MODEL,
    messages: [
      { role: 'system', content: 'Answer yes or no: is the following support reply rude, insulting or unprofessional?' },
      { role: 'user', content: reply },
    ],
    max_tokens: 2,
  });
  return completion.choices[0].message.content?.trim().toLowerCase() === 'yes';
}
