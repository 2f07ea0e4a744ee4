import { anthropic } from '@ai-sdk/anthropic';
import { generateText } from 'ai';

/** Answers a customer's question from help-center articles retrieved by the search service. */
export async function answerFromKnowledgeBase(question: string, context: string): Promise<string> {
  const { text } = await generateText({
    model: anthropic('claude-sonnet-4-6'),
    system:
      'Answer the customer question using only the help-center articles below. ' +
      'If the articles do not contain the answer, say so and offer to open a ticket.\n\n' +
      `Articles:\n${context}`,
    prompt: question,
    maxOutputTokens: 500,
  });
  return text;
}
