import { describe, expect, it } from 'vitest';
import { onlyStatusIs, StatusKeyEvidence } from './status-sniff.ts';

describe('status sniffing', () => {
  it('recognises an unchanged top-level status without parsing', () => {
    expect(onlyStatusIs('{"id":"r","status":"running","result":null}', 'running')).toBe(true);
    expect(onlyStatusIs('{"id": "r", "status": "running"}', 'running')).toBe(true);
  });

  it('answers false at the least doubt, so the body gets parsed', () => {
    expect(onlyStatusIs('{"status":"completed"}', 'running')).toBe(false);
    expect(onlyStatusIs('{"status":"running_late"}', 'running')).toBe(false);
    expect(onlyStatusIs('{"status":"running","step":{"status":"done"}}', 'running')).toBe(false);
    expect(onlyStatusIs('{"state":"running"}', 'running')).toBe(false);
    expect(onlyStatusIs('{"status":\n"running"}', 'running')).toBe(false);
  });

  it('trusts the shortcut only for lifecycles whose status is the top-level key', () => {
    const evidence = new StatusKeyEvidence();
    for (let i = 0; i < 3; i++) evidence.learn({ status: 'running' }, 'running');
    expect(evidence.trusted).toBe(true);
    evidence.learn({ is_error: false, status: 'ok' }, 'completed');
    expect(evidence.trusted).toBe(false);
    for (let i = 0; i < 10; i++) evidence.learn({ status: 'running' }, 'running');
    expect(evidence.trusted).toBe(false);
  });
});
