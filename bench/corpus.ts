/**
 * Benchmark corpora: a GENERATED project of N files (a few percent calling LLM SDKs in every
 * supported way, the rest ordinary services/utilities importing each other), and a copy of real
 * TypeScript trees shipped in node_modules (the `openai` and `@anthropic-ai/sdk` sources).
 * Both get a `node_modules` link to this repository's, so SDK types resolve like in a real project.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REPO = join(__dirname, '..');

const TSCONFIG = JSON.stringify({
  compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, noEmit: true },
  include: ['src/**/*.ts'],
}, null, 2);

/** LLM call shapes, one per supported SDK path; `i` varies names, models and traffic. */
const LLM_FILES: Array<(i: number) => string> = [
  (i) => `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic();
export async function classify${i}(text: string): Promise<string> {
  const r = await client.messages.create({
    model: 'claude-haiku-4-5',
    max_tokens: 10,
    system: 'Classify the ticket into one of: billing, bug, account, other. Respond with the label only.',
    messages: [{ role: 'user', content: \`Ticket: \${text}\` }],
  });
  const b = r.content[0];
  return b.type === 'text' ? b.text : 'other';
}
`,
  (i) => `import OpenAI from 'openai';
const openai = new OpenAI();
export const MODELS${i} = { fast: 'gpt-5-mini', smart: 'gpt-5' } as const;
export async function extract${i}(email: string) {
  const r = await openai.chat.completions.create({
    model: MODELS${i}.smart,
    max_completion_tokens: 300,
    response_format: { type: 'json_object' },
    messages: [
      { role: 'system', content: 'Extract order_id, amount and currency from the email as JSON.' },
      { role: 'user', content: email },
    ],
  });
  return r.choices[0]?.message.content;
}
`,
  (i) => `import OpenAI from 'openai';
const openai = new OpenAI();
export async function embed${i}(texts: string[]) {
  const r = await openai.embeddings.create({ model: 'text-embedding-3-small', input: texts });
  return r.data.map((d) => d.embedding);
}
export async function respond${i}(question: string) {
  const r = await openai.responses.create({ model: process.env.ANSWER_MODEL ?? 'gpt-5-mini', input: question, max_output_tokens: 400 });
  return r.output_text;
}
`,
  (i) => `import { anthropic } from '@ai-sdk/anthropic';
import { generateText } from 'ai';
export async function summarize${i}(thread: string): Promise<string> {
  const { text } = await generateText({
    model: anthropic('claude-sonnet-4-6'),
    system: 'Summarize the support thread in three bullet points for the next agent.',
    prompt: thread,
    maxOutputTokens: 200,
  });
  return text;
}
`,
  (i) => `import { ChatAnthropic } from '@langchain/anthropic';
const model = new ChatAnthropic({ model: 'claude-opus-4-7', maxTokens: 2000 });
export async function plan${i}(goal: string) {
  const r = await model.invoke([['system', 'Plan the refund investigation step by step.'], ['human', goal]]);
  return r.content;
}
`,
  (i) => `import { GoogleGenAI } from '@google/genai';
const ai = new GoogleGenAI({});
export async function language${i}(text: string) {
  const r = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: \`Which language is this? \${text}\` });
  return r.text;
}
`,
  (i) => `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic();
export async function complete${i}(model: string, system: string, user: string): Promise<string> {
  const r = await client.messages.create({ model, max_tokens: 512, system, messages: [{ role: 'user', content: user }] });
  const b = r.content[0];
  return b.type === 'text' ? b.text : '';
}
export function reply${i}(ticket: string) {
  return complete${i}('claude-sonnet-4-6', 'Draft a polite reply to the customer.', ticket);
}
export function sentiment${i}(ticket: string) {
  return complete${i}('claude-haiku-4-5', 'Answer positive, neutral or negative.', ticket);
}
`,
];

function plainFile(i: number, count: number): string {
  const dep = (i * 7 + 3) % count;
  const imports = i > 0 ? `import { helper${dep % i} } from './mod${dep % i}.js';\n` : '';
  const uses = i > 0 ? `helper${dep % i}(value.length)` : 'value.length';
  return `${imports}
export interface Record${i} { id: string; total: number; tags: string[]; createdAt: Date }

/** Utility ${i}: formatting and arithmetic typical of a service codebase. */
export function helper${i}(n: number): number {
  let acc = 0;
  for (let k = 0; k < n % 17; k++) acc += (k * ${i + 1}) % 13;
  return acc + n;
}

export class Service${i} {
  private readonly cache = new Map<string, Record${i}>();
  constructor(private readonly prefix: string) {}
  add(value: string, total: number): Record${i} {
    const record: Record${i} = { id: \`\${this.prefix}-\${value}\`, total: total + ${uses}, tags: value.split(','), createdAt: new Date(0) };
    this.cache.set(record.id, record);
    return record;
  }
  totals(): number {
    return [...this.cache.values()].reduce((sum, r) => sum + r.total, 0);
  }
  describe(id: string): string {
    const r = this.cache.get(id);
    return r ? \`\${r.id}: \${r.total.toFixed(2)} [\${r.tags.join('|')}]\` : 'missing';
  }
}
`;
}

/** A temp project of `count` files; every `every`-th file calls an LLM SDK. Returns its root and the LLM files. */
export function generateProject(count: number, every = 33): { root: string; llmFiles: string[] } {
  const root = mkdtempSync(join(tmpdir(), 'tierwise-bench-gen-'));
  mkdirSync(join(root, 'src', 'llm'), { recursive: true });
  writeFileSync(join(root, 'tsconfig.json'), TSCONFIG);
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'bench-generated', private: true, type: 'module' }));
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'), 'junction');
  const llmFiles: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i % every === every - 1) {
      const path = `src/llm/call${i}.ts`;
      writeFileSync(join(root, path), LLM_FILES[llmFiles.length % LLM_FILES.length](i));
      llmFiles.push(path);
    } else writeFileSync(join(root, 'src', `mod${i}.ts`), plainFile(i, count));
  }
  return { root, llmFiles };
}

/** Copies real TypeScript sources from node_modules (openai/src, @anthropic-ai/sdk/src) into a temp project. */
export function copyRealSources(): string {
  const root = mkdtempSync(join(tmpdir(), 'tierwise-bench-real-'));
  for (const pkg of ['openai', '@anthropic-ai/sdk']) {
    cpSync(join(REPO, 'node_modules', pkg, 'src'), join(root, 'src', pkg.replace('/', '__')), { recursive: true });
  }
  writeFileSync(join(root, 'tsconfig.json'), TSCONFIG);
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'), 'junction');
  return root;
}

/** Every .ts file under `dir` (skipping node_modules), absolute paths. */
export function tsFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) tsFiles(path, out);
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}
