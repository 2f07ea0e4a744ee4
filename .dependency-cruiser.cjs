/**
 * The layering of Tierwise as rules (docs/ARCHITECTURE.md "Layers" and "Invariants"). `npm run
 * check` runs them (`depcruise src webview/src`), so `npm test` and CI fail when a boundary is
 * crossed. Layers, bottom up:
 *   src/format            presentation formatting (browser-safe, no Node)
 *   src/engine            analysis, sizing, pricing, recommendation, projection (api.ts is its door)
 *   src/profiling, src/review     built on the engine
 *   src/protocol          host <-> webview messages: types and pure guards
 *   src/editorEngine      the engine bundle the editor loads lazily (dist/engine.js)
 *   src/cli, src/vscode (+ src/extension.ts), webview/src     front ends
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'engine-data-is-plain',
      comment:
        'The data contract (src/engine/model.ts, data/) and the error type (errors.ts) are plain modules every layer may import as values ' +
        '(TASK_TYPES, isTierwiseError): they import nothing but each other.',
      severity: 'error',
      from: { path: '^src/engine/(model\\.ts|errors\\.ts|data/)' },
      to: { pathNot: '^src/engine/(model\\.ts|errors\\.ts|data/)' },
    },
    {
      name: 'format-is-a-leaf',
      comment: 'src/format/ is imported by every surface, the webview included: it imports nothing but unit types, and no Node module.',
      severity: 'error',
      from: { path: '^src/format/' },
      to: { pathNot: ['^src/format/', '^src/engine/data/units\\.ts$'] },
    },
    {
      name: 'engine-imports-nothing-above-it',
      comment: 'The engine is the bottom layer: it never imports profiling, review, protocol, the editor bundles or a front end.',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: '^(src/(profiling|review|audit|protocol|editorEngine|cli|vscode)/|src/extension\\.ts$|webview/)' },
    },
    {
      name: 'profiling-and-review-stay-below-the-front-ends',
      comment: 'Profiling and review are libraries for the front ends: they never import a front end, the editor bundle or the webview protocol.',
      severity: 'error',
      from: { path: '^src/(profiling|review|audit)/' },
      to: { path: '^(src/(editorEngine|cli|vscode)/|src/extension\\.ts$|webview/)' },
    },
    {
      name: 'profiling-and-review-take-only-protocol-types',
      comment: 'review/diffView.ts shapes a diff as the webview protocol\'s DiffView: a type-only dependency.',
      severity: 'error',
      from: { path: '^src/(profiling|review|audit)/' },
      to: { path: '^src/protocol/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'protocol-is-type-only',
      comment: 'src/protocol/ describes plain JSON messages: it imports other layers for their types only (never code), so the webview bundle stays small and editor-free.',
      severity: 'error',
      from: { path: '^src/protocol/' },
      to: { pathNot: ['^src/protocol/', '^src/engine/(model\\.ts|errors\\.ts|data/)'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'editor-host-imports-only-types-from-the-engine',
      comment: 'src/vscode/ ships in dist/extension.js, which must activate in milliseconds: it takes only types from the engine and from src/editorEngine/ (the engine bundle is loaded at run time by engineHost.ts).',
      severity: 'error',
      from: { path: '^(src/vscode/|src/extension\\.ts$)' },
      to: { path: '^src/(engine|editorEngine|profiling|review|audit)/', pathNot: '^src/engine/(model\\.ts|errors\\.ts|data/)', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'editor-engine-never-imports-vscode',
      comment: 'src/editorEngine/ runs inside dist/engine.js without the editor API: it never imports vscode or the host side.',
      severity: 'error',
      from: { path: '^src/editorEngine/' },
      to: { path: '^(vscode$|src/vscode/|src/extension\\.ts$)' },
    },
    {
      name: 'only-the-editor-host-imports-vscode',
      comment: "Only src/vscode/ and src/extension.ts may import 'vscode': everything else stays editor-free.",
      severity: 'error',
      from: { pathNot: '^(src/vscode/|src/extension\\.ts$)' },
      to: { path: '^vscode$' },
    },
    {
      name: 'front-ends-do-not-import-each-other',
      comment: 'The CLI, the editor (host and engine bundle) and the webview are siblings: shared code lives below them.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^(src/(vscode|editorEngine|protocol)/|src/extension\\.ts$|webview/)' },
    },
    {
      name: 'editor-does-not-import-the-cli',
      comment: 'The CLI, the editor (host and engine bundle) and the webview are siblings: shared code lives below them.',
      severity: 'error',
      from: { path: '^(src/(vscode|editorEngine)/|src/extension\\.ts$)' },
      to: { path: '^(src/cli/|webview/)' },
    },
    {
      name: 'webview-imports-only-protocol-format-and-engine-types',
      comment: 'The webview runs in a browser: it imports the protocol, src/format/ and engine types, nothing with Node or editor code.',
      severity: 'error',
      from: { path: '^webview/' },
      to: { path: '^src/', pathNot: ['^src/protocol/', '^src/format/', '^src/engine/(model\\.ts|errors\\.ts|data/)'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'cli-enters-the-engine-through-its-api',
      comment: 'The CLI imports the engine only through src/engine/api.ts (and the plain model.ts and errors.ts, which main.ts uses without loading TypeScript).',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/engine/', pathNot: '^src/engine/(api|model|errors)\\.ts$' },
    },
    {
      name: 'no-circular',
      comment:
        'No import cycles outside the recursive evaluator (see the next rule). Known exception until the profiling runner is rewritten ' +
        '(issue 17): runner/batchRun.ts <-> runner/runProfile.ts.',
      severity: 'error',
      from: { pathNot: ['^src/engine/analysis/resolve/', '^src/profiling/runner/(batchRun|runProfile)\\.ts$'] },
      to: { circular: true },
    },
    {
      name: 'evaluator-cycle-stays-inside-resolve',
      comment:
        'The one documented cycle: src/engine/analysis/resolve/ evaluates expressions by following declarations, objects and calls, ' +
        'whose readers call back into evaluate(). The cycle stays among resolve/ modules (docs/ARCHITECTURE.md "Invariants").',
      severity: 'error',
      from: { path: '^src/engine/analysis/resolve/' },
      to: { circular: true, via: { pathNot: '^src/engine/analysis/resolve/' } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|test|bench|examples)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
