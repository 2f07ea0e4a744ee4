/**
 * Calls whose result is still statically known: `[...].join(sep)` of a literal array, repository
 * files read with `fs.readFileSync` / `readFile` / `fs.promises.readFile` of a literal path
 * (optionally `path.join(__dirname, ...)`), and AI SDK provider factories (`anthropic('id')`,
 * `openai.chat('id')`, `createAnthropic(...)('id')`). Anything else is `unknown`, unless the
 * checker types the result as a literal union.
 */
import * as path from 'node:path';
import { Node } from 'ts-morph';
import type { CallExpression } from 'ts-morph';
import { MAX_CANDIDATES, exprText, makeStep, unknownRes, withStep } from './common';
import type { EvalState, Res, Value } from './common';
import type { Candidate, Span } from '../../model';
import { declarationOf, importedFrom, rootIdentifier, unwrap } from './symbols';
import { followToLiteral } from './objects';
import { evaluate, fallbackOrUnknown } from './evaluate';

const FS_MODULES = new Set(['fs', 'node:fs', 'fs/promises', 'node:fs/promises']);
const READ_FUNCTIONS = new Set(['readFileSync', 'readFile']);

/** Result of a call expression. */
export function evalCall(call: CallExpression, st: EvalState): Res<Value> {
  const callee = unwrap(call.getExpression());
  if (Node.isPropertyAccessExpression(callee) && callee.getName() === 'join') {
    const joined = evalJoin(call, st);
    if (joined) return joined;
  }
  if (isFileRead(call)) return evalFileRead(call, st);
  const factory = providerFactory(call);
  if (factory) {
    const arg = call.getArguments()[0];
    if (!arg) return unknownRes(`provider factory \`${exprText(callee)}\` is called without a model id`, call, st);
    return withStep(evaluate(arg, st), makeStep('provider-factory', call, st, { note: `model factory from ${factory}` }));
  }
  return fallbackOrUnknown(call, st, `function call result \`${exprText(callee)}()\` is not statically known`);
}

/** `['a', 'b'].join('\n')` (directly or through a const). */
function evalJoin(call: CallExpression, st: EvalState): Res<Value> | undefined {
  const callee = unwrap(call.getExpression());
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const array = followToLiteral(callee.getExpression(), st);
  if (!array || !Node.isArrayLiteralExpression(array.node)) return undefined;
  const sepArg = call.getArguments()[0];
  const sepRes = sepArg ? evaluate(sepArg, st) : undefined;
  if (sepRes && (sepRes.candidates.length !== 1 || sepRes.unknown.length > 0)) return undefined;
  const separator = sepRes ? String(sepRes.candidates[0].value) : ',';
  let acc: Array<{ parts: string[]; via: Candidate<Value>['via'] }> = [{ parts: [], via: [] }];
  for (const element of array.node.getElements()) {
    if (Node.isSpreadElement(element)) return unknownRes(`\`${exprText(element)}\` spreads an array that is not statically known`, call, st);
    const res = evaluate(element, array.st);
    if (res.candidates.length === 0) {
      return unknownRes(`element \`${exprText(element)}\` of the joined array is not statically known: ${res.unknown.map((u) => u.reason).join('; ')}`, call, st);
    }
    acc = acc.flatMap((a) => res.candidates.map((c) => ({ parts: [...a.parts, String(c.value)], via: [...a.via, ...c.via] }))).slice(0, MAX_CANDIDATES);
  }
  const definedAt = st.ctx.span(array.node);
  const step = makeStep('template', call, st, { note: 'array joined' });
  return { candidates: acc.map((a) => ({ value: a.parts.join(separator), via: [step, ...a.via], definedAt })), unknown: [] };
}

/** `readFileSync(p)`, `readFile(p)`, `fs.readFileSync(p)`, `fs.promises.readFile(p)`, `fsp.readFile(p)`. */
export function isFileRead(call: CallExpression): boolean {
  const callee = unwrap(call.getExpression());
  const name = Node.isIdentifier(callee) ? callee.getText() : Node.isPropertyAccessExpression(callee) ? callee.getName() : undefined;
  if (!name || !READ_FUNCTIONS.has(name)) return false;
  const root = rootIdentifier(callee);
  if (!root) return false;
  const from = importedFrom(root);
  return from !== undefined && FS_MODULES.has(from);
}

