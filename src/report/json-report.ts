import type { RunSummary } from '../core/summary.ts';
import { redactSecrets } from './redact.ts';

/** summary.json: the summary as is (schema in docs/summary-schema.md), pretty-printed, secrets redacted. */
export function renderJson(summary: RunSummary): string {
  return redactSecrets(`${JSON.stringify(summary, null, 2)}\n`);
}
