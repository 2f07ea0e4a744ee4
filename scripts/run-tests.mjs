// Runs test suites with node's test runner (TypeScript through tsx).
// Usage: node scripts/run-tests.mjs [suite ...]   suites: unit integration webview vscode (default: all)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(new URL('.', import.meta.url).pathname, '..');
const all = ['unit', 'integration', 'webview', 'vscode'];
const suites = process.argv.slice(2).length ? process.argv.slice(2) : all;

function collect(dir) {
  if (!existsSync(dir)) return [];
  const files = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'fixtures' || name === 'node_modules') continue;
    if (statSync(path).isDirectory()) files.push(...collect(path));
    else if (name.endsWith('.test.ts')) files.push(path);
  }
  return files;
}

let failed = false;
for (const suite of suites) {
  const files = collect(join(root, 'test', suite)).map((f) => relative(root, f)).sort();
  if (files.length === 0) continue;
  console.log(`\n## ${suite}: ${files.length} test files`);
  const concurrency = suite === 'vscode' || suite === 'webview' ? '1' : '2';
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
    { cwd: root, stdio: 'inherit', env: { ...process.env, TIERWISE_TEST_SUITE: suite } },
  );
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