/** Reads the file named by the first argument through the workspace reader. */
export function evalFileRead(call: CallExpression, st: EvalState): Res<Value> {
  const arg = call.getArguments()[0];
  if (!arg) return unknownRes('file read without a path', call, st);
  const file = filePath(arg, st);
  if (typeof file !== 'string') return unknownRes(`the path of \`${exprText(call)}\` is not statically known: ${file.reason}`, call, st);
  const content = st.ctx.readWorkspaceFile(file, call.getSourceFile());
  const relative = path.relative(st.ctx.root, file).split(path.sep).join('/');
  if (content === undefined) {
    return unknownRes(`file \`${relative}\` read by \`${exprText(call)}\` is missing or outside the workspace`, call, st);
  }
  const lines = content.split('\n');
  const definedAt: Span = {
    file: relative,
    start: { line: 0, character: 0 },
    end: { line: lines.length - 1, character: lines[lines.length - 1].length },
  };
  const step = makeStep('file-read', call, st, { note: relative });
  return { candidates: [{ value: content, via: [step], definedAt }], unknown: [] };
}

/**
 * The absolute path a file-read argument names: a literal (relative to the workspace root, where
 * the service runs), or `path.join/resolve(__dirname | import.meta.dirname, ...)` (relative to the file).
 */
function filePath(arg: Node, st: EvalState): string | { reason: string } {
  const target = unwrap(arg);
  if (Node.isCallExpression(target)) {
    const callee = unwrap(target.getExpression());
    const fn = Node.isPropertyAccessExpression(callee) ? callee.getName() : Node.isIdentifier(callee) ? callee.getText() : '';
    const root = rootIdentifier(callee);
    const fromPath = root && ['path', 'node:path'].includes(importedFrom(root) ?? '');
    if ((fn === 'join' || fn === 'resolve') && fromPath) {
      const [first, ...rest] = target.getArguments();
      const isDirname = first && ['__dirname', 'import.meta.dirname'].includes(first.getText());
      const base = isDirname ? path.dirname(target.getSourceFile().getFilePath()) : st.ctx.root;
      const parts = isDirname ? rest : target.getArguments();
      const texts: string[] = [];
      for (const part of parts) {
        const res = evaluate(part, st);
        if (res.candidates.length !== 1 || res.unknown.length > 0) return { reason: `\`${exprText(part)}\` is not a single known string` };
        texts.push(String(res.candidates[0].value));
      }
      return path.resolve(base, ...texts);
    }
  }
  const res = evaluate(arg, st);
  if (res.candidates.length !== 1 || res.unknown.length > 0) return { reason: `\`${exprText(arg)}\` is not a single known string` };
  return path.resolve(st.ctx.root, String(res.candidates[0].value));
}

/** The AI SDK provider module when `call` builds a model (`anthropic('id')`, `openai.chat('id')`, `myProvider('id')`). */
export function providerFactory(call: CallExpression): string | undefined {
  const callee = unwrap(call.getExpression());
  const root = Node.isCallExpression(callee) ? rootIdentifier(callee.getExpression()) : rootIdentifier(callee);
  if (!root) return undefined;
  const direct = importedFrom(root);
  if (direct && isProviderModule(direct)) return direct;
  // `const claude = createAnthropic({...})` then `claude('id')`.
  const decl = declarationOf(root);
  const init = decl && Node.isVariableDeclaration(decl) ? decl.getInitializer() : undefined;
  const initCall = init ? unwrap(init) : undefined;
  if (initCall && Node.isCallExpression(initCall)) {
    const creator = rootIdentifier(initCall.getExpression());
    const from = creator ? importedFrom(creator) : undefined;
    if (from && isProviderModule(from)) return from;
  }
  return undefined;
}

function isProviderModule(specifier: string): boolean {
  return specifier.startsWith('@ai-sdk/') || specifier.endsWith('ai-sdk-provider') || specifier.startsWith('@openrouter/');
}
