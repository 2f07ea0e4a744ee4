import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { get_encoding } from 'tiktoken';
import { defaultConfig } from '../../../../src/engine/config/defaults';
import { createTokenCounter } from '../../../../src/engine/tokens/counter';
import { REQUEST_OVERHEAD, estimateTokens } from '../../../../src/engine/tokens/estimate';
import { OUTPUT_SIZING, TASK_OUTPUT_DEFAULTS } from '../../../../src/engine/tokens/output';
import { callSite, hole, modelRef, part, resolvedNumber } from '../sizingFixtures';

const SYSTEM = 'You are a support ticket router. Classify the ticket into one of: billing, bug, account. Respond with only the label.';

describe('estimateTokens', () => {
  const counter = createTokenCounter();
  const o200k = get_encoding('o200k_base');
  after(() => {
    counter.dispose();
    o200k.free();
  });

  const openaiSite = (extra: Parameters<typeof callSite>[0] = {}) =>
    callSite({ sdk: 'openai', provider: 'openai', api: 'chat.completions.create', model: modelRef('gpt-4o-mini'), parts: [part('system', SYSTEM), part('user', 'Ticket: ', hole('ticket.body'))], ...extra });

  it('counts static text exactly, adds message framing, and sizes holes from the default with the source recorded', () => {
    const config = defaultConfig();
    const estimate = estimateTokens(openaiSite(), 'gpt-4o-mini', 'openai', counter, config, 'classification');
    const staticText = o200k.encode(SYSTEM + 'Ticket: ', [], []).length;
    const framing = 2 * REQUEST_OVERHEAD.perMessage + REQUEST_OVERHEAD.perRequest;
    assert.equal(estimate.staticInputTokens, staticText + framing);
    assert.deepEqual(estimate.holes, [{ name: 'ticket.body', tokens: config.defaultHole, source: 'default' }]);
    assert.deepEqual(estimate.input, {
      min: staticText + framing + config.defaultHole.min,
      expected: staticText + framing + config.defaultHole.expected,
      max: staticText + framing + config.defaultHole.max,
    });
    assert.equal(estimate.method, 'tiktoken:o200k_base');
    assert.ok(estimate.reasons.some((r) => r.includes('hole `ticket.body`') && r.includes('default hole size')));
  });

  it('sizes a hole from configuration by name (and by its last property) and says so', () => {
    const config = defaultConfig();
    config.holes = { body: { min: 100, expected: 400, max: 1500 } };
    const estimate = estimateTokens(openaiSite(), 'gpt-4o-mini', 'openai', counter, config, 'classification');
    assert.deepEqual(estimate.holes[0], { name: 'ticket.body', tokens: { min: 100, expected: 400, max: 1500 }, source: 'config' });
    assert.ok(estimate.reasons.some((r) => r.includes('from configuration holes.body')));
    config.holes = { 'ticket.body': { min: 1, expected: 2, max: 3 } };
    assert.equal(estimateTokens(openaiSite(), 'gpt-4o-mini', 'openai', counter, config, 'classification').holes[0]?.tokens.expected, 2);
  });

  it('takes the output ceiling from max_tokens and caps the expected output by it', () => {
    const site = openaiSite({ params: { maxTokens: resolvedNumber(5) } });
    const estimate = estimateTokens(site, 'gpt-4o-mini', 'openai', counter, defaultConfig(), 'summarization');
    assert.equal(estimate.output.max, 5);
    assert.equal(estimate.output.expected, 5, 'summarization default (250) is capped at max_tokens');
    assert.ok(estimate.reasons.some((r) => r.includes('output ceiling 5 tokens')));
  });

  it('uses the task default, or configuration tasks.<task>.expectedOutputTokens, when there is no schema', () => {
    const site = openaiSite({ params: { maxTokens: resolvedNumber(2000) } });
    const config = defaultConfig();
    assert.equal(estimateTokens(site, 'gpt-4o-mini', 'openai', counter, config, 'code_generation').output.expected, TASK_OUTPUT_DEFAULTS.code_generation.expected);
    config.tasks.code_generation.expectedOutputTokens = 1234;
    const configured = estimateTokens(site, 'gpt-4o-mini', 'openai', counter, config, 'code_generation');
    assert.equal(configured.output.expected, 1234);
    assert.ok(configured.reasons.some((r) => r.includes('tasks.code_generation.expectedOutputTokens')));
  });

  it('sizes structured output from the schema (fields x tokens per field) and label sets from the longest label', () => {
    const fields = openaiSite({ params: { maxTokens: resolvedNumber(1000), structuredOutput: { kind: 'zod', fieldCount: 6 } } });
    const estimate = estimateTokens(fields, 'gpt-4o-mini', 'openai', counter, defaultConfig(), 'extraction');
    assert.equal(estimate.output.expected, 6 * OUTPUT_SIZING.tokensPerSchemaField + OUTPUT_SIZING.jsonOverhead);
    const labels = openaiSite({ params: { structuredOutput: { kind: 'json-schema', labels: ['billing', 'feature_request'] } } });
    const labelled = estimateTokens(labels, 'gpt-4o-mini', 'openai', counter, defaultConfig(), 'classification');
    assert.equal(labelled.output.expected, o200k.encode('feature_request', [], []).length + OUTPUT_SIZING.jsonOverhead);
  });

  it('without max_tokens, widens the ceiling to 4x expected and tells the user to set max_tokens', () => {
    const estimate = estimateTokens(openaiSite(), 'gpt-4o-mini', 'openai', counter, defaultConfig(), 'chat');
    assert.equal(estimate.output.max, TASK_OUTPUT_DEFAULTS.chat.expected * OUTPUT_SIZING.uncappedMaxMultiplier);
    assert.ok(estimate.reasons.some((r) => r.includes('set max_tokens to bound the cost')));
  });

  it('counts an Anthropic thinking budget as a separate range, inside max_tokens', () => {
    const site = callSite({ parts: [part('user', 'Plan the migration step by step.')], params: { maxTokens: resolvedNumber(16000), thinkingBudget: resolvedNumber(10000) } });
    const estimate = estimateTokens(site, 'claude-sonnet-4-5', 'anthropic', counter, defaultConfig(), 'reasoning');
    assert.deepEqual(estimate.thinking, { min: 0, expected: 5000, max: 10000 });
    assert.equal(estimate.output.max, 6000, 'max_tokens 16000 minus the 10000 thinking budget');
    assert.match(estimate.method, /^calibrated:anthropic/);
  });

  it('gives embeddings input tokens only, without chat framing', () => {
    const site = callSite({ sdk: 'openai', provider: 'openai', api: 'embeddings.create', operation: 'embed', model: modelRef('text-embedding-3-small'), parts: [part('input', 'refund policy for damaged items')] });
    const estimate = estimateTokens(site, 'text-embedding-3-small', 'openai', counter, defaultConfig(), 'embedding');
    assert.deepEqual(estimate.output, { min: 0, expected: 0, max: 0 });
    const cl100k = get_encoding('cl100k_base');
    assert.equal(estimate.input.expected, cl100k.encode('refund policy for damaged items', [], []).length);
    cl100k.free();
  });

  it('widens max for a prompt part that cannot be resolved, and says which one', () => {
    const config = defaultConfig();
    const site = openaiSite({ unknownParts: [{ reason: 'array built at run time', expression: 'history' }] });
    const estimate = estimateTokens(site, 'gpt-4o-mini', 'openai', counter, config, 'chat');
    const unknown = estimate.holes.find((h) => h.name === 'history');
    assert.deepEqual(unknown?.tokens, { min: 0, expected: config.defaultHole.expected, max: config.defaultHole.max * REQUEST_OVERHEAD.unknownPartMaxMultiplier });
    assert.ok(estimate.reasons.some((r) => r.includes('`history` is not statically known') && r.includes('array built at run time')));
  });

  it('adds tool definitions (schema text counted) and the cacheable prefix', () => {
    const schema = JSON.stringify({ name: 'lookup_order', input_schema: { type: 'object', properties: { orderId: { type: 'string' } } } });
    const site = openaiSite({ params: { tools: { count: 1, schemaText: schema }, promptCache: { marked: true, cachedPrefixText: SYSTEM } } });
    const without = estimateTokens(openaiSite(), 'gpt-4o-mini', 'openai', counter, defaultConfig(), 'other');
    const withTools = estimateTokens(site, 'gpt-4o-mini', 'openai', counter, defaultConfig(), 'other');
    assert.equal(withTools.staticInputTokens - without.staticInputTokens, o200k.encode(schema, [], []).length + REQUEST_OVERHEAD.perToolFraming);
    assert.equal(withTools.cachedPrefixTokens, o200k.encode(SYSTEM, [], []).length);
  });
  it('OpenAI reasoning models spend reasoning tokens by default, bounded by max_completion_tokens', () => {
    const uncapped = estimateTokens(openaiSite({ model: modelRef('gpt-5') }), 'gpt-5', 'openai', counter, defaultConfig(), 'other');
    assert.ok(uncapped.thinking && uncapped.thinking.expected > 0);
    assert.ok(uncapped.reasons.some((r) => r.includes('reasons by default')));
    const capped = estimateTokens(openaiSite({ model: modelRef('gpt-5'), params: { maxTokens: resolvedNumber(300) } }), 'gpt-5', 'openai', counter, defaultConfig(), 'other');
    assert.equal(capped.thinking?.max, 300);
    assert.ok((capped.thinking?.expected ?? 0) + capped.output.expected <= 300);
    assert.equal(estimateTokens(openaiSite(), 'gpt-4o-mini', 'openai', counter, defaultConfig(), 'other').thinking, undefined);
  });
});
