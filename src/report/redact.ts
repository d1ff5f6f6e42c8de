/**
 * Defensive last pass over every rendered report: summaries are redacted at the source, but a token that slipped
 * into a message or a violation's `received` value must still never reach an artifact, a job summary or a PR comment.
 */
const PATTERNS: Array<[RegExp, string]> = [
  // Bearer credentials (a token has a digit, so prose such as "Bearer token missing" stays readable).
  [/\b(Bearer\s+)(?=[\w\-.~+/]*\d)[\w\-.~+/]{8,}=*/gi, '$1[REDACTED]'],
  // Basic credentials, only after an Authorization header name so the English word "basic" is untouched.
  [/\b(Authorization["']?\s*[:=]\s*["']?Basic\s+)[A-Za-z0-9+/]{4,}=*/gi, '$1[REDACTED]'],
  // Stripe-style secret keys, as Deck documents them: `sk_live_…`, `sk_test_…`, and restricted `rk_…` keys.
  [/\b([sr]k_(?:live|test))_[A-Za-z0-9]{4,}/g, '$1_[REDACTED]'],
  // Bare JWTs (Rightbrain's bearer format), wherever they appear.
  [/\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, '[REDACTED_JWT]'],
];

/** Replaces credentials in rendered text with `[REDACTED]` markers; safe inside JSON, XML, HTML and Markdown. */
export function redactSecrets(text: string): string {
  let result = text;
  for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

/** A copy of a JSON-serialisable value with every string redacted: run before escaping, which would hide a pattern. */
export function redactDeep<T>(value: T): T {
  return JSON.parse(redactSecrets(JSON.stringify(value))) as T;
}
