import type { TaskType } from '../model';

/**
 * What task inference reads from a call site (plain data extracted from the CallSite). Prompt
 * wording is read from the statically resolved prompt *text* (string values), never from source code.
 */
export interface TaskFacts {
  /** Lower-cased static prompt text (all parts). */
  text: string;
  /** Names of prompt holes and unresolved prompt parts (`context`, `ticket.body`, `history`). */
  holeNames: string[];
  /**
   * Enclosing function/method names (`TicketService.classify`): the call's own, and for a wrapper
   * invocation also the wrapper's (the caller often names the task, a generic wrapper does not).
   */
  enclosing: string[];
  /** Workspace-relative file paths matching `enclosing`. */
  files: string[];
  operation: string;
  labels: string[];
  schemaFields: number;
  hasStructuredOutput: boolean;
  maxTokens?: number;
  thinkingBudget?: number;
  reasoningEffort?: string;
  /** Number of assistant messages written in the prompt (multi-turn). */
  assistantTurns: number;
}

/** One inference signal: a task it points to, its weight, and a test returning the reason text. */
export interface TaskSignal {
  id: string;
  task: TaskType;
  weight: number;
  test: (f: TaskFacts) => string | undefined;
}

const words = (f: TaskFacts, re: RegExp, what: string): string | undefined => {
  const m = re.exec(f.text);
  return m ? `prompt wording "${m[0].trim()}" (${what})` : undefined;
};

const named = (f: TaskFacts, re: RegExp, what: string): string | undefined => {
  const name = f.enclosing.find((n) => n !== '<module>' && re.test(n));
  if (name) return `enclosing function \`${name}\` (${what})`;
  const file = f.files.map((path) => path.split('/').pop() ?? '').find((n) => re.test(n));
  return file ? `file name \`${file}\` (${what})` : undefined;
};

const holeMatching = (f: TaskFacts, re: RegExp, what: string): string | undefined => {
  const hole = f.holeNames.find((h) => re.test(h.split('.').pop() ?? h));
  return hole ? `prompt hole \`${hole}\` (${what})` : undefined;
};

/**
 * The signal table. Weights: ~3 = decisive on its own, ~2 = strong, ~1 = weak (names).
 * Confidence is computed from the scores in infer.ts.
 */
