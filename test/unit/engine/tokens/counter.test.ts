import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { get_encoding } from 'tiktoken';
import { CALIBRATION } from '../../../../src/engine/tokens/calibration';
import { createTokenCounter } from '../../../../src/engine/tokens/counter';

const SAMPLES = [
  'Classify the ticket into exactly one of: billing, bug, feature_request, account, other.',
  'export async function classifyTicket(subject: string): Promise<string> {\n  return subject.trim();\n}',
  'Ünïcödé, emoji 🎫 and CJK 日本語のテキスト mixed with numbers 1234567890.',
  'A prompt that mentions <|endoftext|> as plain text must not be treated as a control token.',
];

describe('token counter', () => {
  const wasm = { o200k: get_encoding('o200k_base'), cl100k: get_encoding('cl100k_base') };
  const counter = createTokenCounter();
  const wasmCounter = createTokenCounter({ backend: 'tiktoken' });
  after(() => {
    wasm.o200k.free();
    wasm.cl100k.free();
    counter.dispose();
    wasmCounter.dispose();
  });

  it('counts OpenAI gpt-4o/gpt-5 prompts exactly like tiktoken o200k_base', () => {
    for (const sample of SAMPLES) {
      const expected = wasm.o200k.encode(sample, [], []).length;
      for (const model of ['gpt-4o', 'gpt-5-mini', 'o3-mini', 'gpt-4.1-nano-2025-04-14']) {
        const result = counter.count(sample, model, 'openai');
        assert.equal(result.tokens, expected, `${model}: ${sample}`);
        assert.equal(result.method, 'tiktoken:o200k_base');
      }
    }
  });

  it('uses cl100k_base for gpt-4, gpt-3.5 and text-embedding-3 models, as tiktoken does', () => {
    for (const sample of SAMPLES) {
      const expected = wasm.cl100k.encode(sample, [], []).length;
      for (const model of ['gpt-4', 'gpt-3.5-turbo', 'text-embedding-3-small']) {
        const result = counter.count(sample, model, 'openai');
        assert.equal(result.tokens, expected, `${model}: ${sample}`);
        assert.equal(result.method, 'tiktoken:cl100k_base');
      }
    }
    // The encodings really differ on these samples, so the choice matters.
    assert.notEqual(wasm.cl100k.encode(SAMPLES[2] ?? '', [], []).length, wasm.o200k.encode(SAMPLES[2] ?? '', [], []).length);
  });

  it('the gpt-tokenizer and tiktoken WASM backends agree', () => {
    for (const sample of SAMPLES) {
      assert.equal(counter.count(sample, 'gpt-4o', 'openai').tokens, wasmCounter.count(sample, 'gpt-4o', 'openai').tokens);
      assert.equal(counter.count(sample, 'gpt-4', 'openai').tokens, wasmCounter.count(sample, 'gpt-4', 'openai').tokens);
    }
  });

  it('falls back to o200k_base for OpenAI ids tiktoken does not know, and says so', () => {
    const result = counter.count(SAMPLES[0] ?? '', 'gpt-7-preview', 'openai');
    assert.equal(result.tokens, wasm.o200k.encode(SAMPLES[0] ?? '', [], []).length);
    assert.match(result.note, /not in tiktoken's model map/);
  });

  it('estimates Claude tokens as o200k_base x the documented calibration factor, with a band', () => {
    const sample = SAMPLES[1] ?? '';
    const base = wasm.o200k.encode(sample, [], []).length;
    const result = counter.count(sample, 'claude-haiku-4-5', 'anthropic');
    assert.equal(result.tokens, Math.round(base * CALIBRATION.anthropic.factor));
    assert.equal(result.low, Math.floor(base * CALIBRATION.anthropic.low));
    assert.equal(result.high, Math.ceil(base * CALIBRATION.anthropic.high));
    assert.ok(result.low < result.tokens && result.tokens < result.high);
    assert.equal(result.method, 'calibrated:anthropic(o200k_base x1.2)');
    assert.match(result.note, /not public/);
  });

  it('estimates Gemini tokens with its own calibration entry', () => {
    const result = counter.count(SAMPLES[0] ?? '', 'gemini-2.5-flash', 'google');
    assert.equal(result.method, `calibrated:google(o200k_base x${CALIBRATION.google.factor})`);
    assert.equal(result.tokens, Math.round(wasm.o200k.encode(SAMPLES[0] ?? '', [], []).length * CALIBRATION.google.factor));
  });

  it('counts empty text as zero and keeps working after dispose()', () => {
    assert.equal(counter.count('', 'gpt-4o', 'openai').tokens, 0);
    wasmCounter.dispose();
    assert.equal(wasmCounter.count('hello world', 'gpt-4o', 'openai').tokens, 2);
  });
});
