/**
 * The analyzer on real code nobody here wrote (issue 2): third-party packages installed by
 * `npm ci` (LangChain's chat models calling the Anthropic/OpenAI SDKs through class fields, the AI
 * SDK provider packages, the SDKs' own sources) and the usage examples their maintainers ship in
 * their READMEs and docs. Each corpus is copied into a temp dir outside the repo (so module
 * resolution behaves as in a user's project) and scanned by the real engine. Every expectation
 * below comes from reading that code (file, enclosing method, API, model), not from the engine's
 * output; docs/real-world-coverage.md records what was read and what is found.
 *
 * Expectations the analyzer does not meet yet are marked `{ todo }` with the reason, so the suite
 * stays green while the gap is real and the gap stays visible in the test report.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { marked } from 'marked';
import type { Token, Tokens } from 'marked';
import { createEngine } from '../../src/engine/api';
import type { AnalyzedCallSite, CallSite, ScanResult } from '../../src/engine/api';

const repo = join(__dirname, '..', '..');
const modules = join(repo, 'node_modules');
const made: string[] = [];

after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp project dir (outside the repo), removed after the run. */
function tempProject(name: string, withNodeModules: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), `tierwise-realworld-${name}-`));
  made.push(dir);
  if (withNodeModules) symlinkSync(modules, join(dir, 'node_modules'), 'dir');
  return dir;
}

/**
 * Copies `node_modules/<pkg>/<sub>` into `<project>/lib` (without source maps). Shipped packages
 * keep their code in `dist/`, which a scan skips as build output; as `lib/` it is scanned like a
 * user's own sources, with its relative imports intact.
 */
function copyPackage(pkg: string, sub: string, project: string, keep: (path: string) => boolean = () => true): void {
  cpSync(join(modules, pkg, sub), join(project, 'lib'), { recursive: true, filter: (path) => !path.endsWith('.map') && keep(path) });
}

/** The fenced TypeScript/JavaScript code blocks of a markdown file, in order (markdown lexer, not a regex). */
function codeBlocks(markdownFile: string): Array<{ text: string; js: boolean }> {
  return codeBlocksIn(readFileSync(markdownFile, 'utf8'));
}

/**
 * The fenced code blocks of the doc comments of a declaration file (the `@example` blocks its
 * maintainers wrote), in order: each line's leading ` * ` is removed, then read as markdown.
 */
function docCommentBlocks(declarationFile: string): Array<{ text: string; js: boolean }> {
  const text = readFileSync(declarationFile, 'utf8').split('\n').map((line) => line.replace(/^\s*\*\s?/, '')).join('\n');
  return codeBlocksIn(text);
}

function codeBlocksIn(markdown: string): Array<{ text: string; js: boolean }> {
  const tokens = marked.lexer(markdown);
  const blocks: Array<{ text: string; js: boolean }> = [];
  marked.walkTokens(tokens, (token) => {
    if (!isCode(token)) return;
    const lang = (token.lang ?? '').split(/\s/)[0];
    if (['ts', 'typescript', 'tsx', 'js', 'javascript'].includes(lang)) blocks.push({ text: token.text, js: lang === 'js' || lang === 'javascript' });
  });
  return blocks;
}

function isCode(token: Token): token is Tokens.Code {
  return token.type === 'code';
}

/** Writes `files` (relative path -> text) into `project`. */
function writeFiles(project: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(project, rel)), { recursive: true });
    writeFileSync(join(project, rel), text);
  }
}

async function scan(dir: string): Promise<ScanResult> {
  const engine = createEngine({ catalog: { bundledOnly: true } });
  try {
    return await engine.scan(dir);
  } finally {
    engine.dispose();
  }
}

/** `file#enclosing#api` of a direct/wrapper record (invocations are the callers' view of the same request). */
function key(site: CallSite): string {
  return `${site.span.file}#${site.enclosing}#${site.api}`;
}

function requestSites(result: ScanResult): AnalyzedCallSite[] {
  return result.callSites.filter((a) => a.site.role !== 'invocation');
}

function keys(result: ScanResult): string[] {
  return [...new Set(requestSites(result).map((a) => key(a.site)))].sort();
}

function site(result: ScanResult, file: string, enclosing: string, api: string): CallSite {
  const found = requestSites(result).find((a) => key(a.site) === `${file}#${enclosing}#${api}`);
  assert.ok(found, `expected ${file}#${enclosing}#${api}; found:\n${keys(result).join('\n')}`);
  return found.site;
}

