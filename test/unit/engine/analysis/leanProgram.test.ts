/**
 * What enters the type checker's program (only files that can reach an SDK, no dependency or DOM
 * declarations in the lean program), that results never depend on the lean/full choice, and that
 * incremental edits see import changes and type gaps.
 */
import assert from 'node:assert/strict';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createEngine } from '../../../../src/engine/api';
import type { ScanResult } from '../../../../src/engine/api';
import { sdkPackages } from '../../../../src/engine/analysis/sdks/index';
import { WorkspaceProjects } from '../../../../src/engine/analysis/workspace';
import { scanWorkspace } from '../../../../src/engine/analysis/scanner';
import { copyToTemp, fixture, site } from './fixtures';

const engine = createEngine({ catalog: { bundledOnly: true } });
after(() => engine.dispose());

/** A copy of `client-reexported-across-files` plus a helper the client module imports and files that never reach an SDK. */
function workspaceWithUnrelatedFiles(): string {
  const dir = copyToTemp('client-reexported-across-files');
  const clients = join(dir, 'src', 'clients.ts');
  writeFileSync(clients, `import { timeoutMs } from './settings';\n${readFileSync(clients, 'utf8')}export const timeout = timeoutMs;\n`);
  writeFileSync(join(dir, 'src', 'settings.ts'), 'export const timeoutMs = 30_000;\n');
  writeFileSync(join(dir, 'src', 'math.ts'), 'export const add = (a: number, b: number) => a + b;\n');
  writeFileSync(join(dir, 'src', 'report.ts'), "import { add } from './math';\nexport const total = add(1, 2);\n");
  return dir;
}

describe('the checker program', () => {
  it('holds only the files that can reach an SDK and their imports: no unrelated file, dependency or DOM declarations', () => {
    const dir = workspaceWithUnrelatedFiles();
    const projects = new WorkspaceProjects({ sdkPackages: sdkPackages() });
    const loaded = projects.load(dir);
    const pass = scanWorkspace(loaded);
    assert.equal(pass.sites.length, 2);
    assert.deepEqual(pass.typeGaps, []);
    const inProgram = loaded.project.getProgram().compilerObject.getSourceFiles().map((f) => f.fileName);
    const workspace = inProgram.filter((name) => name.startsWith(dir)).map((name) => name.slice(dir.length + 1)).sort();
    assert.deepEqual(workspace, ['src/clients.ts', 'src/index.ts', 'src/settings.ts', 'src/use.ts']);
    assert.equal(loaded.files.length, 6, 'every file is still pre-filtered');
    assert.ok(!inProgram.some((name) => name.includes('/node_modules/@anthropic-ai/')), 'no SDK declarations');
    assert.ok(!inProgram.some((name) => name.endsWith('lib.dom.d.ts')), 'no DOM lib');
  });
});

describe('lean and full programs give the same results', () => {
  const full = createEngine({ catalog: { bundledOnly: true }, leanPrograms: false });
  after(() => full.dispose());
  const comparable = (result: ScanResult) => ({ ...result, durationMs: 0 });

  for (const name of ['typed-generic-container-client', 'resolve-union-type', 'resolve-zod-schema', 'langchain-models', 'resolve-wrapper-two-levels']) {
    it(name, async () => {
      const lean = await engine.scan(fixture(name));
      assert.deepEqual(comparable(lean), comparable(await full.scan(fixture(name))));
      assert.ok(lean.callSites.length > 0);
    });
  }

  it('a client only the type checker can see (generic container) is found: the lean pass hands over to the full program', async () => {
    const result = await engine.scan(fixture('typed-generic-container-client'));
    assert.equal(site(result, 'src/pool.ts#ask#0').site.api, 'chat.completions.create');
    assert.ok(!result.callSites.some((s) => s.site.id.startsWith('src/pool.ts#mocked')), 'the cast mock stays a mock');
  });
});

describe('incremental edits', () => {
  it('a file that starts importing the client module becomes analysed, and stops when the import goes', async () => {
    const dir = workspaceWithUnrelatedFiles();
    const local = createEngine({ catalog: { bundledOnly: true } });
    try {
      await local.scan(dir);
      const calling = "import { llm } from './clients';\nimport { add } from './math';\nexport const total = add(1, 2);\nexport function digest(t: string) {\n  return llm.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 99, messages: [{ role: 'user', content: t }] });\n}\n";
      const edited = await local.analyzeFile(dir, 'src/report.ts', calling);
      assert.deepEqual(edited.callSites.map((s) => `${s.site.id} ${s.modelId}`), ['src/report.ts#digest#0 claude-sonnet-4-6']);
      const reverted = await local.analyzeFile(dir, 'src/report.ts', "import { add } from './math';\nexport const total = add(1, 2);\n");
      assert.deepEqual(reverted.callSites, []);
    } finally {
      local.dispose();
    }
  });

  it('an edit that needs the type checker (a client in a generic container) is still found', async () => {
    const dir = copyToTemp('anthropic-aliased-import');
    // The SDK's declarations must resolve for the type checker to see through the container.
    symlinkSync(join(__dirname, '..', '..', '..', '..', 'node_modules'), join(dir, 'node_modules'), 'junction');
    const local = createEngine({ catalog: { bundledOnly: true } });
    try {
      await local.scan(dir);
      const pooled = "import Anthropic from '@anthropic-ai/sdk';\nconst pool = new Map<string, Anthropic>([['a', new Anthropic()]]);\nexport function ask(q: string) {\n  return pool.get('a')!.messages.create({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [{ role: 'user', content: q }] });\n}\n";
      const result = await local.analyzeFile(dir, 'src/alias.ts', pooled);
      assert.deepEqual(result.callSites.map((s) => s.site.id), ['src/alias.ts#ask#0']);
    } finally {
      local.dispose();
    }
  });
});
