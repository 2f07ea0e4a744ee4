import type Anthropic from '@anthropic-ai/sdk';
import { MODELS } from '../config/models.js';

/** The in-app help chat. The client is injected so tests can pass a fake. */
export class HelpChat {
  constructor(private readonly llm: Anthropic) {}

  /** Streams the assistant's next turn of the conversation. */
  async *reply(history: Anthropic.MessageParam[]) {
    const stream = this.llm.messages.stream({
      model: MODELS.balanced,
      max_tokens: 1024,
      system: 'You are the in-app help assistant of Support Desk. Be brief and link to help articles when relevant.',
      messages: history,
    });
    for await (const event of stream) {
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') yield event.delta.text;
    }
  }
}
