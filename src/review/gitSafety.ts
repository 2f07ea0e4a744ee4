/**
 * Running git in a repository Tierwise does not trust (`tierwise diff`, the editor's "Compare Cost
 * with Branch…"): the repository's own configuration (`.git/config`, its includes, worktree config)
 * and hooks must not run anything. git has no switch to ignore repository config, so every key of
 * repository scope that names a program is overridden on the command line (`-c`, which wins over
 * every file), hooks point at an empty path, fsmonitor is off and the `ext::` transport is refused.
 * The user's own global and system config stay in force (their credential helpers still work).
 * Refs given by the user are validated here and always passed after `--end-of-options`.
 */
import { devNull } from 'node:os';
import { TierwiseError } from '../engine/errors';

/** Overrides applied to every git command, whatever the repository says. */
const ALWAYS: readonly string[] = [
  'core.fsmonitor=false',
  `core.hooksPath=${devNull}`,
  'protocol.ext.allow=never',
  'gc.auto=0',
  'maintenance.auto=false',
];

/**
 * Options for `git fetch`: `remote.<name>.uploadpack` is first-one-wins (a `-c` cannot override the
 * repository's), so the program is named on the command line, which wins.
 */
export const FETCH_SAFETY: readonly string[] = ['--upload-pack=git-upload-pack'];

/**
 * Keys (lower-case, as git lists them) whose value git runs as a program, with the value that
 * disables them. A key matched here in repository scope is overridden.
 */
const EXECUTING: ReadonlyArray<[RegExp, string]> = [
  [/^core\.(sshcommand|gitproxy|askpass|editor|pager|alternaterefscommand)$/, ''],
  [/^core\.fsmonitor$/, 'false'],
  [/^sequence\.editor$/, ''],
  [/^pager\..+$/, 'false'],
  [/^diff\.external$/, ''],
  [/^diff\..+\.(command|textconv)$/, ''],
  [/^merge\..+\.driver$/, ''],
  [/^filter\..+\.(smudge|clean|process)$/, ''],
  [/^filter\..+\.required$/, 'false'],
  [/^gpg\.(.+\.)?program$/, ''],
  [/^uploadpack\.packobjectshook$/, ''],
  [/^interactive\.difffilter$/, ''],
  [/^protocol\.(.+\.)?allow$/, ''],
];

/** `credential.helper` / `credential.<url>.helper`: multi-valued, reset then re-added from trusted scopes. */
const CREDENTIAL_HELPER = /^credential\.(.+\.)?helper$/;

/** One config entry as `git config --list --show-scope -z` prints it. */
export interface ConfigEntry {
  scope: string;
  key: string;
  value: string;
}

/** Parses `git config --list --show-scope -z` output (`scope\0key\nvalue\0...`). */
export function parseConfigList(output: string): ConfigEntry[] {
  const tokens = output.split('\0');
  const entries: ConfigEntry[] = [];
  for (let i = 0; i + 1 < tokens.length; i += 2) {
    const [key, ...rest] = tokens[i + 1].split('\n');
    entries.push({ scope: tokens[i], key: key.toLowerCase(), value: rest.join('\n') });
  }
  return entries;
}

/** True for the scopes a repository controls (its `.git/config`, worktree config and their includes). */
function untrustedScope(scope: string): boolean {
  return scope === 'local' || scope === 'worktree';
}

/**
 * The `-c` arguments that neutralise a repository's config: the fixed overrides, every
 * program-running key the repository sets, and credential helpers reset to the user's own.
 */
export function hardeningArgs(entries: readonly ConfigEntry[]): string[] {
  const overrides: string[] = [...ALWAYS];
  const seen = new Set<string>();
  for (const entry of entries) {
    if (!untrustedScope(entry.scope) || seen.has(entry.key)) continue;
    const rule = EXECUTING.find(([pattern]) => pattern.test(entry.key));
    if (rule) {
      seen.add(entry.key);
      overrides.push(`${entry.key}=${entry.key.startsWith('protocol.') ? 'never' : rule[1]}`);
    } else if (CREDENTIAL_HELPER.test(entry.key)) {
      seen.add(entry.key);
      overrides.push(`${entry.key}=`);
      for (const trusted of entries) if (trusted.key === entry.key && !untrustedScope(trusted.scope)) overrides.push(`${entry.key}=${trusted.value}`);
    }
  }
  return overrides.flatMap((o) => ['-c', o]);
}

/** The fixed overrides alone (for the one command that reads the config itself). */
export function baseHardeningArgs(): string[] {
  return ALWAYS.flatMap((o) => ['-c', o]);
}

/** Characters a revision may contain: ref names, `~N`, `^`, `@{...}`, hex ids. */
const REVISION = /^[A-Za-z0-9._/@{}~^-]+$/;

/**
 * Checks a revision given by the user (`--base`, `--head`, the editor's ref picker): not an option
 * (`--upload-pack=...`), not a refspec (`a:b`, `+a`), no whitespace or control characters.
 */
export function validateRevision(ref: string, field: string): string {
  const problem =
    ref.length === 0 ? 'is empty'
    : ref.length > 256 ? 'is longer than 256 characters'
    : ref.startsWith('-') ? 'starts with `-` (git would read it as an option)'
    : !REVISION.test(ref) ? 'contains characters a branch, tag or commit cannot contain'
    : ref.includes('..') ? 'is a range (`a..b`), not one revision'
    : undefined;
  if (!problem) return ref;
  const shown = JSON.stringify(ref.length > 80 ? `${ref.slice(0, 80)}…` : ref);
  throw new TierwiseError('bad-revision', `${field} ${shown} ${problem}`, `pass a branch, tag or commit, e.g. ${field}=main or ${field}=HEAD~1`, { field });
}
