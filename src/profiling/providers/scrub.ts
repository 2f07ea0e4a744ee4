/** Removes API keys from any text that may reach a log, a result file or an error message. */

/** Key-looking tokens (`sk-...`, `sk-ant-...`) even when the exact key is not known. */
const KEY_PATTERN = /\b(sk-(?:ant-)?[A-Za-z0-9_-]{8,})\b/g;

/** Replaces every known secret and every key-looking token in `text` with `[redacted]`. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out.replace(KEY_PATTERN, '[redacted]');
}
