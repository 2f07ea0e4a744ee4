/**
 * The ticket database's message store. It has a `messages.create` method too, but it is not an LLM
 * call: Tierwise must not report it.
 */
interface MessageRow {
  ticketId: string;
  author: string;
  body: string;
}

export const db = {
  messages: {
    async create(row: MessageRow): Promise<MessageRow & { id: number }> {
      return { ...row, id: Date.now() };
    },
  },
};

export async function storeReply(ticketId: string, body: string) {
  return db.messages.create({ ticketId, author: 'agent', body });
}