/** Asserts the model is unknown with a reason that does not claim the request omits it. */
function assertRuntimeModel(s: CallSite): void {
  assert.equal(s.model.status, 'unknown', `${key(s)}: model ${JSON.stringify(s.model.candidates.map((c) => c.value))}`);
  assert.equal(s.model.candidates.length, 0);
  assert.ok(s.model.unknown.length > 0, `${key(s)}: unknown model without a reason`);
  for (const u of s.model.unknown) {
    assert.doesNotMatch(u.reason, /sets no `model`/, `${key(s)}: the request object is a runtime value, yet the reason says: ${u.reason}`);
    assert.ok(u.reason.length > 10 && u.expression.length > 0, `${key(s)}: reason/expression missing`);
  }
}

function assertModel(s: CallSite, id: string): void {
  assert.equal(s.model.status, 'resolved', `${key(s)}: ${JSON.stringify(s.model.unknown)}`);
  assert.deepEqual(s.model.candidates.map((c) => c.value), [id], key(s));
}

function assertNoProblems(result: ScanResult): void {
  assert.deepEqual(result.problems.map((p) => `${p.file}: ${p.message}`), []);
}

// ---------------------------------------------------------------------------------------------
// @langchain/anthropic: ChatAnthropic calls the Anthropic SDK through `this.streamingClient` and
// `this.batchClient`, both assigned `this.createClient({...})`, where `createClient` is a class field
// assigned `fields?.createClient ?? ((options) => new Anthropic(options))` in the constructor.

const LC_ANTHROPIC_SITES = ['js', 'cjs'].flatMap((ext) => [
  `lib/chat_models.${ext}#ChatAnthropicMessages.completionWithRetry.makeCompletionRequest#beta.messages.create`,
  `lib/chat_models.${ext}#ChatAnthropicMessages.completionWithRetry.makeCompletionRequest#messages.create`,
  `lib/chat_models.${ext}#ChatAnthropicMessages.createStreamWithRetry.makeCompletionRequest#beta.messages.create`,
  `lib/chat_models.${ext}#ChatAnthropicMessages.createStreamWithRetry.makeCompletionRequest#messages.create`,
]);

