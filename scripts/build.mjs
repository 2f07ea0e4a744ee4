// Bundles the CLI, the extension (with a lazily loaded engine bundle) and the webview with esbuild,
// and ships tiktoken's WASM next to the bundles that load it. Entries whose source does not exist
// yet are skipped, so the build works while the project grows.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(dirname(new URL(import.meta.url).pathname), '..');
const out = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const production = process.argv.includes('--production');
mkdirSync(out, { recursive: true });

// gpt-tokenizer's BPE rank tables (o200k_base alone is 2.4 MB of source) are not bundled: each is
// written to dist/bpe/ and required from there only when a scan first counts with that encoding.
// Keeping them out of engine.js and cli.js makes loading the bundles ~30% cheaper (V8 must scan
// every byte of a script before running it). src/engine/tokens/counter.ts names them literally.
const RANKS = ['o200k_base', 'cl100k_base', 'p50k_base', 'r50k_base'];
const ranksOutside = {
  name: 'bpe-ranks-outside',
  setup(b) {
    b.onResolve({ filter: /^gpt-tokenizer\/bpeRanks\/[a-z0-9_]+$/ }, (args) => ({ path: `./bpe/${args.path.split('/').pop()}.js`, external: true }));
  },
};

// User modules (profiling oracles) are imported by dist/importModule.js, a file of its own: the editor
// loads engine.js through V8's code cache, and in Node 20 code restored from a code cache cannot
// `import()` (src/profiling/oracles/importModule.ts).
const importModuleOutside = {
  name: 'import-module-outside',
  setup(b) {
    b.onResolve({ filter: /[\\/]importModule$/ }, () => ({ path: './importModule.js', external: true }));
  },
};

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  define: { 'process.env.TIERWISE_VERSION': JSON.stringify(pkg.version) },
  // Optional peer modules of SDKs we never call at run time.
  external: ['vscode'],
  plugins: [ranksOutside, importModuleOutside],
};

const entries = [
  { in: 'src/cli/main.ts', out: 'cli.js', opts: { ...node, banner: { js: '#!/usr/bin/env node' } } },
  { in: 'src/extension.ts', out: 'extension.js', opts: node },
  { in: 'src/editorEngine/engineEntry.ts', out: 'engine.js', opts: node },
  {
    in: 'webview/src/main.ts',
    out: 'webview.js',
    opts: { bundle: true, platform: 'browser', target: 'es2022', format: 'iife', sourcemap: production ? false : 'linked', minify: production, logLevel: 'warning', loader: { '.css': 'text' } },
  },
];

for (const entry of entries) {
  if (!existsSync(join(root, entry.in))) continue;
  await build({ ...entry.opts, entryPoints: [join(root, entry.in)], outfile: join(out, entry.out) });
}
await build({ ...node, plugins: [], entryPoints: [join(root, 'src/profiling/oracles/importModule.ts')], outfile: join(out, 'importModule.js') });

// Each table is written as JSON (V8 parses JSON several times faster than the same array written as
// JavaScript) behind a two-line module with the shape the bundles require.
mkdirSync(join(out, 'bpe'), { recursive: true });
for (const name of RANKS) {
  writeFileSync(join(out, 'bpe', `${name}.json`), JSON.stringify(require(`gpt-tokenizer/bpeRanks/${name}`).default));
  writeFileSync(
    join(out, 'bpe', `${name}.js`),
    `'use strict';\n// gpt-tokenizer's ${name} BPE ranks (written by scripts/build.mjs).\nexports.default = JSON.parse(require('node:fs').readFileSync(require('node:path').join(__dirname, '${name}.json'), 'utf8'));\n`,
  );
}
if (existsSync(join(root, 'webview/src/styles.css'))) copyFileSync(join(root, 'webview/src/styles.css'), join(out, 'webview.css'));

// tiktoken's node build reads `tiktoken_bg.wasm` from its own directory (`__dirname`), which after
// bundling is `dist/`.
copyFileSync(require.resolve('tiktoken/tiktoken_bg.wasm'), join(out, 'tiktoken_bg.wasm'));
console.log(`built ${entries.filter((e) => existsSync(join(root, e.in))).map((e) => e.out).join(', ')} into dist/`);
