import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalyzedCallSite, CallSiteProjection, Recommendation, Span } from '../../../src/engine/model';
import { annotationEdit, annotationText } from '../../../src/vscode/present/annotation';
import { diagnosticSpan, diagnosticSpecs, severityNumber } from '../../../src/vscode/present/findings';
import { compactCount as formatTokens, usdCompact as formatUsd } from '../../../src/format';
import { hoverMarkdown } from '../../../src/vscode/present/hover';
import { lensTitle } from '../../../src/vscode/present/lens';
import { modelEdit } from '../../../src/vscode/present/modelEdit';
import { buildSiteViews } from '../../../src/vscode/present/siteView';
import { statusBarText } from '../../../src/vscode/present/statusBar';
import { groupSites } from '../../../src/vscode/present/tree';
import { importSpecifiers, mayCallLlm } from '../../../src/vscode/sdkImports';

const sp = (file: string, line: number, c1: number, line2 = line, c2 = c1 + 10): Span => ({ file, start: { line, character: c1 }, end: { line: line2, character: c2 } });
const MODEL_AT = sp('src/config/models.ts', 3, 8, 3, 25);

function site(id: string, file: string, line: number, model: string | null, task: AnalyzedCallSite['task']['task'] = 'classification'): AnalyzedCallSite {
  return {
    site: {
      id, role: 'direct', span: sp(file, line, 25, line + 6, 4), enclosing: id.split('#')[1], sdk: 'anthropic', provider: 'anthropic', api: 'messages.create', operation: 'generate',
      model: model
        ? { status: 'resolved', candidates: [{ value: model, via: [], definedAt: MODEL_AT }], unknown: [], expression: 'MODELS.smart', hardCoded: false }
        : { status: 'unknown', candidates: [], unknown: [{ reason: 'comes from a request parameter', expression: 'req.model' }], expression: 'req.model', hardCoded: false },
      prompt: { parts: [], unknown: [] }, params: { stream: false, batch: false }, observability: { readsResponseModel: false, readsUsage: false }, detection: [],
    },
    task: { task, confidence: 0.87, source: 'inferred', reasons: ['prompt asks to *classify*'], alternatives: [] },
    modelId: model,
    tokens: { input: { min: 150, expected: 410, max: 4100 }, output: { min: 1, expected: 8, max: 10 }, staticInputTokens: 55, holes: [{ name: 'ticket.body', tokens: { min: 50, expected: 300, max: 2000 }, source: 'default' }], method: 'tiktoken:o200k_base', reasons: [] },
    costed: true,
  };
}

function projection(id: string, current: number, recommended: number): CallSiteProjection {
  const cost = (x: number) => ({ breakdown: { input: x, output: 0, thinking: 0, cacheSavings: 0, batchSavings: 0, total: x }, range: { min: x / 2, expected: x, max: x * 3 } });
  const recommendation: Recommendation = {
    callSiteId: id, currentModel: 'claude-opus-4-7', currentTier: 3, suggestedTier: 1, suggestedModel: 'claude-haiku-4-5', strategy: 'rule', qualityGate: false, feasibleTiers: [1, 2, 3],
    rules: [{ rule: 'task-default', detail: 'classification starts at tier 1' }],
    findings: [
      { code: 'downgrade-opportunity', message: 'classification can use tier 1', span: sp('src/tickets/classify.ts', 8, 25, 14, 4) },
      { code: 'quality-gate-needed', message: 'gate', span: sp('src/tickets/classify.ts', 8, 25) },
    ],
  };
  return { callSiteId: id, span: sp('src/tickets/classify.ts', 8, 25), task: 'classification', requestsPerMonth: 30000, trafficSource: 'default', trafficRule: 'default', baseRequestsPerMonth: 30000, growthFactor: 1, perRequest: { current: cost(current / 30000).range, recommended: cost(recommended / 30000).range }, currentModel: 'claude-opus-4-7', recommendedModel: 'claude-haiku-4-5', tokens: { input: { min: 150, expected: 410, max: 4100 }, output: { min: 1, expected: 8, max: 10 } }, current: cost(current), recommended: cost(recommended), savingUsd: current - recommended, savingPct: 80, recommendation };
}

const A = 'src/tickets/classify.ts#classifyTicket#0';
const B = 'src/tickets/priority.ts#priority#0';
const C = 'src/chat/assistant.ts#reply#0';
const sites = [site(A, 'src/tickets/classify.ts', 8, 'claude-opus-4-7'), site(B, 'src/tickets/priority.ts', 4, 'claude-opus-4-7'), site(C, 'src/chat/assistant.ts', 2, null, 'chat')];
const views = buildSiteViews(sites, [projection(A, 2140, 428), projection(B, 100, 20)], [], [{ callSiteId: C, reason: 'model unknown' }]);

test('the lens reads like the issue: task · tokens · monthly cost on model · tier saving', () => {
  // saving = (2140 - 428) / 2140 = 80%
  assert.equal(lensTitle(views[0]), 'classification · ~410→8 tok · $2,140/mo on claude-opus-4-7 · tier 1 saves 80%');
  assert.equal(lensTitle(views[2]), 'chat · ~410→8 tok · model unknown');
});

test('money and token formatting', () => {
  assert.deepEqual([formatUsd(2140.4), formatUsd(12.4), formatUsd(0.00312), formatUsd(0)], ['$2,140', '$12.40', '$0.0031', '$0.00']);
  assert.deepEqual([formatTokens(410), formatTokens(4100), formatTokens(36_400), formatTokens(1_400_000)], ['410', '4.1k', '36k', '1.4M']);
});

