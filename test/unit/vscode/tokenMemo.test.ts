import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createTokenCounter } from '../../../src/engine/tokens/counter';
import { openTokenMemo } from '../../../src/editorEngine/tokenMemo';

const PROMPTS = [
  'Classify the support ticket into exactly one of: billing, bug, feature_request, account, other.',
  'Summarize the customer thread for the next agent: what was asked, what was tried, what is open.',
];

describe('token-count memo kept between editor sessions', () => {
  it('gives the same counts as the encoder, and a new session counts remembered prompts without loading any rank table', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tw-memo-')), 'token-counts.json');
    const plain = createTokenCounter();
    const memo = openTokenMemo(file);
    const remembering = createTokenCounter({ memo });
    const expected = PROMPTS.flatMap((p) => [plain.count(p, 'gpt-4o', 'openai').tokens, plain.count(p, 'claude-opus-4-7', 'anthropic').tokens]);
    const first = PROMPTS.flatMap((p) => [remembering.count(p, 'gpt-4o', 'openai').tokens, remembering.count(p, 'claude-opus-4-7', 'anthropic').tokens]);
    assert.deepEqual(first, expected);
    assert.equal(memo.save(), true);
    assert.equal(memo.save(), false, 'nothing new: no write');

    // A new session (process): the counts come from the memo and no BPE rank table is loaded.
    const script = [
      `const { createTokenCounter } = require(${JSON.stringify(join(__dirname, '../../../src/engine/tokens/counter.ts'))});`,
      `const { openTokenMemo } = require(${JSON.stringify(join(__dirname, '../../../src/editorEngine/tokenMemo.ts'))});`,
      `const counter = createTokenCounter({ memo: openTokenMemo(${JSON.stringify(file)}) });`,
      `const prompts = ${JSON.stringify(PROMPTS)};`,
      `const counts = prompts.flatMap((p) => [counter.count(p, 'gpt-4o', 'openai').tokens, counter.count(p, 'claude-opus-4-7', 'anthropic').tokens]);`,
      `const ranksLoaded = Object.keys(require.cache).filter((k) => k.includes('bpeRanks'));`,
      `const newText = counter.count('a prompt this memo has never seen', 'gpt-4o', 'openai').tokens;`,
      `const ranksAfterNew = Object.keys(require.cache).filter((k) => k.includes('bpeRanks'));`,
      `process.stdout.write(JSON.stringify({ counts, ranksLoaded, newText, ranksAfterNew }));`,
    ].join('\n');
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
    assert.equal(child.status, 0, child.stderr);
    const result = JSON.parse(child.stdout) as { counts: number[]; ranksLoaded: string[]; newText: number; ranksAfterNew: string[] };
    assert.deepEqual(result.counts, expected);
    assert.deepEqual(result.ranksLoaded, [], 'remembered prompts need no rank table');
    assert.equal(result.newText, plain.count('a prompt this memo has never seen', 'gpt-4o', 'openai').tokens);
    assert.equal(result.ranksAfterNew.length, 1, 'a new prompt loads the encoder as before');
  });

  it('stores hashes and counts, never the prompt text', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tw-memo-')), 'nested', 'token-counts.json');
    const memo = openTokenMemo(file);
    createTokenCounter({ memo }).count(PROMPTS[0], 'gpt-4o', 'openai');
    memo.save();
    const text = readFileSync(file, 'utf8');
    assert.doesNotMatch(text, /support ticket|billing|Classify/);
    assert.equal(Object.keys((JSON.parse(text) as { counts: object }).counts).length, 1);
  });

  it('a corrupt or foreign memo file starts empty and is replaced on save', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-memo-'));
    for (const content of ['{not json', JSON.stringify({ format: 99, counts: { a: 1 } }), JSON.stringify({ format: 1, counts: { a: -3, b: 'x' } })]) {
      const file = join(dir, 'token-counts.json');
      writeFileSync(file, content);
      const memo = openTokenMemo(file);
      assert.equal(memo.size, 0, content);
      memo.set('o200k_base', 'hello', 1);
      assert.equal(memo.save(), true);
      assert.equal(openTokenMemo(file).get('o200k_base', 'hello'), 1);
    }
  });

  it('keeps the most recently used entries when it outgrows its bound', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tw-memo-')), 'token-counts.json');
    const memo = openTokenMemo(file, 3);
    for (const [i, text] of ['a', 'b', 'c', 'd'].entries()) memo.set('o200k_base', text, i);
    assert.equal(memo.get('o200k_base', 'a'), 0, 'a is used again: now the most recent');
    memo.save();
    const reloaded = openTokenMemo(file, 3);
    assert.equal(reloaded.size, 3);
    assert.equal(reloaded.get('o200k_base', 'b'), undefined, 'the least recently used entry was dropped');
    assert.deepEqual(['a', 'c', 'd'].map((t) => reloaded.get('o200k_base', t)), [0, 2, 3]);
    assert.equal(reloaded.get('cl100k_base', 'a'), undefined, 'the encoding is part of the key');
  });
});
