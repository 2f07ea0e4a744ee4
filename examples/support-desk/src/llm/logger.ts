/** Minimal structured logger. */
export function logLlmCall(task: string, fields: { model: string; inputTokens: number; outputTokens: number }): void {
  console.log(JSON.stringify({ event: 'llm_call', task, ...fields }));
}
