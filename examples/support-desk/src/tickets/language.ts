import { complete } from '../llm/complete.js';
import { MODELS } from '../config/models.js';

/** Detects the ticket's language to pick the right support team. */
export async function detectLanguage(text: string): Promise<string> {
  return complete(
    MODELS.smart,
    'Identify the language of the text. Answer with only the ISO 639-1 code, for example en, de or fr.',
    text,
    5,
  );
}
