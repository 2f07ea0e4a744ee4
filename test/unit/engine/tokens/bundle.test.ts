import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { build } from 'esbuild';
import { get_encoding } from 'tiktoken';

const root = resolve(__dirname, '../../../..');
const TEXT = 'Summarize the customer thread for the next agent: what was asked, what was tried, what is open.';

/**
 * The CLI and extension are esbuild bundles: the counter must work from a bundle placed away from
 * node_modules, with tiktoken's WASM next to it (scripts/build.mjs copies it into dist/).
 */
describe('token counting from an esbuild bundle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tierwise-bundle-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('counts with both backends from a temp dir that has only the bundle and tiktoken_bg.wasm', async () => {
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      `import { createTokenCounter } from ${JSON.stringify(join(root, 'src/engine/tokens/counter'))};
const text = ${JSON.stringify(TEXT)};
const fast = createTokenCounter();
const wasm = createTokenCounter({ backend: 'tiktoken' });
process.stdout.write(JSON.stringify({
  fast: fast.count(text, 'gpt-4o', 'openai').tokens,
  wasm: wasm.count(text, 'gpt-4o', 'openai').tokens,
  cl100k: wasm.count(text, 'gpt-4', 'openai').tokens,
}));
wasm.dispose();
`,
    );
    await build({ entryPoints: [entry], outfile: join(dir, 'out', 'cli.js'), bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error', absWorkingDir: root });
    copyFileSync(require.resolve('tiktoken/tiktoken_bg.wasm'), join(dir, 'out', 'tiktoken_bg.wasm'));
    rmSync(entry);
    const output = execFileSync(process.execPath, [join(dir, 'out', 'cli.js')], { cwd: dir, encoding: 'utf8' });
    const counts = JSON.parse(output) as { fast: number; wasm: number; cl100k: number };
    const o200k = get_encoding('o200k_base');
    const cl100k = get_encoding('cl100k_base');
    try {
      assert.equal(counts.fast, o200k.encode(TEXT, [], []).length);
      assert.equal(counts.wasm, counts.fast);
      assert.equal(counts.cl100k, cl100k.encode(TEXT, [], []).length);
    } finally {
      o200k.free();
      cl100k.free();
    }
  });

  it('fails loudly (not silently) when the WASM file is missing next to the bundle', async () => {
    const out = join(dir, 'nowasm');
    const entry = join(dir, 'entry2.ts');
    writeFileSync(entry, `import { createTokenCounter } from ${JSON.stringify(join(root, 'src/engine/tokens/counter'))};\nprocess.stdout.write(String(createTokenCounter({ backend: 'tiktoken' }).count('hi', 'gpt-4o', 'openai').tokens));\n`);
    await build({ entryPoints: [entry], outfile: join(out, 'cli.js'), bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error', absWorkingDir: root });
    assert.throws(() => execFileSync(process.execPath, [join(out, 'cli.js')], { cwd: out, encoding: 'utf8', stdio: 'pipe' }), /Missing tiktoken_bg\.wasm/);
  });
});