test('diagnostics: stable codes, one per code and span, unknown models derived from the scan, readiness-only codes left out', () => {
  const specs = diagnosticSpecs(views);
  assert.deepEqual(specs.map((s) => `${s.code}@${s.callSiteId}`), [`downgrade-opportunity@${A}`, `unknown-model@${C}`]);
  assert.match(specs[1].message, /comes from a request parameter/);
  assert.deepEqual([severityNumber('error'), severityNumber('information'), severityNumber('off')], [0, 2, null]);
  assert.deepEqual(diagnosticSpan(sp('f.ts', 8, 25, 14, 4), 40).end, { line: 8, character: 40 }, 'a whole-call span is narrowed to its first line');
});

test('the annotation records task, suggested tier, traffic and consequence, indented like the call line', () => {
  assert.equal(annotationText(views[0], 'high'), '// tierwise: task=classification tier=1 traffic=30000/month consequence=high');
  const edit = annotationEdit(views[0], '    const response = await client.messages.create({', undefined);
  assert.deepEqual(edit.start, { line: 8, character: 0 });
  assert.equal(edit.text, '    // tierwise: task=classification tier=1 traffic=30000/month\n');
});

test('an existing annotation is updated in place, keeping keys Tierwise does not interpret', () => {
  const annotated = { ...views[0], site: { ...views[0].site, site: { ...views[0].site.site, annotation: { task: 'extraction' as const, raw: { task: 'extraction', owner: 'billing-team' }, span: sp('src/tickets/classify.ts', 7, 2, 7, 40), problems: [] } } } };
  const edit = annotationEdit(annotated, '', undefined);
  assert.deepEqual([edit.start, edit.end], [{ line: 7, character: 2 }, { line: 7, character: 40 }]);
  assert.equal(edit.text, '// tierwise: task=extraction tier=1 traffic=30000/month owner=billing-team');
});

test('the model quick fix edits the definition, keeps its quotes and names the other call sites sharing it', () => {
  const edit = modelEdit(sites[0], 'claude-haiku-4-5', "'claude-opus-4-7'", sites);
  assert.ok(edit);
  assert.equal(edit.file, 'src/config/models.ts');
  assert.equal(edit.edit.text, "'claude-haiku-4-5'");
  assert.deepEqual(edit.edit.start, MODEL_AT.start);
  assert.deepEqual(edit.sharedWith, [B]);
  assert.equal(modelEdit(sites[2], 'claude-haiku-4-5', 'req.model', sites), undefined, 'no edit for an unresolved model');
});

test('the tree groups by task and by file, sorted by monthly cost', () => {
  const byTask = groupSites(views, 'task');
  assert.deepEqual(byTask.map((g) => [g.label, g.sites.map((s) => s.site.site.id)]), [['classification', [A, B]], ['chat', [C]]]);
  assert.equal(byTask[0].description, '$2,240/mo · 2 call sites');
  assert.deepEqual(groupSites(views, 'file').map((g) => g.key), ['src/tickets/classify.ts', 'src/tickets/priority.ts', 'src/chat/assistant.ts']);
});

test('the hover explains every number and escapes code-derived text', () => {
  const md = hoverMarkdown(views[0]);
  assert.match(md, /\*\*Task:\*\* classification \(87% confidence, inferred\)/);
  assert.match(md, /- prompt asks to \\\*classify\\\*/, 'markdown in reasons is escaped');
  assert.match(md, /hole `ticket\.body`: ~300 \(50–2k\) \(default\)/);
  assert.match(md, /monthly: \*\*\$2,140\*\*/);
  assert.match(md, /- task-default: classification starts at tier 1/);
});

test('the status bar shows now -> recommended', () => {
  const totals = { current: { min: 0, expected: 2240, max: 0 }, recommended: { min: 0, expected: 448, max: 0 }, savingUsd: 1792, savingPct: 80 };
  const p = { generatedAt: '', catalogAsOf: '2026-09-23', configFile: null, totals, byTask: [], callSites: [], excluded: [], assumptions: [] };
  assert.equal(statusBarText(p, false).text, '$(graph) $2,240/mo → $448/mo');
  assert.match(statusBarText(p, false).tooltip, /saves \$1,792, 80%/);
});

test('the cheap pre-check loads the engine only for files importing an LLM SDK', () => {
  assert.deepEqual(importSpecifiers("import Anthropic from '@anthropic-ai/sdk';\nconst { z } = require(\"zod\");\nexport * from './x';"), ['@anthropic-ai/sdk', 'zod', './x']);
  assert.equal(mayCallLlm("import { generateText } from 'ai';", false), true);
  assert.equal(mayCallLlm("import { ChatOpenAI } from '@langchain/openai';", false), true);
  assert.equal(mayCallLlm("import OpenAI from 'openai/index.mjs';", false), true);
  assert.equal(mayCallLlm("import express from 'express';\nimport { x } from './llm';", false), false);
  assert.equal(mayCallLlm("import { complete } from './llm/complete';", true), true, 'a relative import may reach a wrapper once call sites are known');
  assert.equal(mayCallLlm("import aiHelpers from 'ai-helpers';", false), false);
});

test('free token-count calls read as such and stay out of the tree', () => {
  const counting = { ...sites[1], site: { ...sites[1].site, id: 'src/llm/guard.ts#fits#0', operation: 'count-tokens' as const } };
  const [view] = buildSiteViews([counting], [], [], []);
  assert.equal(lensTitle(view), 'token count · free');
  assert.deepEqual(groupSites([view], 'task'), []);
});
