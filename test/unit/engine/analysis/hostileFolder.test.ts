/**
 * A folder being analysed is untrusted (docs/attacks.md, issue 17 items 1, 4, 5): nothing in it runs
 * (no `git` with its planted config), nothing in it hangs or exhausts the scan (symlink loops,
 * /dev/zero, named pipes, minified bundles, huge files), links out of it are not followed, and
 * every file left out is reported with the reason.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createEngine } from '../../../../src/engine/api';
import type { ScanResult } from '../../../../src/engine/api';

const engine = createEngine({ dependencyTypes: false });
after(() => engine.dispose());

const CALL = `import OpenAI from 'openai';
const client = new OpenAI();
export async function ask(q: string) {
  return client.chat.completions.create({ model: 'gpt-5-mini', messages: [{ role: 'user', content: q }] });
}
`;

function project(files: Record<string, string> = { 'src/ask.ts': CALL }): string {
  const root = mkdtempSync(join(tmpdir(), 'tierwise-hostile-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

const ids = (result: ScanResult) => result.callSites.map((s) => s.site.id);
const skippedNote = (result: ScanResult, file: string) => result.problems.find((p) => p.file === file && /skipped/.test(p.message));

describe('nothing in the folder runs', () => {
  it('a core.fsmonitor command planted in .git/config is not executed by a scan; .gitignore is still honoured', async () => {
    const root = project({ 'src/ask.ts': CALL, 'generated/copy.ts': CALL, '.gitignore': 'generated/\n' });
    execFileSync('git', ['init', '-q'], { cwd: root });
    const marker = join(root, 'pwned');
    execFileSync('git', ['config', 'core.fsmonitor', `touch ${marker}; false`], { cwd: root });
    const result = await engine.scan(root);
    assert.equal(existsSync(marker), false, 'the planted fsmonitor command ran');
    assert.deepEqual(ids(result), ['src/ask.ts#ask#0'], 'git-ignored generated/ is skipped');
  });

  it('nested .gitignore files, negations and .git/info/exclude apply like git applies them', async () => {
    const root = project({
      'src/ask.ts': CALL,
      'src/tmp/scratch.ts': CALL,
      'src/keep/a.ts': CALL,
      'src/keep/b.ts': CALL,
      'local/secret.ts': CALL,
      'src/.gitignore': 'tmp/\nkeep/*.ts\n!keep/b.ts\n',
    });
    execFileSync('git', ['init', '-q'], { cwd: root });
    writeFileSync(join(root, '.git', 'info', 'exclude'), 'local/\n');
    const result = await engine.scan(root);
    assert.deepEqual(ids(result).sort(), ['src/ask.ts#ask#0', 'src/keep/b.ts#ask#0']);
  });
});

describe('nothing in the folder hangs or exhausts the scan', () => {
  it('a symlink loop is walked once: each call reported once, the loop reported as skipped', { timeout: 60_000 }, async () => {
    const root = project();
    symlinkSync('..', join(root, 'src', 'l'));
    symlinkSync('../src', join(root, 'src', 'again'));
    const result = await engine.scan(root);
    assert.deepEqual(ids(result), ['src/ask.ts#ask#0']);
    assert.ok(skippedNote(result, 'src/l'), JSON.stringify(result.problems));
  });

  it('two nested symlink loops end promptly', { timeout: 60_000 }, async () => {
    const root = project();
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    symlinkSync('../..', join(root, 'a', 'b', 'up'));
    symlinkSync('..', join(root, 'a', 'loop'));
    const result = await engine.scan(root);
    assert.deepEqual(ids(result), ['src/ask.ts#ask#0']);
  });

  it('/dev/zero linked as zero.ts and a named pipe pipe.ts are skipped without being read, and reported', { timeout: 60_000 }, async () => {
    const root = project();
    symlinkSync('/dev/zero', join(root, 'src', 'zero.ts'));
    execFileSync('mkfifo', [join(root, 'src', 'pipe.ts')]);
    const result = await engine.scan(root);
    assert.deepEqual(ids(result), ['src/ask.ts#ask#0']);
    assert.match(skippedNote(result, 'src/zero.ts')?.message ?? '', /not a regular file/);
    assert.match(skippedNote(result, 'src/pipe.ts')?.message ?? '', /not a regular file/);
  });

  it('a tsconfig.json that is a named pipe does not hang the scan', { timeout: 60_000 }, async () => {
    const root = project();
    execFileSync('mkfifo', [join(root, 'tsconfig.json')]);
    const result = await engine.scan(root);
    assert.deepEqual(ids(result), ['src/ask.ts#ask#0']);
  });

  it('a tsconfig that lists a link to a file outside the project does not read it', { timeout: 60_000 }, async () => {
    const outside = project({ 'secret.ts': CALL.replace('ask', 'leak') });
    const root = project({ 'src/ask.ts': CALL, 'tsconfig.json': JSON.stringify({ compilerOptions: { allowJs: true }, include: ['src'] }) });
    symlinkSync(join(outside, 'secret.ts'), join(root, 'src', 'linked.ts'));
    const result = await engine.scan(root);
    assert.deepEqual(ids(result), ['src/ask.ts#ask#0']);
    assert.match(skippedNote(result, 'src/linked.ts')?.message ?? '', /outside the project/);
  });

  it('a minified bundle is skipped (and said so) instead of taking minutes', { timeout: 60_000 }, async () => {
    const body = Array.from({ length: 6000 }, (_, i) => `var a${i}=function(x){return x+${i}}`).join(';');
    const root = project({ 'src/ask.ts': CALL, 'public/bundle.js': `${CALL.split('\n').join(';')};${body}` });
    const result = await engine.scan(root);
    assert.deepEqual(ids(result), ['src/ask.ts#ask#0']);
    assert.match(skippedNote(result, 'public/bundle.js')?.message ?? '', /minified/);
  });

  it('a source file above the 2 MiB cap is skipped and reported', { timeout: 60_000 }, async () => {
    const root = project({ 'src/ask.ts': CALL, 'src/huge.ts': `${CALL}\n${'// filler line of a generated file\n'.repeat(70_000)}` });
    const result = await engine.scan(root);
    assert.deepEqual(ids(result), ['src/ask.ts#ask#0']);
    assert.match(skippedNote(result, 'src/huge.ts')?.message ?? '', /larger than the 2 MiB limit/);
  });

  it('a prompt file the code reads is not read through a link out of the project', async () => {
    const outside = project({ 'secret.md': 'TOP-SECRET-PROMPT-TEXT' });
    const code = `import OpenAI from 'openai';
import { readFileSync } from 'node:fs';
const client = new OpenAI();
const system = readFileSync('prompts/system.md', 'utf8');
export async function ask(q: string) {
  return client.chat.completions.create({ model: 'gpt-5-mini', messages: [{ role: 'system', content: system }, { role: 'user', content: q }] });
}
`;
    const root = project({ 'src/ask.ts': code });
    mkdirSync(join(root, 'prompts'));
    symlinkSync(join(outside, 'secret.md'), join(root, 'prompts', 'system.md'));
    const result = await engine.scan(root);
    assert.equal(result.callSites.length, 1);
    assert.ok(!JSON.stringify(result).includes('TOP-SECRET-PROMPT-TEXT'), 'the linked file outside the project was read');
  });
});