for (const withNodeModules of [false, true]) {
  describe(`@langchain/anthropic dist as shipped (${withNodeModules ? 'with' : 'without'} node_modules)`, () => {
    let result: ScanResult;
    before(async () => {
      const dir = tempProject('lc-anthropic', withNodeModules);
      // Without node_modules: every file (js, cjs, d.ts). With node_modules the ESM half is enough.
      copyPackage('@langchain/anthropic', 'dist', dir, (p) => !withNodeModules || !/\.(cjs|d\.c?ts)$/.test(p));
      result = await scan(dir);
    });
    const expected = withNodeModules ? LC_ANTHROPIC_SITES.filter((k) => k.includes('.js#')) : LC_ANTHROPIC_SITES;

    it('scans without file problems', () => assertNoProblems(result));

    it('finds the Messages API requests of ChatAnthropicMessages (clients made by a factory held in a class field)', () => {
      assert.deepEqual(keys(result), [...expected].sort());
      const s = site(result, 'lib/chat_models.js', 'ChatAnthropicMessages.completionWithRetry.makeCompletionRequest', 'messages.create');
      assert.equal(s.client, 'this.batchClient');
      assert.ok(s.detection.some((line) => line.includes('returned by `this.createClient()`')), s.detection.join('\n'));
    });

    it('reports their model as unknown, naming the spreads it may come from (`this.model` reaches the request at runtime)', () => {
      for (const k of expected) {
        const [file, enclosing, api] = k.split('#');
        const s = site(result, file, enclosing, api);
        assertRuntimeModel(s);
        assert.match(s.model.unknown[0].reason, /`\.\.\.rest`/);
      }
    });

    it('reports nothing outside chat_models (tools/, utils/, output parsers, .d.ts)', () => {
      assert.deepEqual(keys(result).filter((k) => !k.startsWith('lib/chat_models.')), []);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// @langchain/openai: `this.client` is declared on BaseChatOpenAI (chat_models/base.js) and assigned
// `new OpenAI(params)` there; ChatOpenAICompletions/ChatOpenAIResponses (other files) inherit it.

const LC_OPENAI_CHAT = ['js', 'cjs'].flatMap((ext) => [
  `lib/chat_models/completions.${ext}#ChatOpenAICompletions.completionWithRetry#chat.completions.create`,
  `lib/chat_models/completions.${ext}#ChatOpenAICompletions.completionWithRetry#chat.completions.parse`,
  `lib/chat_models/responses.${ext}#ChatOpenAIResponses.completionWithRetry#responses.create`,
  `lib/chat_models/responses.${ext}#ChatOpenAIResponses.completionWithRetry#responses.parse`,
]);
const LC_OPENAI_EMBED = ['js', 'cjs'].flatMap((ext) => [
  `lib/azure/embeddings.${ext}#AzureOpenAIEmbeddings.embeddingWithRetry#embeddings.create`,
  `lib/embeddings.${ext}#OpenAIEmbeddings.embeddingWithRetry#embeddings.create`,
]);
/** The legacy Completions API (`gpt-3.5-turbo-instruct`): billed per token like chat. */
const LC_OPENAI_LEGACY = [
  'lib/llms.js#OpenAI$2.completionWithRetry#completions.create', // the bundler renamed the class `OpenAI$2` in the ESM build
  'lib/llms.cjs#OpenAI.completionWithRetry#completions.create',
];

describe('@langchain/openai dist as shipped (js, cjs and d.ts side by side)', () => {
  let result: ScanResult;
  before(async () => {
    const dir = tempProject('lc-openai', false);
    copyPackage('@langchain/openai', 'dist', dir);
    result = await scan(dir);
  });

  it('scans without file problems', () => assertNoProblems(result));

  it('finds the embeddings requests, with the model unknown for the runtime reason', () => {
    for (const k of LC_OPENAI_EMBED) {
      const [file, enclosing, api] = k.split('#');
      const s = site(result, file, enclosing, api);
      assert.equal(s.operation, 'embed');
      assert.equal(s.model.status, 'unknown');
    }
  });

  it('finds chat completions and responses calls on `this.client` inherited from BaseChatOpenAI in another file', () => {
    const found = new Set(keys(result));
    assert.deepEqual(LC_OPENAI_CHAT.filter((k) => !found.has(k)), []);
  });

  it('finds the legacy Completions API request of the `OpenAI` LLM class', () => {
    const found = new Set(keys(result));
    assert.deepEqual(LC_OPENAI_LEGACY.filter((k) => !found.has(k)), []);
    const [file, enclosing, api] = LC_OPENAI_LEGACY[0].split('#');
    assert.equal(site(result, file, enclosing, api).operation, 'generate');
  });

  it('gives the runtime reason for models that come from the caller\'s request object', () => {
    for (const k of [...LC_OPENAI_EMBED, ...LC_OPENAI_CHAT]) {
      const [file, enclosing, api] = k.split('#');
      const s = site(result, file, enclosing, api);
      assertRuntimeModel(s);
      assert.match(s.model.unknown[0].reason, /`request` is not an object Tierwise can read/);
    }
  });

  it('reports no moderation, image or tool-definition calls (not token-billed LLM requests)', () => {
    const expected = new Set([...LC_OPENAI_CHAT, ...LC_OPENAI_EMBED, ...LC_OPENAI_LEGACY]);
    assert.deepEqual(keys(result).filter((k) => !expected.has(k)), []);
    assert.ok(!result.callSites.some((a) => a.site.api.startsWith('moderations') || a.site.api.startsWith('images')));
  });
});

// ---------------------------------------------------------------------------------------------
// Usage examples from the packages' READMEs (code written by each SDK's maintainers). Only
// self-contained blocks (they import what they use) are taken; each becomes one file.

interface ReadmeCase {
  /** The markdown file under node_modules and the indexes of the code blocks taken from it. */
  markdown: string;
  blocks: number[];
  prefix: string;
}

const READMES: ReadmeCase[] = [
  { markdown: 'openai/README.md', blocks: [1, 2, 3, 4, 9, 10, 11, 21, 22], prefix: 'openai' },
  { markdown: '@google/genai/README.md', blocks: [0, 7, 8, 9, 10, 11], prefix: 'genai' },
  { markdown: '@anthropic-ai/sdk/README.md', blocks: [0], prefix: 'anthropic' },
  { markdown: '@langchain/anthropic/README.md', blocks: [0, 1, 2, 6, 7], prefix: 'lc-anthropic' },
  { markdown: 'ai/README.md', blocks: [2, 3], prefix: 'ai' },
];

/** [file, enclosing, api, model id or null (unknown)] read from each block. */
const README_SITES: Array<[string, string, string, string | null]> = [
  ['snippets/openai-1.ts', '<module>', 'responses.create', 'gpt-5.5'],
  ['snippets/openai-2.ts', '<module>', 'chat.completions.create', 'gpt-5.5'],
  ['snippets/openai-3.ts', '<module>', 'responses.create', 'gpt-5.5'],
  ['snippets/openai-4.ts', '<module>', 'chat.completions.create', 'gpt-5.5'],
  ['snippets/openai-9.ts', '<module>', 'responses.create', 'gpt-5.5'],
  ['snippets/openai-21.ts', '<module>', 'chat.completions.create', 'gpt-5.5'],
  ['snippets/openai-22.ts', '<module>', 'responses.create', 'openai.gpt-5.4'],
  ['snippets/genai-0.ts', 'main', 'models.generateContent', 'gemini-flash-latest'],
  ['snippets/genai-7.ts', 'main', 'models.generateContentStream', 'gemini-flash-latest'],
  ['snippets/genai-8.ts', 'main', 'models.generateContent', 'gemini-flash-latest'],
  ['snippets/genai-9.js', '<module>', 'models.generateContent', 'gemini-flash-latest'],
  ['snippets/genai-10.ts', 'main', 'models.generateContent', 'gemini-flash-latest'],
  ['snippets/genai-11.ts', 'main', 'models.generateContent', 'non-existent-model'],
  ['snippets/anthropic-0.js', '<module>', 'messages.create', 'claude-opus-5-5'],
  ['snippets/lc-anthropic-0.ts', '<module>', 'ChatAnthropic.invoke', null],
  ['snippets/lc-anthropic-1.ts', '<module>', 'ChatAnthropic.stream', 'claude-3-sonnet-20240229'],
  ['snippets/lc-anthropic-2.ts', '<module>', 'ChatAnthropic.bindTools.invoke', 'claude-opus-4-7'],
  ['snippets/lc-anthropic-6.ts', '<module>', 'ChatAnthropic.bindTools.invoke', 'claude-sonnet-4-5-20250929'],
  ['snippets/lc-anthropic-7.ts', '<module>', 'ChatAnthropic.invoke', 'claude-sonnet-4-5-20250929'],
  ['snippets/ai-2.ts', '<module>', 'generateText', 'openai/gpt-5.4'],
  ['snippets/ai-3.ts', '<module>', 'generateText', 'openai/gpt-5.4'],
];

function readmeFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const c of READMES) {
    const blocks = codeBlocks(join(modules, c.markdown));
    for (const index of c.blocks) {
      const block = blocks[index];
      assert.ok(block, `${c.markdown} has no code block ${index} (package upgraded? re-read the README)`);
      // A block fenced as js/javascript is a JavaScript file in a user's project.
      files[`snippets/${c.prefix}-${index}.${block.js ? 'js' : 'ts'}`] = block.text;
    }
  }
  return files;
}

describe('README examples of openai, @google/genai, @anthropic-ai/sdk, @langchain/anthropic and ai', () => {
  let result: ScanResult;
  before(async () => {
    const dir = tempProject('readmes', true);
    writeFiles(dir, readmeFiles());
    result = await scan(dir);
  });

  it('scans without file problems', () => assertNoProblems(result));

  for (const [file, enclosing, api, model] of README_SITES) {
    it(`finds ${file} ${api} with model ${model ?? 'unknown'}`, () => {
      const s = site(result, file, enclosing, api);
      if (model) assertModel(s, model);
      else {
        assert.equal(s.model.status, 'unknown');
        assert.ok(s.model.unknown[0].reason.length > 0);
      }
    });
  }

  it('reports exactly those: not files.create, webhooks, nor the same request twice', () => {
    const expected = README_SITES.map(([f, e, a]) => `${f}#${e}#${a}`).sort();
    assert.deepEqual(keys(result), [...new Set(expected)].sort());
    const genai10 = requestSites(result).filter((a) => a.site.span.file === 'snippets/genai-10.ts');
    assert.equal(genai10.length, 2, 'two requests in genai-10');
  });

  it('gives providers from the client, the factory or the gateway prefix', () => {
    const provider = (file: string) => requestSites(result).find((a) => a.site.span.file === file)?.site.provider;
    assert.equal(provider('snippets/openai-21.ts'), 'openai');
    assert.equal(provider('snippets/genai-0.ts'), 'google');
    assert.equal(provider('snippets/anthropic-0.js'), 'anthropic');
    assert.equal(provider('snippets/lc-anthropic-1.ts'), 'anthropic');
    assert.equal(provider('snippets/ai-2.ts'), 'openai');
  });

  it('reads what each example asks for: streaming, tools and structured output', () => {
    assert.equal(site(result, 'snippets/openai-9.ts', '<module>', 'responses.create').params.stream, true);
    assert.equal(site(result, 'snippets/genai-7.ts', 'main', 'models.generateContentStream').params.stream, true);
    assert.ok(site(result, 'snippets/ai-3.ts', '<module>', 'generateText').params.structuredOutput, 'Output.object({ schema })');
  });
});

// ---------------------------------------------------------------------------------------------
// LangSmith's README: clients wrapped for tracing (`wrapOpenAI(new OpenAI())`, `wrapSDK(anthropic)`).
// The wrapper returns the same client (typed `PatchedOpenAIClient<T>`), so the requests are LLM calls.

describe('langsmith README: wrapped clients', () => {
  let result: ScanResult;
  before(async () => {
    const dir = tempProject('langsmith', true);
    const blocks = codeBlocks(join(modules, 'langsmith/README.md'));
    assert.match(blocks[2].text, /wrapOpenAI\(new OpenAI\(\)\)/, 'langsmith README changed: re-read it');
    assert.match(blocks[7].text, /wrapSDK\(originalSDK\)/, 'langsmith README changed: re-read it');
    writeFiles(dir, { 'snippets/langsmith-2.ts': blocks[2].text, 'snippets/langsmith-7.ts': blocks[7].text });
    result = await scan(dir);
  });

  it('scans without file problems', () => assertNoProblems(result));

  it('finds the request through `wrapSDK(client)` (declared to return its argument type, so the type checker sees the client)', () => {
    assertModel(site(result, 'snippets/langsmith-7.ts', '<module>', 'messages.create'), 'claude-3-sonnet-20240229');
    assert.deepEqual(keys(result).filter((k) => !k.startsWith('snippets/langsmith-2.ts')), ['snippets/langsmith-7.ts#<module>#messages.create']);
  });

  it('finds the request through `wrapOpenAI(new OpenAI())` (declared to return `PatchedOpenAIClient<T>`, an alias of `T & {...}`)', () => {
    const s = site(result, 'snippets/langsmith-2.ts', '<module>', 'chat.completions.create');
    assertModel(s, 'gpt-5.4');
    assert.ok(s.detection.some((line) => line.startsWith('passed through `wrapOpenAI(...)`')), s.detection.join('\n'));
    assert.deepEqual(keys(result), ['snippets/langsmith-2.ts#<module>#chat.completions.create', 'snippets/langsmith-7.ts#<module>#messages.create']);
  });
});

// ---------------------------------------------------------------------------------------------
// LangSmith's other wrappers, from the `@example` blocks of their own declarations: each is declared
// to return its argument's type (`PatchedAnthropicClient<T>` = `T & {...}`, `PatchedGeminiClient<T>`,
// `wrapAISDK: <T>(ai: T) => T`), so the request on the wrapped client or function is an LLM call.

describe('langsmith wrapper examples in its declarations (wrapOpenAI, wrapAnthropic, wrapGemini, wrapAISDK)', () => {
  let result: ScanResult;
  before(async () => {
    const dir = tempProject('langsmith-docs', true);
    const example = (rel: string, index: number) => docCommentBlocks(join(modules, 'langsmith', rel))[index].text;
    const files = {
      'examples/wrap-openai.ts': example('lib/wrappers/openai.d.ts', 0),
      'examples/wrap-anthropic.ts': example('lib/wrappers/anthropic.d.ts', 0),
      'examples/wrap-gemini.ts': example('lib/wrappers/gemini.d.ts', 0),
      'examples/wrap-ai-sdk-0.ts': example('lib/experimental/vercel/wrap.d.ts', 0),
      'examples/wrap-ai-sdk-3.ts': example('lib/experimental/vercel/wrap.d.ts', 3),
    };
    assert.match(files['examples/wrap-openai.ts'], /wrapOpenAI\(new OpenAI\(\)\)/, 'langsmith openai.d.ts example changed: re-read it');
    assert.match(files['examples/wrap-anthropic.ts'], /wrapAnthropic\(new Anthropic\(\)\)/, 'langsmith anthropic.d.ts example changed: re-read it');
    assert.match(files['examples/wrap-gemini.ts'], /wrapGemini\(client/, 'langsmith gemini.d.ts example changed: re-read it');
    assert.match(files['examples/wrap-ai-sdk-0.ts'], /const \{ generateText \} = wrapAISDK\(ai\)/, 'langsmith wrap.d.ts example changed: re-read it');
    writeFiles(dir, files);
    result = await scan(dir);
  });

  it('scans without file problems', () => assertNoProblems(result));

  it('finds every request on a wrapped client or wrapped AI SDK function, and nothing else', () => {
    assert.deepEqual(keys(result), [
      'examples/wrap-ai-sdk-0.ts#<module>#generateText',
      'examples/wrap-ai-sdk-3.ts#<module>#generateText',
      'examples/wrap-anthropic.ts#<module>#messages.create',
      'examples/wrap-anthropic.ts#<module>#messages.stream',
      'examples/wrap-gemini.ts#<module>#models.generateContent',
      'examples/wrap-openai.ts#<module>#chat.completions.create',
    ]);
  });

  it('reads the model and parameters of each request as written in the example', () => {
    const openai = site(result, 'examples/wrap-openai.ts', '<module>', 'chat.completions.create');
    assertModel(openai, 'gpt-4.1-mini');
    assert.equal(openai.params.stream, true);
    assertModel(site(result, 'examples/wrap-anthropic.ts', '<module>', 'messages.create'), 'claude-sonnet-4-20250514');
    assertModel(site(result, 'examples/wrap-anthropic.ts', '<module>', 'messages.stream'), 'claude-sonnet-4-20250514');
    assertModel(site(result, 'examples/wrap-gemini.ts', '<module>', 'models.generateContent'), 'gemini-2.0-flash-exp');
    const ai = site(result, 'examples/wrap-ai-sdk-0.ts', '<module>', 'generateText');
    assertModel(ai, 'gpt-5-nano');
    assert.equal(ai.provider, 'openai');
    for (const s of [openai, ai]) assert.ok(s.detection.some((line) => line.startsWith('passed through `wrap')), s.detection.join('\n'));
  });
});

// ---------------------------------------------------------------------------------------------
// LangChain chains: the @langchain/core README example (`prompt.pipe(model).pipe(outputParser)`, then
// `chain.stream(...)`) and the `@example` blocks of RunnableSequence, RunnableMap and
// StringOutputParser in @langchain/core's declarations. Those blocks use the classes without
// importing them (the docs assume the imports); the imports they need are prepended. The other
// runnable examples in base.d.ts compose lambdas only (RunnableLambda, RunnableEach, RunnableRetry,
// RunnableWithFallbacks, RunnableAssign, RunnablePick): chains without a model, so no call site.

const LC_IMPORTS = [
  "import { PromptTemplate } from '@langchain/core/prompts';",
  "import { RunnableMap, RunnableSequence } from '@langchain/core/runnables';",
  "import { StringOutputParser } from '@langchain/core/output_parsers';",
  "import { ChatOpenAI } from '@langchain/openai';",
  "import { ChatAnthropic } from '@langchain/anthropic';",
  '',
].join('\n');

describe('LangChain chain examples (@langchain/core README and declarations)', () => {
  let result: ScanResult;
  before(async () => {
    const dir = tempProject('lc-chains', true);
    const readme = codeBlocks(join(modules, '@langchain/core/README.md')).find((b) => b.text.includes('.pipe('));
    assert.ok(readme, '@langchain/core README has no pipe example: re-read it');
    const runnables = docCommentBlocks(join(modules, '@langchain/core/dist/runnables/base.d.ts'));
    const parser = docCommentBlocks(join(modules, '@langchain/core/dist/output_parsers/string.d.ts'));
    assert.match(runnables[4].text, /RunnableSequence\.from\(\[promptTemplate, new ChatOpenAI/, 'base.d.ts block 4 changed: re-read it');
    assert.match(runnables[5].text, /RunnableMap\.from\(/, 'base.d.ts block 5 changed: re-read it');
    const lambdaOnly = [0, 1, 2, 3, 6, 7, 8, 9, 10];
    for (const index of lambdaOnly) assert.doesNotMatch(runnables[index].text, /Chat(OpenAI|Anthropic)/, `base.d.ts block ${index} now has a model: re-read it`);
    writeFiles(dir, {
      'chains/readme.ts': readme.text,
      'chains/sequence.ts': LC_IMPORTS + runnables[4].text,
      'chains/map.ts': LC_IMPORTS + runnables[5].text,
      'chains/parser.ts': LC_IMPORTS + parser[0].text,
      ...Object.fromEntries(lambdaOnly.map((index) => [`chains/lambda-${index}.ts`, runnables[index].text])),
    });
    result = await scan(dir);
  });

  it('scans without file problems', () => assertNoProblems(result));

  it('finds each chain run with a model step, and no chain of lambdas', () => {
    assert.deepEqual(keys(result), [
      'chains/map.ts#<module>#chain(ChatAnthropic, ChatAnthropic).invoke',
      'chains/parser.ts#<module>#chain(ChatOpenAI).invoke',
      'chains/readme.ts#<module>#chain(ChatOpenAI).stream',
      'chains/sequence.ts#<module>#chain(ChatOpenAI).invoke',
    ]);
  });

  it('reads the model from the chat model step and fills the prompt template from the literal input', () => {
    const readme = site(result, 'chains/readme.ts', '<module>', 'chain(ChatOpenAI).stream');
    assertModel(readme, 'gpt-4o-mini');
    assert.equal(readme.provider, 'openai');
    assert.equal(readme.params.stream, true);
    assert.equal(readme.params.temperature, 0.8);
    assert.equal(promptText(readme), 'user: Answer the following question to the best of your ability:\nWhy is the sky blue?');
    for (const file of ['chains/sequence.ts', 'chains/parser.ts']) {
      const s = site(result, file, '<module>', 'chain(ChatOpenAI).invoke');
      assertModel(s, 'gpt-4o-mini');
      assert.equal(promptText(s), 'user: Tell me a joke about bears');
    }
  });

  it('reports the two model steps of the RunnableMap example as two requests, each with its own prompt', () => {
    const steps = requestSites(result).filter((a) => a.site.span.file === 'chains/map.ts');
    assert.deepEqual(steps.map((a) => promptText(a.site)), ['user: Tell me a joke about bear', 'user: write a 2-line poem about bear']);
    // `new ChatAnthropic({})` names no model: the library default applies, which Tierwise does not guess.
    for (const a of steps) assert.equal(a.site.model.status, 'unknown');
  });
});

function promptText(s: CallSite): string {
  return s.prompt.parts.map((p) => `${p.role}: ${p.segments.map((g) => (g.kind === 'text' ? g.text : `{${g.name}}`)).join('')}`).join(' | ');
}

// ---------------------------------------------------------------------------------------------
// @google/genai Interactions API (README "Interactions" section). Its blocks use the client `ai`
// the README's Quickstart creates; that setup is prepended (block 15 starts with a Python line,
// `import base64`, and is left out).

const GENAI_SETUP = "import { GoogleGenAI } from '@google/genai';\nconst GEMINI_API_KEY = process.env.GEMINI_API_KEY;\nconst ai = new GoogleGenAI({ apiKey: GEMINI_API_KEY });\n";

describe('@google/genai README: Interactions API', () => {
  let result: ScanResult;
  const blocks = [12, 13, 14, 16, 17, 18, 19];
  before(async () => {
    const dir = tempProject('genai-interactions', true);
    const all = codeBlocks(join(modules, '@google/genai/README.md'));
    for (const index of blocks) assert.match(all[index].text, /ai\.interactions\.create\(/, `@google/genai README block ${index} changed: re-read it`);
    writeFiles(dir, Object.fromEntries(blocks.map((index) => [`snippets/interactions-${index}.ts`, GENAI_SETUP + all[index].text])));
    result = await scan(dir);
  });

  it('scans without file problems', () => assertNoProblems(result));

  it('finds every interactions.create, and not interactions.get', () => {
    const perFile = (index: number) => requestSites(result).filter((a) => a.site.span.file === `snippets/interactions-${index}.ts`);
    assert.deepEqual(blocks.map((index) => perFile(index).length), [1, 2, 1, 2, 1, 1, 1]);
    assert.ok(requestSites(result).every((a) => a.site.api === 'interactions.create' && a.site.provider === 'google'));
  });

  it('reads model, input and tools; a continued interaction says the earlier turns are input too', () => {
    const basic = site(result, 'snippets/interactions-12.ts', '<module>', 'interactions.create');
    assertModel(basic, 'gemini-flash-latest');
    assert.equal(promptText(basic), 'user: Hello, how are you?');
    const [first, second] = requestSites(result).filter((a) => a.site.span.file === 'snippets/interactions-13.ts').map((a) => a.site);
    assert.equal(promptText(first), 'user: Hi, my name is Amir.');
    assert.equal(first.prompt.unknown.length, 0);
    assert.equal(promptText(second), 'user: What is my name?');
    assert.match(second.prompt.unknown[0]?.reason ?? '', /earlier turns of interaction `interaction1\.id` are kept by the server/);
    assert.equal(site(result, 'snippets/interactions-17.ts', '<module>', 'interactions.create').params.tools?.count, 1);
    assertModel(site(result, 'snippets/interactions-19.ts', '<module>', 'interactions.create'), 'gemini-3-pro-image-preview');
  });

  it('reports the Deep Research agent interaction with an unknown model and says the agent loops on the server', () => {
    const agent = site(result, 'snippets/interactions-14.ts', '<module>', 'interactions.create');
    assert.equal(agent.model.status, 'unknown');
    assert.match(agent.model.unknown[0].reason, /agent interaction \(`agent: 'deep-research-pro-preview-12-2025'`\)/);
    assert.ok(agent.detection.some((line) => line.includes('the server runs the agent loop')), agent.detection.join('\n'));
  });
});

// ---------------------------------------------------------------------------------------------
// Anthropic tool runner: the `@example` of `mcpTool` in @anthropic-ai/sdk/helpers/beta/mcp.d.ts
// (`anthropic.beta.messages.toolRunner({...})` with MCP tools).

describe('@anthropic-ai/sdk tool runner example (helpers/beta/mcp.d.ts)', () => {
  let result: ScanResult;
  before(async () => {
    const dir = tempProject('anthropic-tool-runner', true);
    const block = docCommentBlocks(join(modules, '@anthropic-ai/sdk/helpers/beta/mcp.d.ts'))[0].text;
    assert.match(block, /anthropic\.beta\.messages\.toolRunner\(/, 'mcp.d.ts example 0 changed: re-read it');
    writeFiles(dir, { 'agents/mcp.ts': block });
    result = await scan(dir);
  });

  it('scans without file problems', () => assertNoProblems(result));

  it('finds the tool runner as one call site read like messages.create, marked as an agent loop', () => {
    assert.deepEqual(keys(result), ['agents/mcp.ts#<module>#beta.messages.toolRunner']);
    const s = site(result, 'agents/mcp.ts', '<module>', 'beta.messages.toolRunner');
    assertModel(s, 'claude-sonnet-4-20250514');
    assert.deepEqual(s.params.maxTokens?.candidates.map((c) => c.value), [1024]);
    assert.equal(promptText(s), 'user: Use the available tools');
    assert.ok(s.params.tools, 'the tools option is read');
    assert.ok(s.detection.some((line) => /several model steps/.test(line) && /until the model stops calling tools/.test(line)), s.detection.join('\n'));
  });
});

// ---------------------------------------------------------------------------------------------
// AI SDK agents (docs/03-agents/02-building-agents.mdx, block 7). The docs site substitutes
// `__PROVIDER_IMPORT__` / `__MODEL__`; we substitute the Anthropic provider the same way.

describe('AI SDK ToolLoopAgent example from the ai docs', () => {
  let result: ScanResult;
  before(async () => {
    const dir = tempProject('ai-agent', true);
    const block = codeBlocks(join(modules, 'ai/docs/03-agents/02-building-agents.mdx'))[7].text;
    assert.match(block, /analysisAgent\.generate\(/, 'docs block 7 changed: re-read it');
    const text = block.replace('__PROVIDER_IMPORT__', "import { anthropic } from '@ai-sdk/anthropic'").replace('__MODEL__', "anthropic('claude-haiku-4-5')");
    writeFiles(dir, { 'agents/analysis.ts': text });
    result = await scan(dir);
  });

  it('scans without file problems', () => assertNoProblems(result));

  it('finds the agent run `analysisAgent.generate(...)` with the model and output schema of its constructor and the prompt of the run', () => {
    assert.deepEqual(keys(result), ['agents/analysis.ts#<module>#ToolLoopAgent.generate']);
    const s = site(result, 'agents/analysis.ts', '<module>', 'ToolLoopAgent.generate');
    assertModel(s, 'claude-haiku-4-5');
    assert.equal(s.provider, 'anthropic');
    assert.deepEqual(s.params.structuredOutput?.labels, ['positive', 'neutral', 'negative']);
    const text = s.prompt.parts.flatMap((p) => p.segments).map((seg) => (seg.kind === 'text' ? seg.text : '')).join('');
    assert.match(text, /Analyze customer feedback from the last quarter/);
  });
});

// ---------------------------------------------------------------------------------------------
// Negative corpora: code that implements the SDKs (resource classes defining `create`, provider
// packages calling `fetch`, the AI SDK's own `generateText`) is not an application's LLM call.

const NEGATIVES: Array<{ pkg: string; sub: string; why: string; keep?: (path: string) => boolean }> = [
  { pkg: '@ai-sdk/anthropic', sub: 'src', why: 'a provider package: builds HTTP requests and calls fetch' },
  { pkg: '@ai-sdk/openai', sub: 'src', why: 'a provider package: builds HTTP requests and calls fetch' },
  { pkg: 'ai', sub: 'src', why: "the AI SDK's own implementation of generateText/streamText/agents", keep: (p) => !p.includes('/src/ui') },
  { pkg: '@anthropic-ai/sdk', sub: 'src', why: 'the SDK itself: resource classes define messages.create' },
  { pkg: 'openai', sub: 'src', why: 'the SDK itself: resource classes define chat.completions.create' },
  { pkg: '@anthropic-ai/sdk', sub: '.', why: 'the compiled SDK with its .d.ts/.d.mts declarations', keep: (p) => !p.includes('/src') },
];

describe('negative corpora: SDK and provider implementations report no call sites', () => {
  for (const n of NEGATIVES) {
    it(`${n.pkg}/${n.sub}: ${n.why}`, async () => {
      const dir = tempProject('negative', false);
      copyPackage(n.pkg, n.sub, dir, n.keep);
      assert.ok(existsSync(join(dir, 'lib')));
      const result = await scan(dir);
      assert.ok(result.filesScanned > 20, `${n.pkg}: ${result.filesScanned} files scanned`);
      assert.deepEqual(keys(result), []);
      assertNoProblems(result);
    });
  }
});
