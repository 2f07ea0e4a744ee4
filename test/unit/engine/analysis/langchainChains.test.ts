/**
 * LangChain chains are call sites: `prompt.pipe(model)`, `RunnableSequence.from([prompt, model,
 * parser])`, `model.pipe(parser)`, maps of branches, run with `.invoke/.stream/.batch`. The model
 * comes from the chat-model step, the prompt from the template before it filled from the run's
 * literal input, structured output from `withStructuredOutput`; `.batch([...])` of literal inputs is
 * one request per input. Real engine over test/fixtures/langchain-chains (with and without the
 * packages' type declarations).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { ScanResult } from '../../../../src/engine/api';
import { bothEngines, fixture, promptText, site } from './fixtures';



for (const [mode, engine] of bothEngines()) {
  describe(`LangChain chains (${mode})`, () => {
    let result: ScanResult;
    before(async () => {
      result = await engine.scan(fixture('langchain-chains'));
    });

    it('reports one record per model request of each chain run, and nothing for chains without a model', () => {
      assert.deepEqual(
        result.callSites.map((s) => `${s.site.id}|${s.site.api}|${s.site.provider}|${s.modelId}`),
        [
          'src/chains.ts#triageTicket#0|chain(ChatAnthropic).invoke|anthropic|claude-haiku-4-5',
          'src/chains.ts#summarize#0|chain(ChatOpenAI).stream|openai|gpt-5-mini',
          'src/chains.ts#extractOrder#0|chain(ChatOpenAI.withStructuredOutput).invoke|openai|gpt-5-mini',
          'src/chains.ts#plain#0|chain(ChatAnthropic).invoke|anthropic|claude-haiku-4-5',
          'src/chains.ts#jokes#0|chain(ChatAnthropic).batch|anthropic|claude-haiku-4-5',
          'src/chains.ts#jokes#0.1|chain(ChatAnthropic).batch|anthropic|claude-haiku-4-5',
          'src/chains.ts#jokes#0.2|chain(ChatAnthropic).batch|anthropic|claude-haiku-4-5',
          'src/chains.ts#jokesAbout#0|chain(ChatAnthropic).batch|anthropic|claude-haiku-4-5',
          'src/chains.ts#jokeAndPoem#0|chain(ChatAnthropic, ChatOpenAI).invoke|anthropic|claude-haiku-4-5',
          'src/chains.ts#jokeAndPoem#0.1|chain(ChatAnthropic, ChatOpenAI).invoke|openai|gpt-5-mini',
          'src/chains.ts#answer#0|chain(ChatAnthropic).invoke|anthropic|claude-haiku-4-5',
          'src/chains.ts#draftThenPolish#0|chain(ChatAnthropic, ChatOpenAI).invoke|anthropic|claude-haiku-4-5',
          'src/chains.ts#draftThenPolish#0.1|chain(ChatAnthropic, ChatOpenAI).invoke|openai|gpt-5-mini',
          'src/chains.ts#Summarizer.run#0|chain(ChatOpenAI).invoke|openai|gpt-5-mini',
          'src/direct.ts#twoQuestions#0|ChatAnthropic.batch|anthropic|claude-haiku-4-5',
          'src/direct.ts#twoQuestions#0.1|ChatAnthropic.batch|anthropic|claude-haiku-4-5',
          'src/direct.ts#allQuestions#0|ChatAnthropic.batch|anthropic|claude-haiku-4-5',
        ],
        'src/negatives.ts (a chain without a model, lambdas, a local object with `pipe`) reports nothing',
      );
    });

    it('builds the prompt from the template, filling the variables the run gives literally and keeping the others as holes', () => {
      assert.equal(
        promptText(site(result, 'src/chains.ts#triageTicket#0')),
        'system: You triage support tickets for Acme Desk. Answer with one label: billing, bug or other. | user: {ticket}',
        'the `history` placeholder gets the empty literal list',
      );
      assert.equal(promptText(site(result, 'src/chains.ts#summarize#0')), 'user: Summarize in 3 bullets:\n{text}');
      assert.equal(promptText(site(result, 'src/chains.ts#plain#0')), 'system: Answer in one word. | user: Capital of France?');
      assert.equal(promptText(site(result, 'src/chains.ts#answer#0')), 'user: Answer from the context.\nContext: {context}\nQuestion: How do I reset my password?');
      assert.equal(promptText(site(result, 'src/chains.ts#Summarizer.run#0')), 'user: Summarize for a support lead:\n{text}');
    });

    it('reads the model step: its constructor options, structured output, and streaming from .stream', () => {
      const triage = site(result, 'src/chains.ts#triageTicket#0');
      assert.deepEqual(triage.site.params.maxTokens?.candidates.map((c) => c.value), [300]);
      assert.match(triage.site.detection.join('\n'), /runs a LangChain chain: ChatPromptTemplate \| ChatAnthropic \| new StringOutputParser\(\)/);
      assert.equal(site(result, 'src/chains.ts#summarize#0').site.params.stream, true);
      assert.equal(site(result, 'src/chains.ts#extractOrder#0').site.params.structuredOutput?.kind, 'zod');
      assert.equal(site(result, 'src/chains.ts#extractOrder#0').site.params.stream, false);
    });

    it('gives each literal input of .batch([...]) its own request, and sizes a runtime list as unknown', () => {
      const jokes = ['#0', '#0.1', '#0.2'].map((suffix) => site(result, `src/chains.ts#jokes${suffix}`));
      assert.deepEqual(jokes.map((s) => promptText(s)), ['user: Tell me a joke about cats', 'user: Tell me a joke about dogs', 'user: Tell me a joke about parrots']);
      // Each record points at its own input literal (line 35 of the fixture).
      assert.deepEqual(jokes.map((s) => s.site.span.start.line), [34, 34, 34]);
      assert.deepEqual(jokes.map((s) => s.site.span.start.character), [22, 41, 60]);
      assert.ok(jokes.every((s) => s.site.params.batch === false), 'LangChain .batch is not a provider batch API (no discount)');
      const runtime = site(result, 'src/chains.ts#jokesAbout#0');
      assert.equal(promptText(runtime), 'user: Tell me a joke about {topic}');
      assert.equal(runtime.site.batchSize?.status, 'unknown');
      assert.match(runtime.site.batchSize?.unknown[0]?.reason ?? '', /number of inputs of `\.batch\(topics\)` is known only at run time/);
    });

    it('reads each input of a model\'s own .batch([...]) as one request, and a runtime list as unknown inputs', () => {
      assert.equal(promptText(site(result, 'src/direct.ts#twoQuestions#0')), 'user: What is a refund window?');
      assert.equal(promptText(site(result, 'src/direct.ts#twoQuestions#0.1')), 'system: Answer briefly. | user: What is a chargeback?');
      const all = site(result, 'src/direct.ts#allQuestions#0');
      assert.equal(all.site.prompt.parts.length, 0);
      assert.match(all.site.prompt.unknown[0]?.reason ?? '', /the inputs of `\.batch\(questions\)` are known only at run time/);
      assert.equal(all.site.batchSize?.status, 'unknown');
    });

    it('reports a later model step fed by an earlier step as unknown input, not as an empty prompt', () => {
      const polish = site(result, 'src/chains.ts#draftThenPolish#0.1');
      assert.equal(polish.site.prompt.parts.length, 0);
      assert.match(polish.site.prompt.unknown[0]?.reason ?? '', /the input of `gpt` in this chain is the output of `new StringOutputParser\(\)`/);
      assert.match(polish.site.detection.join('\n'), /model step 2 of 2 \(`ChatOpenAI`\)/);
      assert.equal(promptText(site(result, 'src/chains.ts#jokeAndPoem#0.1')), 'user: Write a 2-line poem about {topic}');
    });
  });
}
