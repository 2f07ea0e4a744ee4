/**
 * The scanner's workspace behaviour: projects without node_modules, stable ids across edits,
 * syntax errors, skipped and git-ignored directories, incremental analysis with unsaved buffers,
 * and clear errors for a missing directory.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createEngine, isTierwiseError } from '../../../../src/engine/api';
import { copyToTemp, fixture, site } from './fixtures';

const engine = createEngine({ dependencyTypes: false });
after(() => engine.dispose());

describe('projects without node_modules', () => {
  for (const name of ['client-reexported-across-files', 'parameter-typed-client', 'destructured-method', 'langchain-models', 'ai-sdk-providers']) {
    it(`${name}: same call sites through import tracing as in the repository (where SDK types resolve)`, async () => {
      const typed = createEngine({ dependencyTypes: true });
      try {
        const inRepo = await typed.scan(fixture(name));
        const outside = await typed.scan(copyToTemp(name));
        const shape = (r: typeof inRepo) => r.callSites.map((s) => `${s.site.id} ${s.site.api} ${s.site.provider} ${s.modelId}`);
        assert.ok(inRepo.callSites.length > 0);
        assert.deepEqual(shape(outside), shape(inRepo));
      } finally {
        typed.dispose();
      }
    });
  }
});

describe('stable ids', () => {
  it('an id survives lines added above and another function added before it', async () => {
    const dir = copyToTemp('anthropic-all-apis');
    const file = join(dir, 'src', 'claude.ts');
    const before = await engine.scan(dir);
    const ids = before.callSites.map((s) => s.site.id);
    const original = readFileSync(file, 'utf8');
    const edited = original.replace(
      'const client = new Anthropic();',
      `// a comment\n\n\nconst client = new Anthropic();\n\nexport async function brandNew(q: string) {\n  return client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 1, messages: [{ role: 'user', content: q }] });\n}\n`,
    );
    writeFileSync(file, edited);
    const afterEdit = await engine.scan(dir);
    const ask = site(afterEdit, 'src/claude.ts#ask#0');
    assert.equal(ask.site.span.start.line, site(before, 'src/claude.ts#ask#0').site.span.start.line + 8, 'the call moved down');
    for (const id of ids) site(afterEdit, id);
    assert.equal(afterEdit.callSites.length, ids.length + 1);
    site(afterEdit, 'src/claude.ts#brandNew#0');
  });

  it('two calls in one function get ordinals 0 and 1 in source order', async () => {
    const dir = copyToTemp('anthropic-aliased-import');
    const file = join(dir, 'src', 'alias.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace('return sameClient', "await sameClient.messages.create({ model: 'claude-opus-4-7', max_tokens: 1, messages: [] });\n  return sameClient"));
    const result = await engine.scan(dir);
    assert.equal(site(result, 'src/alias.ts#label#0').modelId, 'claude-opus-4-7');
    assert.equal(site(result, 'src/alias.ts#label#1').modelId, 'claude-haiku-4-5');
  });
});

describe('bad input', () => {
  it('a syntax error is a problem with its position; the file and the rest of the workspace are still analysed', async () => {
    const result = await engine.scan(fixture('syntax-error-file'));
    const problem = result.problems.find((p) => p.file === 'src/broken.ts');
    assert.ok(problem, JSON.stringify(result.problems));
    assert.equal(problem.severity, 'error');
    assert.match(problem.message, /cannot parse/);
    assert.deepEqual(problem.position, { line: 5, character: 17 });
    assert.ok(problem.fix);
    site(result, 'src/fine.ts#fine#0');
    site(result, 'src/broken.ts#broken#0');
  });

  it('a missing directory is a TierwiseError naming the path and the fix', async () => {
    await assert.rejects(engine.scan('/nonexistent/tierwise-project'), (error: unknown) => {
      assert.ok(isTierwiseError(error));
      assert.match(error.toUserString(), /\/nonexistent\/tierwise-project/);
      assert.match(error.fix, /existing project directory/);
      return true;
    });
  });

  it('an invalid tsconfig.json is a warning naming the file; the scan falls back to defaults', async () => {
    const dir = copyToTemp('anthropic-aliased-import');
    writeFileSync(join(dir, 'tsconfig.json'), '{ "compilerOptions": { "target": "ES2099" } }');
    const result = await engine.scan(dir);
    assert.ok(result.problems.some((p) => p.file === 'tsconfig.json'), JSON.stringify(result.problems));
    site(result, 'src/alias.ts#label#0');
  });
});

describe('progress and cancellation', () => {
  it('reports progress per file and stops when the signal is aborted', async () => {
    const seen: string[] = [];
    await engine.scan(fixture('client-reexported-across-files'), { onProgress: (done, total, file) => seen.push(`${done}/${total} ${file}`) });
    assert.deepEqual(seen, ['0/3 src/clients.ts', '1/3 src/index.ts', '2/3 src/use.ts', '3/3 ']);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(engine.scan(fixture('client-reexported-across-files'), { signal: controller.signal }), { name: 'AbortError' });
  });
});

describe('file discovery', () => {
  it('skips node_modules, build output and git-ignored files; honours tsconfig include', async () => {
    const dir = copyToTemp('anthropic-aliased-import');
    const call = readFileSync(join(dir, 'src', 'alias.ts'), 'utf8');
    for (const sub of ['dist', 'build', 'out', 'coverage', 'node_modules/some-lib', 'generated', 'scripts']) {
      mkdirSync(join(dir, sub), { recursive: true });
      writeFileSync(join(dir, sub, 'copy.ts'), call);
    }
    writeFileSync(join(dir, '.gitignore'), 'generated/\n');
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const result = await engine.scan(dir);
    assert.deepEqual(result.callSites.map((s) => s.site.span.file).sort(), ['scripts/copy.ts', 'src/alias.ts']);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true }, include: ['src/**/*.ts'] }));
    const narrowed = await engine.scan(dir);
    assert.deepEqual(narrowed.callSites.map((s) => s.site.span.file), ['src/alias.ts']);
  });
});

describe('incremental analysis', () => {
  it('analyzeFile uses the unsaved buffer and reports only the affected files', async () => {
    const dir = copyToTemp('client-reexported-across-files');
    await engine.scan(dir);
    const unsaved = `import { llm } from './index';\n\nexport async function only(body: string) {\n  return llm.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 10, messages: [{ role: 'user', content: body }] });\n}\n`;
    const edited = await engine.analyzeFile(dir, 'src/use.ts', unsaved);
    assert.deepEqual(edited.callSites.map((s) => `${s.site.id} ${s.modelId}`), ['src/use.ts#only#0 claude-sonnet-4-6']);
    const scanned = await engine.scan(dir);
    assert.ok(scanned.callSites.some((s) => s.site.id === 'src/use.ts#only#0'), 'the overlay stays until cleared');
    const cleared = await engine.analyzeFile(dir, 'src/use.ts', undefined);
    assert.deepEqual(cleared.callSites.map((s) => s.site.id), ['src/use.ts#tagTicket#0', 'src/use.ts#tagAgain#0']);
  });

  it('editing the module that constructs the client re-analyses the files using it', async () => {
    const dir = copyToTemp('client-reexported-across-files');
    await engine.scan(dir);
    const notAClient = 'export const llm = { messages: { create: async (_: unknown) => null } };\n';
    const result = await engine.analyzeFile(dir, 'src/clients.ts', notAClient);
    assert.deepEqual(result.callSites, [], 'llm is no longer an SDK client, so use.ts has no call sites');
  });
});
