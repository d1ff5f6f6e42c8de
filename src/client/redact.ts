/** What a redacted secret is replaced with in messages, logs and reports. */
export const REDACTED = '[REDACTED]';

/** Secrets shorter than this are not redacted: replacing "a" everywhere would garble messages and protect nothing. */
const MIN_SECRET_LENGTH = 4;

/** Replaces every occurrence of each secret in `text`. The one gate every client error message passes through. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret === undefined || secret.length < MIN_SECRET_LENGTH) continue;
    result = result.split(secret).join(REDACTED);
  }
  return result;
}

/** Redacts secrets anywhere inside a JSON value (a provider's error body may echo the request). */
export function redactValue<T>(value: T, secrets: readonly (string | undefined)[]): T {
  if (value === undefined || secrets.every((secret) => secret === undefined || secret.length < MIN_SECRET_LENGTH)) return value;
  if (typeof value === 'string') return redact(value, secrets) as T;
  return JSON.parse(redact(JSON.stringify(value), secrets.map((secret) => secret && JSON.stringify(secret).slice(1, -1)))) as T;
}
