/**
 * Detection over one mini project per case (test/fixtures/<case>): every SDK and API, every way
 * code reaches a client, and the negatives (look-alike objects, mocks, type-only imports,
 * comments, strings). Runs the real engine (ts-morph, resolver, sizing) and asserts on its result.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createEngine } from '../../../../src/engine/api';
import type { ScanResult } from '../../../../src/engine/api';
import { fixture, site, view } from './fixtures';

// Import tracing only (no SDK declaration files): fast, and what a project without node_modules gets.
const engine = createEngine({ dependencyTypes: false });
after(() => engine.dispose());

async function scan(name: string): Promise<ScanResult> {
  return engine.scan(fixture(name));
}

function apis(result: ScanResult): string[] {
  return result.callSites.map((s) => `${s.site.api}:${s.site.operation}:${s.modelId}`);
}

describe('anthropic detector', () => {
  it('finds messages.create/stream/countTokens, batches and beta with their operations', async () => {
    const result = await scan('anthropic-all-apis');
    assert.deepEqual(apis(result), [
      'messages.create:generate:claude-haiku-4-5',
      'messages.stream:generate:claude-sonnet-4-6',
      'messages.countTokens:count-tokens:claude-sonnet-4-6',
      'messages.batches.create:batch:claude-haiku-4-5',
      'beta.messages.create:generate:claude-opus-4-7',
    ]);
    const batch = site(result, 'src/claude.ts#nightly#0');
    assert.equal(batch.site.params.batch, true);
    assert.ok(result.callSites.every((s) => s.site.sdk === 'anthropic' && s.site.provider === 'anthropic'));
    assert.match(site(result, 'src/claude.ts#ask#0').site.detection.join('\n'), /@anthropic-ai\/sdk/);
  });
});

describe('openai detector', () => {
  it('finds chat completions, beta parse, responses and embeddings', async () => {
    const result = await scan('openai-all-apis');
    assert.deepEqual(apis(result), [
      'chat.completions.create:generate:gpt-5',
      'chat.completions.parse:generate:gpt-5-mini',
      'chat.completions.stream:generate:gpt-5',
      'beta.chat.completions.parse:generate:gpt-5-mini',
      'responses.create:generate:gpt-5',
      'responses.stream:generate:gpt-5',
      'responses.parse:generate:gpt-5-mini',
      'embeddings.create:embed:text-embedding-3-small',
    ]);
  });

  it('records the baseURL of OpenAI-compatible clients and keeps provider openai unless the host says otherwise', async () => {
    const result = await scan('openai-compatible-baseurl');
    const local = site(result, 'src/compat.ts#local#0');
    assert.equal(local.site.provider, 'openai');
    assert.deepEqual(local.site.params.baseURL?.candidates.map((c) => c.value), ['http://localhost:11434/v1']);
    assert.ok(local.site.detection.some((line) => line.includes('OpenAI-compatible')));
    const claude = site(result, 'src/compat.ts#claude#0');
    assert.equal(claude.site.provider, 'anthropic');
    assert.equal(claude.site.sdk, 'openai');
  });
});

describe('AI SDK detector', () => {
  it('finds every function with the provider of its model factory', async () => {
    const result = await scan('ai-sdk-providers');
    assert.deepEqual(
      result.callSites.map((s) => `${s.site.api}:${s.site.provider}:${s.site.operation}:${s.modelId}`),
      [
        'generateText:anthropic:generate:claude-sonnet-4-6',
        'streamText:openai:generate:gpt-5-mini',
        'generateObject:google:generate:gemini-2.5-flash',
        'streamObject:openai:generate:gpt-5',
        'generateText:anthropic:generate:claude-haiku-4-5',
        'generateText:anthropic:generate:claude-haiku-4-5',
        'embed:openai:embed:text-embedding-3-small',
        'embedMany:openai:embed:text-embedding-3-small',
      ],
    );
  });
});

describe('LangChain detector', () => {
  it('finds invoke/stream/batch, withStructuredOutput chains and class-field models', async () => {
    const result = await scan('langchain-models');
    assert.deepEqual(
      result.callSites.map((s) => `${s.site.id}|${s.site.api}|${s.site.provider}|${s.modelId}`),
      [
        'src/chains.ts#summarize#0|ChatAnthropic.invoke|anthropic|claude-sonnet-4-6',
        'src/chains.ts#streamIt#0|ChatOpenAI.stream|openai|gpt-5-mini',
        'src/chains.ts#structured#0|ChatOpenAI.withStructuredOutput.invoke|openai|gpt-5-mini',
        'src/chains.ts#many#0|ChatAnthropic.batch|anthropic|claude-sonnet-4-6',
        'src/chains.ts#Agent.run#0|ChatOpenAI.invoke|openai|gpt-5',
      ],
    );
  });
});

describe('Google Gen AI detector', () => {
  it('finds generateContent, its stream, embedContent and countTokens', async () => {
    const result = await scan('google-genai-apis');
    assert.deepEqual(apis(result), [
      'models.generateContent:generate:gemini-2.5-flash',
      'models.generateContentStream:generate:gemini-2.5-pro',
      'models.embedContent:embed:gemini-embedding-001',
      'models.countTokens:count-tokens:gemini-2.5-flash',
    ]);
    assert.ok(result.callSites.every((s) => s.site.provider === 'google'));
  });
});

describe('how code reaches a client', () => {
  const cases: Array<{ fixture: string; expect: Array<Partial<ReturnType<typeof view>>> }> = [
    { fixture: 'anthropic-aliased-import', expect: [{ id: 'src/alias.ts#label#0', client: 'sameClient', api: 'messages.create' }] },
    {
      fixture: 'anthropic-require-js',
      expect: [
        { id: 'src/legacy.js#summarize#0', sdk: 'anthropic', model: 'claude-sonnet-4-6' },
        { id: 'src/legacy.js#embed#0', sdk: 'openai', api: 'embeddings.create' },
      ],
    },
    {
      fixture: 'client-reexported-across-files',
      expect: [
        { id: 'src/use.ts#tagTicket#0', client: 'llm' },
        { id: 'src/use.ts#tagAgain#0', client: 'defaultLlm' },
      ],
    },
    { fixture: 'class-reexported-default', expect: [{ id: 'src/use.ts#classify#0', sdk: 'anthropic' }] },
    {
      fixture: 'class-field-clients',
      expect: [
        { id: 'src/services.ts#TicketService.classify#0', client: 'this.client', sdk: 'openai' },
        { id: 'src/services.ts#DigestService.digest#0', client: 'this.llm', sdk: 'anthropic' },
      ],
    },
    {
      fixture: 'parameter-typed-client',
      expect: [
        { id: 'src/injected.ts#triage#0', client: 'client', sdk: 'anthropic' },
        { id: 'src/injected.ts#Chat.reply#0', client: 'this.llm', sdk: 'openai' },
        { id: 'src/injected.ts#withDeps#0', client: 'deps.llm', sdk: 'anthropic' },
      ],
    },
    {
      fixture: 'destructured-method',
      expect: [
        { id: 'src/destructure.ts#shortAnswer#0', api: 'chat.completions.create', model: 'gpt-5-mini' },
        { id: 'src/destructure.ts#vector#0', api: 'embeddings.create', operation: 'embed' },
      ],
    },
    {
      fixture: 'factory-function-client',
      expect: [
        { id: 'src/factory.ts#local#0', api: 'chat.completions.create', model: 'qwen2.5:7b' },
        { id: 'src/factory.ts#hosted#0', api: 'responses.create', model: 'gpt-5' },
      ],
    },
    {
      fixture: 'namespace-imports',
      expect: [
        { id: 'src/ns.ts#a#0', sdk: 'anthropic' },
        { id: 'src/ns.ts#b#0', sdk: 'ai-sdk', api: 'generateText', provider: 'openai' },
      ],
    },
  ];
  for (const c of cases) {
    it(c.fixture, async () => {
      const result = await scan(c.fixture);
      assert.equal(result.callSites.length, c.expect.length, `sites: ${result.callSites.map((s) => s.site.id).join(', ')}`);
      for (const expected of c.expect) {
        const actual = view(site(result, expected.id as string));
        for (const [key, value] of Object.entries(expected)) assert.equal(actual[key as keyof typeof actual], value, `${expected.id} ${key}`);
      }
    });
  }

  it('a factory function: the detection explains the hop through the function', async () => {
    const local = site(await scan('factory-function-client'), 'src/factory.ts#local#0');
    assert.ok(local.site.detection.some((line) => line.includes('returned by `makeClient()`')), local.site.detection.join('\n'));
    assert.deepEqual(local.site.params.baseURL?.candidates.map((c) => c.value), ['http://localhost:8000/v1']);
  });
});

describe('negatives', () => {
  it('a database client, a mock object, a local fake class and a local generateText are not call sites', async () => {
    const result = await scan('negative-lookalike-objects');
    assert.deepEqual(result.callSites.map((s) => s.site.id), ['src/lookalikes.ts#run#0']);
    assert.equal(result.callSites[0].modelId, 'claude-haiku-4-5');
  });

  it('type-only imports, comments and strings mentioning SDK calls are not call sites', async () => {
    const result = await scan('negative-type-only-comments-strings');
    assert.equal(result.callSites.length, 0);
    assert.equal(result.filesWithSdkImports, 1, 'the file imports SDK types, so the pre-filter selects it');
  });
});

describe('type checker fallback', () => {
  it('finds a client only its declared type reveals when SDK types resolve, and not without them', async () => {
    const typed = createEngine({ dependencyTypes: true });
    try {
      const withTypes = await typed.scan(fixture('typed-generic-container-client'));
      const found = site(withTypes, 'src/pool.ts#ask#0');
      assert.equal(found.site.api, 'chat.completions.create');
      assert.ok(found.site.detection.some((line) => line.includes('type checker')));
      assert.deepEqual(withTypes.callSites.map((s) => s.site.id), ['src/pool.ts#ask#0'], 'a literal mock cast to OpenAI is not a call site');
    } finally {
      typed.dispose();
    }
    const untyped = await scan('typed-generic-container-client');
    assert.equal(untyped.callSites.length, 0);
  });
});

describe('observability', () => {
  it('reads served model and usage, metadata task tags and a length guard before the call', async () => {
    const result = await scan('observability-signals');
    const guarded = site(result, 'src/observed.ts#guarded#0').site.observability;
    assert.equal(guarded.readsResponseModel, true);
    assert.equal(guarded.readsUsage, true);
    assert.equal(guarded.taskTag?.how, 'request `metadata`');
    assert.equal(guarded.contextGuard?.expression, 'document.length > MAX_CHARS');
    const bare = site(result, 'src/observed.ts#unobserved#0').site.observability;
    assert.deepEqual(bare, { readsResponseModel: false, readsUsage: false });
  });
});
