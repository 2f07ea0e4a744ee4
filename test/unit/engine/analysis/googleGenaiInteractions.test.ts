/**
 * The Gemini Interactions API (`ai.interactions.create({...})` in @google/genai): model, system
 * instruction, input, generation config and streaming are read; a continued interaction
 * (`previous_interaction_id`) says the earlier turns the server keeps are input too; an agent
 * interaction (`agent`) has no model of its own; `interactions.get` is not a request. Real engine
 * over test/fixtures/google-genai-interactions.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bothEngines, fixture, promptText, site } from './fixtures';



for (const [mode, engine] of bothEngines()) {
  describe(`Gemini Interactions API (${mode})`, () => {
    it('reports each interactions.create with its model, prompt and parameters, and not interactions.get', async () => {
      const result = await engine.scan(fixture('google-genai-interactions'));
      assert.deepEqual(
        result.callSites.map((s) => `${s.site.id}|${s.site.api}|${s.site.provider}|${s.modelId}|stream=${s.site.params.stream}`),
        [
          'src/interactions.ts#ask#0|interactions.create|google|gemini-2.5-flash|stream=false',
          'src/interactions.ts#followUp#0|interactions.create|google|gemini-2.5-flash|stream=true',
          'src/interactions.ts#research#0|interactions.create|google|null|stream=false',
        ],
      );
      const ask = site(result, 'src/interactions.ts#ask#0');
      assert.equal(promptText(ask), 'system: You are the support desk assistant. Answer in two sentences. | user: {question}');
      assert.deepEqual(ask.site.params.maxTokens?.candidates.map((c) => c.value), [200]);
      assert.equal(ask.site.params.temperature, 0.2);
      assert.equal(ask.site.params.reasoningEffort, 'low');
      const followUp = site(result, 'src/interactions.ts#followUp#0');
      assert.equal(promptText(followUp), 'user: And how long does a refund take?');
      assert.match(followUp.site.prompt.unknown[0]?.reason ?? '', /earlier turns of interaction `previousId` are kept by the server/);
      const research = site(result, 'src/interactions.ts#research#0');
      assert.match(research.site.model.unknown[0]?.reason ?? '', /agent interaction \(`agent: 'deep-research-pro-preview-12-2025'`\) names no `model`/);
      assert.match(research.site.detection.join('\n'), /the server runs the agent loop/);
    });
  });
}
