/**
 * Clients wrapped by a tracing package's function declared to return its argument (`traceClient<T>(c:
 * T): Traced<T>` with `type Traced<C> = C & {...}`, `observe: <T>(c: T) => T & {...}`) are still
 * the SDK clients; functions whose declared result only mentions the argument's type (a mock
 * `Mocked<T>`, a report `{ client: T; calls }`) are not. Real engine over
 * test/fixtures/tracing-wrappers, whose tsconfig maps `acme-tracing` to its declaration file.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bothEngines, fixture, site } from './fixtures';


for (const [mode, engine] of bothEngines()) {
  describe(`tracing wrappers (${mode})`, () => {
    it('finds the requests on clients passed through traceClient(...) and observe(...), with their models', async () => {
      const result = await engine.scan(fixture('tracing-wrappers'));
      assert.deepEqual(
        result.callSites.map((s) => `${s.site.id}|${s.site.api}|${s.site.provider}|${s.modelId}`),
        ['src/traced.ts#classify#0|messages.create|anthropic|claude-haiku-4-5', 'src/traced.ts#draft#0|chat.completions.create|openai|gpt-5-mini'],
        'nothing in src/notClients.ts: mockOf(...) and describeClient(...) do not return the client',
      );
      const classify = site(result, 'src/traced.ts#classify#0');
      assert.ok(
        classify.site.detection.some((line) => line.startsWith('passed through `traceClient(...)`, declared `export declare function traceClient<T extends object>(client: T')),
        classify.site.detection.join('\n'),
      );
    });
  });
}
