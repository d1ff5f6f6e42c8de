import { describe, expect, it } from 'vitest';
import { classifyStates } from './classify-states.ts';

describe('classifyStates', () => {
  it('splits success from failure by name and starts runs in the queue-like state', () => {
    const guess = classifyStates(['pending', 'working', 'done', 'error'], { hasCancel: false });
    expect(guess).toMatchObject({ initial: ['pending'], success: ['done'], failure: ['error'], unrecognized: [] });
    expect(guess.initialBy.confidence).toBe('medium');
  });

  it('never lets a run return to a queue-like state, but lets working states move between each other', () => {
    const { transitions } = classifyStates(['queued', 'running', 'paused', 'completed', 'failed'], { hasCancel: false });
    expect(transitions).toEqual({
      queued: ['running', 'paused', 'completed', 'failed'],
      running: ['paused', 'completed', 'failed'],
      paused: ['running', 'completed', 'failed'],
    });
  });

  it('takes the first working state as initial, at low confidence, when none is named like a queue, and lets runs return to it', () => {
    const guess = classifyStates(['running', 'waiting', 'completed', 'failed', 'cancelled', 'timeout'], { hasCancel: false });
    expect(guess.initial).toEqual(['running']);
    expect(guess.initialBy.confidence).toBe('low');
    expect(guess.transitions.waiting).toEqual(['running', 'completed', 'failed', 'cancelled', 'timeout']);
  });

  it('reads `waiting` as initial only when it is the first state listed', () => {
    expect(classifyStates(['waiting', 'running', 'ok'], { hasCancel: false }).initial).toEqual(['waiting']);
  });

  it('matches SCREAMING_CASE states with a shared prefix', () => {
    const guess = classifyStates(['JOB_STATE_QUEUED', 'JOB_STATE_RUNNING', 'JOB_STATE_SUCCEEDED', 'JOB_STATE_FAILED', 'JOB_STATE_CANCELLED'], { hasCancel: true });
    expect(guess).toMatchObject({
      initial: ['JOB_STATE_QUEUED'], success: ['JOB_STATE_SUCCEEDED'], failure: ['JOB_STATE_FAILED', 'JOB_STATE_CANCELLED'], cancelPath: ['JOB_STATE_CANCELLED'],
    });
  });

  it('walks a cancelling state on the way to cancelled, and lets a cancelling run only end', () => {
    const guess = classifyStates(['queued', 'running', 'canceling', 'completed', 'canceled', 'failed'], { hasCancel: true });
    expect(guess.cancelPath).toEqual(['canceling', 'canceled']);
    expect(guess.transitions.canceling).toEqual(['completed', 'canceled', 'failed']);
  });

  it('has no cancel path without a cancel operation', () => {
    expect(classifyStates(['queued', 'canceled', 'done'], { hasCancel: false }).cancelPath).toBeUndefined();
  });

  it('names the states it does not know, which it takes as working, and the states where a run waits for its caller', () => {
    const guess = classifyStates(['queued', 'blending', 'review_required', 'done'], { hasCancel: false });
    expect(guess.unrecognized).toEqual(['blending']);
    expect(guess.pauses).toEqual(['review_required']);
  });

  it('picks a success state, and says so, when no state reads as one', () => {
    const guess = classifyStates(['new', 'green', 'red'], { hasCancel: false });
    expect(guess.successGuessed).toBe('red');
    expect(guess.success).toEqual(['red']);
  });
});
