// Quality oracle for ticket-thread summaries (tasks.summarization.oracle in tierwise.yml).
// A summary passes when it has at most `maxBullets` bullet points and mentions every fact in
// `expected.mustMention` (case-insensitive); the score is the fraction of facts mentioned.
export default function gradeSummary(output, sample) {
  const { mustMention = [], maxBullets = 5 } = sample.expected ?? {};
  const bullets = output.split('\n').filter((line) => /^\s*([-*•]|\d+\.)\s+/.test(line)).length;
  const text = output.toLowerCase();
  const missing = mustMention.filter((fact) => !text.includes(String(fact).toLowerCase()));
  const score = mustMention.length ? (mustMention.length - missing.length) / mustMention.length : 1;
  if (bullets === 0) return { pass: false, score: 0, reason: 'no bullet points' };
  if (bullets > maxBullets) return { pass: false, score, reason: `${bullets} bullets (max ${maxBullets})` };
  if (missing.length) return { pass: false, score, reason: `missing: ${missing.join(', ')}` };
  return { pass: true, score, reason: `${bullets} bullets, every fact mentioned` };
}
