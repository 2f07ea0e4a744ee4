import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { anthropic } from '../llm/clients.js';
import { MODELS } from '../config/models.js';

const DIGEST_PROMPT = readFileSync(join(__dirname, '../../prompts/weekly-digest.md'), 'utf8');

/** Builds the weekly digest for each team overnight through the Message Batches API (half price). */
export async function submitWeeklyDigests(teams: Array<{ id: string; tickets: string }>) {
  return anthropic.messages.batches.create({
    requests: teams.map((team) => ({
      custom_id: `digest-${team.id}`,
      params: {
        model: MODELS.balanced,
        max_tokens: 800,
        system: DIGEST_PROMPT,
        messages: [{ role: 'user', content: team.tickets }],
      },
    })),
  });
}
