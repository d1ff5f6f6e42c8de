import { describe, expect, it } from 'vitest';
import { checkLifecycle, type Observation } from './check.ts';
import { bundledProfile } from '../../config/index.ts';

// The bundled providers' lifecycles, as their profiles define them (specs/*.profile.yaml).
const deckLifecycle = bundledProfile('deck').runs[0]!.lifecycle;
const refactorLifecycle = bundledProfile('refactor').runs[0]!.lifecycle;
const rightbrainTaskLifecycle = bundledProfile('rightbrain').runs[0]!.lifecycle;
const rightbrainAgentLifecycle = bundledProfile('rightbrain').runs[1]!.lifecycle;

/** Observations one second apart, each a body merged from `extra` and the status. */
function seen(statuses: string[], extra: (status: string, index: number) => Record<string, unknown> = () => ({})): Observation[] {
  return statuses.map((status, index) => ({ body: { status, ...extra(status, index) }, observedAt: 1_000 * index }));
}

describe('checkLifecycle', () => {
  it('accepts a run that walks its lifecycle, repeating and skipping states', () => {
    expect(checkLifecycle(deckLifecycle, 'getTaskRun', seen(['queued', 'queued', 'running', 'interaction_required', 'running', 'review_required', 'completed']))).toEqual([]);
    // Polls may miss states: queued → completed skips running.
    expect(checkLifecycle(deckLifecycle, 'getTaskRun', seen(['queued', 'completed']))).toEqual([]);
    expect(checkLifecycle(refactorLifecycle, 'getRunState', seen(['running', 'waiting', 'running', 'timeout']))).toEqual([]);
  });

  it('accepts both Deck spellings of canceling and a cancel that loses the race', () => {
    expect(checkLifecycle(deckLifecycle, 'getTaskRun', seen(['running', 'cancelling', 'canceled']))).toEqual([]);
    expect(checkLifecycle(deckLifecycle, 'getTaskRun', seen(['running', 'canceling', 'completed']))).toEqual([]);
  });

  it('reports an illegal transition, with what was received and what is documented', () => {
    const violations = checkLifecycle(deckLifecycle, 'getTaskRun', seen(['running', 'canceling', 'running']));
    expect(violations).toEqual([expect.objectContaining({
      code: 'ILLEGAL_TRANSITION', where: 'lifecycle', part: 'run', operationId: 'getTaskRun', pointer: '/observations/2/status', received: 'running',
    })]);
    expect(violations[0]?.message).toBe('Received: canceling → running\nDocumented: canceling → canceled, completed, failed');
  });

  it('reports a terminal status that changed, once per change', () => {
    const violations = checkLifecycle(deckLifecycle, 'getTaskRun', seen(['running', 'completed', 'running', 'running']));
    expect(violations.map((violation) => violation.code)).toEqual(['TERMINAL_CHANGED']);
    expect(violations[0]).toMatchObject({ pointer: '/observations/2/status', received: 'running', documented: 'completed' });
    expect(checkLifecycle(rightbrainAgentLifecycle, 'getTaskAgentRun', seen(['failed', 'completed'])).map((v) => v.code)).toEqual(['TERMINAL_CHANGED']);
  });

  it('reports timestamps out of order: created after completed', () => {
    const violations = checkLifecycle(refactorLifecycle, 'getRunState', seen(['running', 'completed'], (status) => ({
      created_at: '2025-06-03T12:00:10Z', ...(status === 'completed' ? { completed_at: '2025-06-03T12:00:02Z' } : {}),
    })));
    expect(violations).toEqual([expect.objectContaining({ code: 'TIMESTAMPS_OUT_OF_ORDER', pointer: '/observations/1' })]);
    expect(violations[0]?.message).toContain('created_at 2025-06-03T12:00:10Z after completed_at 2025-06-03T12:00:02Z');
  });

  it('compares instants, not strings, and ignores unparsable timestamps', () => {
    const offset = seen(['completed'], () => ({ created_at: '2025-06-03T14:00:00+02:00', completed_at: '2025-06-03T12:30:00Z' }));
    expect(checkLifecycle(refactorLifecycle, 'getRunState', offset)).toEqual([]);
    const garbage = seen(['completed'], () => ({ created_at: 'yesterday', completed_at: '2025-06-03T12:30:00Z' }));
    expect(checkLifecycle(refactorLifecycle, 'getRunState', garbage)).toEqual([]);
  });

  it('checks Deck canceled_at and Rightbrain agent completed against creation', () => {
    const deck = seen(['canceled'], () => ({ created_at: '2025-06-03T11:47:12Z', canceled_at: '2025-06-03T11:47:00Z' }));
    expect(checkLifecycle(deckLifecycle, 'getTaskRun', deck).map((v) => v.code)).toEqual(['TIMESTAMPS_OUT_OF_ORDER']);
    const agent = seen(['completed'], () => ({ created: '2025-06-12T09:14:21.987113Z', completed: '2025-06-12T09:14:03.512407Z' }));
    expect(checkLifecycle(rightbrainAgentLifecycle, 'getTaskAgentRun', agent).map((v) => v.code)).toEqual(['TIMESTAMPS_OUT_OF_ORDER']);
  });

  it('reports a status the lifecycle does not know, and keeps checking after it', () => {
    const violations = checkLifecycle(deckLifecycle, 'getTaskRun', seen(['queued', 'pending', 'running']));
    expect(violations).toEqual([expect.objectContaining({ code: 'STATUS_UNKNOWN', received: 'pending', pointer: '/observations/1/status' })]);
    expect(checkLifecycle(deckLifecycle, 'getTaskRun', [{ body: { id: 'trun_1' }, observedAt: 0 }]).map((v) => v.code)).toEqual(['STATUS_UNKNOWN']);
  });

  it('treats every Rightbrain task run as terminal and never lets it change outcome', () => {
    const runs: Observation[] = [{ body: { id: 'a', is_error: false }, observedAt: 0 }, { body: { id: 'a', is_error: true }, observedAt: 1 }];
    expect(checkLifecycle(rightbrainTaskLifecycle, 'fetchTaskRun', runs).map((v) => v.code)).toEqual(['TERMINAL_CHANGED']);
  });
});
