/**
 * Anthropic's tool runner (`client.beta.messages.toolRunner({...})`): a call site whose body is read
 * like `messages.create` (model, system, messages, tools, cap, stream), marked as an agent loop that
 * sends one request per turn (with `max_iterations` when written). A look-alike local
 * `toolRunner` and the sessions tool runner (no Messages request) are not call sites. Real engine
 * over test/fixtures/anthropic-tool-runner.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bothEngines, fixture, site } from './fixtures';


for (const [mode, engine] of bothEngines()) {
  describe(`Anthropic tool runner (${mode})`, () => {
    it('reports each toolRunner as one call site read like messages.create, and no look-alike', async () => {
      const result = await engine.scan(fixture('anthropic-tool-runner'));
      assert.deepEqual(
        result.callSites.map((s) => `${s.site.id}|${s.site.api}|${s.site.operation}|${s.modelId}|stream=${s.site.params.stream}|tools=${s.site.params.tools?.count}`),
        [
          'src/agent.ts#resolveTicket#0|beta.messages.toolRunner|generate|claude-sonnet-4-6|stream=false|tools=2',
          'src/agent.ts#streamResolution#0|beta.messages.toolRunner|generate|claude-haiku-4-5|stream=true|tools=1',
        ],
      );
      const resolve = site(result, 'src/agent.ts#resolveTicket#0');
      assert.deepEqual(resolve.site.params.maxTokens?.candidates.map((c) => c.value), [1024]);
      assert.equal(resolve.site.prompt.parts[0]?.role, 'system');
      assert.ok(resolve.site.detection.includes(
        'an agent run may take several model steps (tool loop); this site describes one step: the tool runner sends one `messages.create` request per turn, at most 5 (`max_iterations`)',
      ), resolve.site.detection.join('\n'));
      assert.match(site(result, 'src/agent.ts#streamResolution#0').site.detection.join('\n'), /until the model stops calling tools \(no `max_iterations` written\)/);
    });
  });
}
