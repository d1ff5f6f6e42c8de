import { describe, expect, it } from 'vitest';
import { Timeline } from './timeline.ts';

describe('Timeline', () => {
  it('turns cumulative counters into what happened in each second', () => {
    const timeline = new Timeline();
    timeline.sample({ responses: 100, errors: 1, runsCreated: 10, runsEnded: 4 });
    timeline.sample({ responses: 250, errors: 1, runsCreated: 20, runsEnded: 15 });
    expect(timeline.toJSON()).toEqual([
      { second: 1, requests: 100, errors: 1, runsCreated: 10, runsCompleted: 4 },
      { second: 2, requests: 150, errors: 0, runsCreated: 10, runsCompleted: 11 },
    ]);
  });

  it('returns copies, so a caller cannot rewrite recorded seconds', () => {
    const timeline = new Timeline();
    timeline.sample({ responses: 5, errors: 0, runsCreated: 1, runsEnded: 0 });
    timeline.toJSON()[0]!.requests = 999;
    expect(timeline.toJSON()[0]!.requests).toBe(5);
  });
});
