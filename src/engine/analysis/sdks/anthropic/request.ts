/** How Anthropic Messages requests are written (`messages.create`, `.stream`, batches, the tool runner). */
import { readPath } from '../../resolve/params';
import type { RequestFields, RequestShape } from '../../resolve/request';
import { batchRequest } from './batch';

/**
 * `{ model, system, messages, max_tokens, ... }`; a batch submission (`messages.batches.create`)
 * writes no `model` but `requests: [{ custom_id, params }]`, read request by request.
 */
export const ANTHROPIC_MESSAGES: RequestShape<RequestFields> = {
  name: 'anthropic-messages',
  modelPaths: ['model'],
  systemPaths: ['system'],
  promptPath: 'prompt',
  messagesPath: 'messages',
  batch(req, fields) {
    if (readPath(req, 'model') || !readPath(req, 'requests')) return undefined;
    const batch = batchRequest(req, fields.batchElement ?? 0);
    return { params: batch.params, size: fields.batchElement === undefined ? batch.size : undefined };
  },
};
