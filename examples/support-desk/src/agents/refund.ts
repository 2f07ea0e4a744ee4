import { anthropic } from '../llm/clients.js';
import { MODELS } from '../config/models.js';

export interface RefundDecision {
  approve: boolean;
  amount: number;
  rationale: string;
}

/**
 * Decides whether a refund request is eligible under the policy. The decision triggers an automatic
 * refund, so a wrong answer costs money directly.
 */
export async function decideRefund(request: string, orderHistory: string, policy: string): Promise<RefundDecision> {
  // tierwise: task=reasoning consequence=high traffic=400/day
  const response = await anthropic.messages.create({
    model: MODELS.smart,
    max_tokens: 4000,
    thinking: { type: 'enabled', budget_tokens: 2000 },
    system: `Decide whether the refund request is eligible under the policy. Think step by step, then answer as JSON {"approve": boolean, "amount": number, "rationale": string}.\n\nPolicy:\n${policy}`,
    messages: [{ role: 'user', content: `Request:\n${request}\n\nOrder history:\n${orderHistory}` }],
  });
  const text = response.content.find((block) => block.type === 'text');
  return JSON.parse(text && text.type === 'text' ? text.text : '{}') as RefundDecision;
}
