/**
 * Test helpers for value resolution: a real ts-morph Project and AnalysisContext over a fixture
 * directory, and finding a call expression by the text it starts with.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Node, Project } from 'ts-morph';
import type { CallExpression, SourceFile } from 'ts-morph';
import type { AnalysisContext } from '../../../../src/engine/analysis/types';

/** Absolute path of `test/fixtures/<name>`. */
export function fixtureDir(name: string): string {
  return path.join(__dirname, '..', '..', '..', 'fixtures', name);
}

/** A real analysis context over every `.ts` file of the fixture. */
export function fixtureContext(name: string): AnalysisContext {
  const root = fixtureDir(name);
  const project = new Project({ compilerOptions: { strict: true, target: 9, module: 99, moduleResolution: 100, esModuleInterop: true, skipLibCheck: true } });
  project.addSourceFilesAtPaths(path.join(root, '**/*.ts'));
  const relativePath = (file: SourceFile) => path.relative(root, file.getFilePath()).split(path.sep).join('/');
  return {
    root,
    project,
    relativePath,
    span(node: Node) {
      const file = node.getSourceFile();
      const start = file.getLineAndColumnAtPos(node.getStart());
      const end = file.getLineAndColumnAtPos(node.getEnd());
      return { file: relativePath(file), start: { line: start.line - 1, character: start.column - 1 }, end: { line: end.line - 1, character: end.column - 1 } };
    },
    readWorkspaceFile(file: string, from: SourceFile) {
      const absolute = path.isAbsolute(file) ? file : path.resolve(path.dirname(from.getFilePath()), file);
      if (path.relative(root, absolute).startsWith('..') || !existsSync(absolute)) return undefined;
      return readFileSync(absolute, 'utf8');
    },
    maxCallerDepth: 3,
    hasSdkTypes: () => true,
  };
}

/** The first call expression (in file order) whose text starts with `prefix`, in `file` (relative). */
export function findCall(ctx: AnalysisContext, file: string, prefix: string): CallExpression {
  const source = ctx.project.getSourceFileOrThrow(path.join(ctx.root, file));
  const call = source.getDescendants().find((n): n is CallExpression => Node.isCallExpression(n) && n.getText().startsWith(prefix));
  if (!call) throw new Error(`no call starting with ${prefix} in ${file}`);
  return call;
}

/** The value of property `name` in the first argument (the request object) of `call`. */
export function requestProperty(call: CallExpression, name: string): Node {
  const arg = call.getArguments()[0];
  if (!arg || !Node.isObjectLiteralExpression(arg)) throw new Error('first argument is not an object literal');
  const prop = arg.getProperty(name);
  if (!prop) throw new Error(`no property ${name}`);
  if (Node.isPropertyAssignment(prop)) return prop.getInitializerOrThrow();
  return Node.isShorthandPropertyAssignment(prop) ? prop.getNameNode() : prop;
}
