// Validates bench/corpus/*.truth.json against truth.schema.json and checks that every cited
// file:line exists in the pinned snapshot (when the mirror is present). Usage: node bench/corpus/validate.mjs [file ...]
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';

const here = dirname(fileURLToPath(import.meta.url));
const mirror = process.env.TIERWISE_CORPUS_MIRROR ?? '/work/.mirror';
const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(join(here, 'truth.schema.json'), 'utf8')));
const files = process.argv.slice(2).length ? process.argv.slice(2) : readdirSync(here).filter((f) => f.endsWith('.truth.json')).map((f) => join(here, f));
let bad = 0;
for (const file of files) {
  const truth = JSON.parse(readFileSync(file, 'utf8'));
  if (!validate(truth)) {
    bad++;
    console.log(`${file}: ${validate.errors.map((e) => `${e.instancePath} ${e.message}`).join('; ')}`);
    continue;
  }
  const gitDir = join(mirror, truth.repo.replace('/', '+'), 'repo');
  if (!existsSync(gitDir)) { console.log(`${file}: ok (schema); snapshot absent, lines not checked`); continue; }
  const cache = new Map();
  const lines = (path) => {
    if (!cache.has(path)) {
      try { cache.set(path, execFileSync('git', ['--git-dir', gitDir, 'show', `${truth.commit}:${path}`], { maxBuffer: 64e6 }).toString().split('\n')); }
      catch { cache.set(path, null); }
    }
    return cache.get(path);
  };
  const problems = [];
  for (const [kind, list] of [['callSites', truth.callSites], ['implementations', truth.implementations], ['silentFiles', truth.silentFiles]]) {
    for (const entry of list) {
      const text = lines(entry.file);
      if (!text) problems.push(`${kind}: ${entry.file} is not in ${truth.commit}`);
      else if (entry.line && (entry.line > text.length || !text[entry.line - 1].trim())) problems.push(`${kind}: ${entry.file}:${entry.line} is empty or past the end`);
    }
  }
  const keys = truth.callSites.map((c) => `${c.file}:${c.line}`);
  const dupes = keys.filter((k, i) => keys.indexOf(k) !== i);
  if (dupes.length) problems.push(`duplicate call sites: ${dupes.join(', ')}`);
  if (problems.length) { bad++; console.log(`${file}:\n  ${problems.join('\n  ')}`); }
  else console.log(`${file}: ok (${truth.callSites.length} call sites, ${truth.implementations.length} implementations, ${truth.silentFiles.length} silent files)`);
}
process.exit(bad ? 1 : 0);
