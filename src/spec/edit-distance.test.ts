import { describe, expect, it } from 'vitest';
import { closestNames, stringDistance } from './edit-distance.ts';

describe('closestNames', () => {
  it('counts character edits', () => {
    expect(stringDistance('getTaskRn', 'getTaskRun')).toBe(1);
  });

  it('suggests the closest names only', () => {
    expect(closestNames('getTaskRn', ['runTask', 'listTaskRuns', 'getTaskRun', 'cancelTaskRun'])).toEqual(['getTaskRun']);
  });

  it('suggests nothing for an unrelated name', () => {
    expect(closestNames('zzz', ['runTask', 'getTaskRun'])).toEqual([]);
  });
});
