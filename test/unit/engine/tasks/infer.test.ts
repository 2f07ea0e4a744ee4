import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TaskInference } from '../../../../src/engine/model';
import { inferTask } from '../../../../src/engine/tasks/infer';
import { callSite, hole, modelRef, part, resolvedNumber, span } from '../sizingFixtures';

function hasReason(result: TaskInference, fragment: string): boolean {
  return result.reasons.some((r) => r.includes(fragment));
}

describe('inferTask', () => {
  it('classification: closed label set in the wording plus a small max_tokens', () => {
    const site = callSite({
      enclosing: 'classifyTicket',
      parts: [
        part('system', 'You are a support ticket router. Classify the ticket into exactly one of these categories: billing, bug, feature_request, account, other. Respond with only the category label.'),
        part('user', 'Subject: ', hole('subject'), '\n\n', hole('body')),
      ],
      params: { maxTokens: resolvedNumber(10) },
    });
    const result = inferTask(site);
    assert.equal(result.task, 'classification');
    assert.equal(result.source, 'inferred');
    assert.ok(result.confidence >= 0.85, `confidence ${result.confidence}`);
    assert.ok(hasReason(result, 'max_tokens 10 is small'));
    assert.ok(hasReason(result, 'a closed label set'));
    assert.ok(hasReason(result, 'enclosing function `classifyTicket`'));
  });

  it('classification: a structured-output enum is a closed label set', () => {
    const site = callSite({ sdk: 'ai-sdk', api: 'generateObject', parts: [part('user', 'Ticket: ', hole('ticket.body'))], params: { structuredOutput: { kind: 'zod', fieldCount: 1, labels: ['low', 'medium', 'high', 'urgent'] } } });
    const result = inferTask(site);
    assert.equal(result.task, 'classification');
    assert.ok(hasReason(result, 'closed label set (low, medium, high, urgent)'));
  });

  it('extraction: a multi-field schema and "extract" wording', () => {
    const site = callSite({
      enclosing: 'extractOrder',
      parts: [part('system', 'Extract the order number, product, quantity and shipping address from the customer email.'), part('user', hole('email'))],
      params: { structuredOutput: { kind: 'zod', fieldCount: 4 } },
    });
    const result = inferTask(site);
    assert.equal(result.task, 'extraction');
    assert.ok(hasReason(result, 'structured output with 4 fields'));
    assert.ok(hasReason(result, 'prompt wording "extract"'));
  });

  it('summarization: "summarize" / "TL;DR" wording', () => {
    const site = callSite({ parts: [part('user', 'Summarize this support thread for the next agent in three bullet points:\n\n', hole('thread'))], params: { maxTokens: resolvedNumber(300) } });
    const result = inferTask(site);
    assert.equal(result.task, 'summarization');
    assert.ok(hasReason(result, 'prompt wording "summarize"'));
  });

  it('rag_answer: a retrieved-context hole and "answer the question" wording', () => {
    const site = callSite({
      sdk: 'ai-sdk',
      api: 'generateText',
      enclosing: 'answerFromKnowledgeBase',
      parts: [part('system', 'Answer the customer question using only the help-center articles below.\n\nArticles:\n', hole('context')), part('user', hole('question'))],
    });
    const result = inferTask(site);
    assert.equal(result.task, 'rag_answer');
    assert.ok(hasReason(result, 'prompt hole `context` (retrieved context)'));
    assert.ok(hasReason(result, 'answers from provided context'));
  });

  it('reasoning: a thinking budget and step-by-step wording', () => {
    const site = callSite({
      enclosing: 'decideRefund',
      parts: [part('user', 'Decide whether this refund should be approved. Think step by step about the policy, the order history and the risk.\n', hole('order'))],
      params: { maxTokens: resolvedNumber(16000), thinkingBudget: resolvedNumber(8000) },
    });
    const result = inferTask(site);
    assert.equal(result.task, 'reasoning');
    assert.ok(hasReason(result, 'extended thinking budget of 8000 tokens'));
  });

  it('code_generation: "write a SQL query" wording', () => {
    const site = callSite({ sdk: 'openai', provider: 'openai', model: modelRef('gpt-5'), parts: [part('system', 'You write PostgreSQL. Write a SQL query that answers the analyst request. Return only the query in a ```sql fence.'), part('user', hole('request'))] });
    const result = inferTask(site);
    assert.equal(result.task, 'code_generation');
    assert.ok(hasReason(result, 'asks for code'));
    assert.ok(hasReason(result, 'code fence'));
  });

  it('chat: conversation history that cannot be resolved statically and an assistant persona', () => {
    const site = callSite({
      enclosing: 'ChatService.respond',
      parts: [part('system', 'You are a friendly support assistant for Acme. Be concise.')],
      unknownParts: [{ reason: 'messages built at run time', expression: 'session.history' }],
    });
    const result = inferTask(site);
    assert.equal(result.task, 'chat');
    assert.ok(hasReason(result, 'prompt hole `session.history` (conversation history)') || hasReason(result, 'history'));
    assert.ok(hasReason(result, 'an assistant persona'));
  });

  it('embedding: the embeddings API', () => {
    const site = callSite({ sdk: 'openai', provider: 'openai', api: 'embeddings.create', operation: 'embed', parts: [part('input', hole('chunk'))] });
    const result = inferTask(site);
    assert.equal(result.task, 'embedding');
    assert.ok(result.confidence >= 0.9);
  });

  it('an annotation overrides inference and is reported as such', () => {
    const site = callSite({
      parts: [part('user', 'Summarize this thread: ', hole('thread'))],
      annotation: { task: 'extraction', raw: { task: 'extraction' }, span: span('src/app.ts', 8), problems: [] },
    });
    const result = inferTask(site);
    assert.deepEqual({ task: result.task, confidence: result.confidence, source: result.source }, { task: 'extraction', confidence: 1, source: 'annotation' });
    assert.ok(hasReason(result, 'tierwise: task=extraction'));
  });

  it('with no signal, says "no signal" and returns other with low confidence', () => {
    const site = callSite({ enclosing: 'run', file: 'src/worker.ts', parts: [part('user', hole('input'))] });
    const result = inferTask(site);
    assert.equal(result.task, 'other');
    assert.ok(result.confidence <= 0.3);
    assert.ok(hasReason(result, 'no signal'));
  });

  it('competing signals lower the confidence and list the runner-up', () => {
    const site = callSite({ parts: [part('user', 'Summarize the ticket, then classify it into one of: billing, bug.\n', hole('ticket'))] });
    const result = inferTask(site);
    assert.ok(result.confidence < 0.6, `confidence ${result.confidence}`);
    assert.ok(result.alternatives.length >= 1);
    const tasks = [result.task, ...result.alternatives.map((a) => a.task)];
    assert.ok(tasks.includes('summarization') && tasks.includes('classification'));
  });
  it('an enum among many schema fields is extraction, not classification', () => {
    const site = callSite({
      parts: [part('system', 'Extract the order details mentioned in the customer message. Use null for anything not stated.'), part('user', hole('ticketBody'))],
      params: { structuredOutput: { kind: 'zod', fieldCount: 5, labels: ['refund', 'replacement', 'cancellation', 'information'] } },
    });
    const result = inferTask(site);
    assert.equal(result.task, 'extraction');
    assert.ok(!hasReason(result, 'closed label set'));
  });

  it('an invocation of a wrapper reads the wrapper function name as well as the caller', () => {
    const site = callSite({
      role: 'invocation',
      enclosing: 'onNewTicket',
      file: 'src/routes.ts',
      wrapperId: 'src/tickets/sentiment.ts#sentiment#0',
      parts: [part('user', hole('text'))],
    });
    const result = inferTask(site);
    assert.equal(result.task, 'classification');
    assert.ok(hasReason(result, 'enclosing function `sentiment`'));
  });
});
