import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../core/summary.ts';
import { renderHtml } from './html-report.ts';
import { renderJson } from './json-report.ts';
import { renderJunit } from './junit-report.ts';
import { renderMarkdown } from './markdown-report.ts';
import { redactSecrets } from './redact.ts';
import { buildRunSummary } from './testing/fixtures.ts';

const BEARER = 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEyMyJ9.c2lnbmF0dXJl';
const DECK_KEY = 'sk_live_51HxYzAbCdEf0123456789';

/** A summary in which secrets leaked into a check message, a violation and a scenario's violation samples. */
function leakySummary(): RunSummary {
  const summary = buildRunSummary({ requests: 200 });
  const [first] = summary.checks;
  if (!first) throw new Error('fixture has no checks');
  first.ok = false;
  first.message = `Request sent with Authorization: ${BEARER}\nand header x-api-key: ${DECK_KEY}`;
  first.violations = [{ operationId: 'runTask', where: 'request', part: 'header', code: 'HEADER_MISSING', message: `Received: ${DECK_KEY}`, received: BEARER }];
  summary.load[0]?.violations.samples.push({ operationId: 'getTaskRun', where: 'request', part: 'header', code: 'PARAMETER_INVALID', message: `Received: Authorization: Basic dXNlcjpzM2NyZXQ=`, received: DECK_KEY });
  return summary;
}

describe('redactSecrets', () => {
  it('masks bearer tokens, Stripe-style keys, Basic credentials and bare JWTs', () => {
    expect(redactSecrets(`Authorization: ${BEARER}`)).toBe('Authorization: Bearer [REDACTED]');
    expect(redactSecrets(`key ${DECK_KEY} used`)).toBe('key sk_live_[REDACTED] used');
    expect(redactSecrets('sk_test_abcdEFGH1234')).toBe('sk_test_[REDACTED]');
    expect(redactSecrets('Authorization: Basic dXNlcjpzM2NyZXQ=')).toBe('Authorization: Basic [REDACTED]');
    expect(redactSecrets('token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc_DEF-123')).toBe('token [REDACTED_JWT]');
  });

  it('leaves prose that merely mentions the schemes alone', () => {
    const prose = 'Bearer token missing; basic checks passed; Basic auth is not documented';
    expect(redactSecrets(prose)).toBe(prose);
  });

  it('keeps JSON valid when it redacts inside strings', () => {
    const json = JSON.stringify({ header: `${BEARER}`, key: DECK_KEY });
    expect(JSON.parse(redactSecrets(json))).toEqual({ header: 'Bearer [REDACTED]', key: 'sk_live_[REDACTED]' });
  });
});

describe('every report format', () => {
  it('never contains a secret that leaked into the summary', async () => {
    const summary = leakySummary();
    const outputs = { json: renderJson(summary), markdown: renderMarkdown(summary), junit: renderJunit(summary), html: await renderHtml(summary) };
    for (const [format, text] of Object.entries(outputs)) {
      expect.soft(text, format).not.toContain('eyJhbGciOiJIUzI1NiJ9');
      expect.soft(text, format).not.toContain('51HxYzAbCdEf0123456789');
      expect.soft(text, format).not.toContain('dXNlcjpzM2NyZXQ=');
      expect.soft(text, format).toMatch(/REDACTED/);
    }
  });
});
