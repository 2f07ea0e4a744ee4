import { ChatOpenAI } from '@langchain/openai';

const sqlModel = new ChatOpenAI({ model: 'gpt-5', maxTokens: 800 });

/** Lets support leads ask ad-hoc questions about ticket metrics; the SQL is reviewed before it runs. */
export async function writeReportQuery(question: string, schema: string): Promise<string> {
  const result = await sqlModel.invoke([
    ['system', `Write a single PostgreSQL query that answers the question. Return only SQL.\n\nSchema:\n${schema}`],
    ['human', question],
  ]);
  return String(result.content);
}
