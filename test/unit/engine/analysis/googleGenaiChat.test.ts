/**
 * Google Gen AI chat sessions: `ai.chats.create({ model, config, history })` then
 * `chat.sendMessage({ message })` / `sendMessageStream` is one call site per send, with the model and
 * config of the session traced through the variable and the message as the user part. Real engine
 * over test/fixtures/google-genai-chat-session (with and without the SDK's type declarations).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnalyzedCallSite } from '../../../../src/engine/api';
import { bothEngines, fixture, promptText, site } from './fixtures';


const promptOf = (s: AnalyzedCallSite): string => promptText(s, () => '{…}');

for (const [mode, engine] of bothEngines()) {
  describe(`Google Gen AI chat sessions (${mode})`, () => {
    it('reports each sendMessage / sendMessageStream as a call site with the session model', async () => {
      const result = await engine.scan(fixture('google-genai-chat-session'));
      assert.deepEqual(
        result.callSites.map((s) => `${s.site.id}|${s.site.api}|${s.site.provider}|${s.modelId}|stream=${s.site.params.stream}`),
        [
          'src/assistant.ts#helpCustomer#0|chats.sendMessage|google|gemini-2.5-flash|stream=false',
          'src/assistant.ts#helpCustomer#1|chats.sendMessageStream|google|gemini-2.5-flash|stream=true',
          'src/assistant.ts#resumeSession#0|chats.sendMessage|google|gemini-2.5-pro|stream=false',
        ],
        'the look-alike local `chat.sendMessage` is not a call site',
      );
    });

    it('builds the prompt from the session system instruction, its history and the message', async () => {
      const result = await engine.scan(fixture('google-genai-chat-session'));
      const first = site(result, 'src/assistant.ts#helpCustomer#0');
      assert.equal(
        promptOf(first),
        'system: You are the support desk assistant. Answer in two sentences at most. | user: Hi, I have a question about my invoice. | assistant: Sure, what would you like to know? | user: {…}',
      );
      assert.equal(first.site.params.maxTokens?.candidates[0]?.value, 300);
      assert.equal(first.site.params.temperature, 0.2);
      assert.equal(first.site.span.start.line, 16);
      assert.match(first.site.detection.join('\n'), /chat session options from `chats\.create\(\.\.\.\)` \(src\/assistant\.ts:9\)/);
      const followUp = site(result, 'src/assistant.ts#helpCustomer#1');
      assert.match(promptOf(followUp), /\| user: Follow-up: \{…\}$/);
      assert.equal(followUp.site.params.maxTokens?.candidates[0]?.value, 120, "the turn's own config overrides the session's");
    });

    it('reports a runtime history as unknown, not as an empty prompt', async () => {
      const result = await engine.scan(fixture('google-genai-chat-session'));
      const resumed = site(result, 'src/assistant.ts#resumeSession#0');
      assert.equal(promptOf(resumed), 'user: {…}');
      assert.deepEqual(resumed.site.prompt.unknown.map((u) => u.expression), ['storedTurns']);
      assert.match(resumed.site.prompt.unknown[0].reason, /not a literal array/);
    });
  });
}
