import { describe, expect, it } from 'vitest';
import { REDACTED, redact, redactValue } from './redact.ts';

describe('redact', () => {
  it('replaces every occurrence of every secret', () => {
    expect(redact('Bearer sk_live_abc and sk_live_abc again', ['sk_live_abc'])).toBe(`Bearer ${REDACTED} and ${REDACTED} again`);
  });

  it('ignores missing and very short secrets', () => {
    expect(redact('a b c', [undefined, 'a'])).toBe('a b c');
  });

  it('redacts inside JSON values, including secrets that need escaping', () => {
    const secret = 'tok"en\\1234';
    expect(redactValue({ detail: { message: `bad token ${secret}` }, list: [secret] }, [secret]))
      .toEqual({ detail: { message: `bad token ${REDACTED}` }, list: [REDACTED] });
  });
});
