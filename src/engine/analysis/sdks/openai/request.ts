/** How OpenAI SDK requests are written, per API family (Chat Completions, Responses, Embeddings). */
import type { RequestShape } from '../../resolve/request';

/** Chat Completions (`{ model, messages }`) and the legacy Completions API (`{ model, prompt }`). */
export const OPENAI_CHAT: RequestShape = {
  name: 'openai-chat',
  modelPaths: ['model'],
  systemPaths: ['system'],
  promptPath: 'prompt',
  messagesPath: 'messages',
};

/** Responses API: `{ model, instructions, input }`. */
export const OPENAI_RESPONSES: RequestShape = {
  name: 'openai-responses',
  modelPaths: ['model'],
  systemPaths: ['instructions'],
  promptPath: 'prompt',
  messagesPath: 'input',
};

/** Embeddings: `{ model, input }` (a string or a list of strings). */
export const OPENAI_EMBEDDINGS: RequestShape = {
  name: 'openai-embeddings',
  modelPaths: ['model'],
  systemPaths: ['system'],
  embedding: { paths: ['input', 'value', 'values'] },
};
