import assert from 'node:assert/strict';
import { test } from 'node:test';
import { main } from '../../../src/cli/main';
import type { CliIO } from '../../../src/cli/types';

function capture(): { io: CliIO; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: process.cwd(), env: {}, isTTY: false, confirm: async () => false };
  return { io, out, err };
}

for (const name of ['scan', 'project', 'init', 'audit', 'profile', 'catalog', 'snapshot', 'diff']) {
  test(`tierwise ${name} --help prints its usage and exits 0 without running anything`, async () => {
    const { io, out, err } = capture();
    assert.equal(await main([name, '--help'], io), 0);
    assert.match(out.join(''), new RegExp(`tierwise ${name}`));
    assert.deepEqual(err, []);
  });
}

test('help wins over missing required options (diff without --base)', async () => {
  const { io, out } = capture();
  assert.equal(await main(['diff', '-h'], io), 0);
  assert.match(out.join(''), /--base <git-ref>/);
});