export const TASK_SIGNALS: readonly TaskSignal[] = [
  {
    id: 'label-schema',
    task: 'classification',
    weight: 3,
    // The schema *is* the label (one or two fields): a closed label set. An enum among many fields is extraction.
    test: (f) => (f.labels.length >= 2 && f.schemaFields <= 2 ? `structured output with a closed label set (${f.labels.slice(0, 6).join(', ')})` : undefined),
  },
  { id: 'classify-wording', task: 'classification', weight: 2, test: (f) => words(f, /\b(classify|classification|categori[sz]e|categori[sz]ation|triage)\b/, 'asks to classify') },
  {
    id: 'closed-label-set',
    task: 'classification',
    weight: 2,
    test: (f) =>
      words(f, /\b(exactly |only )?one of( these| the following)?( categories| labels| values)?\s*[:(]|\brespond with only the (label|category|word)|\b(answer|reply|respond) with (only |just |exactly )?(one|a single) (word|label|category)|\b(yes|true) or (no|false)\b/, 'a closed label set'),
  },
  { id: 'small-max-tokens', task: 'classification', weight: 1.5, test: (f) => (f.maxTokens !== undefined && f.maxTokens <= 20 ? `max_tokens ${f.maxTokens} is small (<= 20): room for a label only` : undefined) },
  { id: 'classify-name', task: 'classification', weight: 1, test: (f) => named(f, /classif|categor|triage|intent|sentiment|moderat|toxic|detect|priorit/i, 'names a classification') },

  { id: 'fields-schema', task: 'extraction', weight: 2.5, test: (f) => (f.schemaFields >= 3 ? `structured output with ${f.schemaFields} fields` : undefined) },
  { id: 'extract-wording', task: 'extraction', weight: 2, test: (f) => words(f, /\b(extract|pull out|parse)\b|\bfill in the fields\b/, 'asks to extract') },
  { id: 'json-keys-wording', task: 'extraction', weight: 1, test: (f) => words(f, /\bjson (object )?with (the )?(fields|keys|properties)\b/, 'asks for named JSON fields') },
  { id: 'extract-name', task: 'extraction', weight: 1, test: (f) => named(f, /extract|parse/i, 'names an extraction') },

  { id: 'summarize-wording', task: 'summarization', weight: 2.5, test: (f) => words(f, /\b(summari[sz]e|summary|summaries|tl;?dr|condense|recap|digest)\b/, 'asks for a summary') },
  { id: 'summarize-name', task: 'summarization', weight: 1, test: (f) => named(f, /summar|digest|recap|tldr/i, 'names a summary') },

  { id: 'context-hole', task: 'rag_answer', weight: 2, test: (f) => holeMatching(f, /^(context|contexts|documents?|docs|retrieved\w*|chunks?|passages?|sources|snippets?|search_?results?|articles|kb\w*|knowledge\w*)$/i, 'retrieved context') },
  {
    id: 'answer-from-context',
    task: 'rag_answer',
    weight: 2,
    test: (f) => words(f, /\banswer (the|this|their|a|each)( \w+)? question|\b(using|based on|from) (only )?the (provided |following |retrieved )?(context|documents|articles|passages|sources|excerpts)\b/, 'answers from provided context'),
  },
  { id: 'answer-name', task: 'rag_answer', weight: 1, test: (f) => named(f, /answer|rag|retriev|knowledge|faq|\bqa\b/i, 'names a question-answering step') },

  { id: 'thinking-budget', task: 'reasoning', weight: 2.5, test: (f) => (f.thinkingBudget ? `extended thinking budget of ${f.thinkingBudget} tokens` : undefined) },
  { id: 'reasoning-effort', task: 'reasoning', weight: 1.5, test: (f) => (f.reasoningEffort && /medium|high/.test(f.reasoningEffort) ? `reasoning effort \`${f.reasoningEffort}\`` : undefined) },
  { id: 'reasoning-wording', task: 'reasoning', weight: 1.5, test: (f) => words(f, /\bstep[- ]by[- ]step\b|\bthink (carefully|through)\b|\b(make|write) a plan\b|\banaly[sz]e\b|\breason about\b|\btrade-?offs?\b|\broot cause\b|\bdecide whether\b|\bweigh\b/, 'asks for reasoning') },
  { id: 'reasoning-name', task: 'reasoning', weight: 1, test: (f) => named(f, /plan|reason|analy|decide|decision|agent|investigat/i, 'names a reasoning step') },

  {
    id: 'code-wording',
    task: 'code_generation',
    weight: 2.5,
    test: (f) => words(f, /\b(write|generate|produce|implement|create)\b[^.\n]{0,40}\b(code|function|typescript|javascript|python|sql|query|class|script|regex|program)\b/, 'asks for code'),
  },
  { id: 'code-fence', task: 'code_generation', weight: 1.5, test: (f) => (f.text.includes('```') ? 'prompt contains a code fence' : undefined) },
  { id: 'code-name', task: 'code_generation', weight: 1, test: (f) => named(f, /code|codegen|sql|query|script|snippet/i, 'names code generation') },

  { id: 'multi-turn', task: 'chat', weight: 2, test: (f) => (f.assistantTurns > 0 ? `multi-turn prompt (${f.assistantTurns} assistant message(s))` : undefined) },
  { id: 'history-hole', task: 'chat', weight: 2, test: (f) => holeMatching(f, /^(history|messages|conversation|transcript|turns|chat\w*|dialog\w*)$/i, 'conversation history') },
  { id: 'assistant-persona', task: 'chat', weight: 1.5, test: (f) => words(f, /\byou are an? ([\w,-]+ ){0,3}(assistant|agent|companion|chatbot)\b/, 'an assistant persona') },
  { id: 'reply-wording', task: 'chat', weight: 1.5, test: (f) => words(f, /\b(draft|write|compose) (a |an )?(reply|response) to\b/, 'asks for a reply to a person') },
  { id: 'chat-name', task: 'chat', weight: 1, test: (f) => named(f, /chat|conversation|assistant|converse/i, 'names a chat') },
];
