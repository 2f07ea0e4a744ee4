import { openai } from '../llm/clients.js';
import { OpenAIModel } from '../config/models.js';

/** Embeds help-center articles for retrieval (runs when an article is saved). */
export async function embedArticle(article: string): Promise<number[]> {
  const result = await openai.embeddings.create({
    model: OpenAIModel.Embedding,
    input: article,
  });
  return result.data[0].embedding;
}
