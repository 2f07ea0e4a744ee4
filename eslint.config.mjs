// Lint rules that enforce part of the architecture (docs/ARCHITECTURE.md "Invariants"; the full
// layering is in .dependency-cruiser.cjs, run by `npm run check`):
// - only src/vscode/ and src/extension.ts may import 'vscode';
// - the CLI reaches the engine only through src/engine/api.ts.
import tseslint from 'typescript-eslint';

const noVscode = {
  paths: [{ name: 'vscode', message: "Only src/vscode/ and src/extension.ts may import 'vscode': the engine and the other front ends stay editor-free." }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/fixtures/**', 'examples/**', '.tools/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', noVscode],
    },
  },
  {
    files: ['src/vscode/**/*.ts', 'src/extension.ts', 'test/vscode/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The editor glue and the CLI are sibling front ends: shared logic lives in the engine.
    files: ['src/vscode/**/*.ts', 'src/extension.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/cli/**'], message: 'Front ends do not import each other: move shared code into src/engine and export it from api.ts.' }] }] },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        ...noVscode,
        patterns: [{ group: ['**/engine/*/**', '!**/engine/api'], message: 'The CLI imports the engine only through src/engine/api.ts.' }],
      }],
    },
  },
);
