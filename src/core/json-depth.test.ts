import { describe, expect, it } from 'vitest';
import { nestsDeeperThan, valueNestsDeeperThan } from './json-depth.ts';

describe('nestsDeeperThan', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(nestsDeeperThan('[[{"a":[1]}]]', 3)).toBe(true);
    expect(nestsDeeperThan('[[{"a":[1]}]]', 4)).toBe(false);
    expect(nestsDeeperThan('["[[[[[[", "\\"[[[["]', 1)).toBe(false);
  });
});

describe('valueNestsDeeperThan', () => {
  it('measures a parsed value without recursion, even one too deep to walk recursively', () => {
    let deep: unknown = 1;
    for (let level = 0; level < 200_000; level++) deep = [deep];
    expect(valueNestsDeeperThan(deep, 1000)).toBe(true);
    expect(valueNestsDeeperThan({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(valueNestsDeeperThan({ a: [{ b: {} }] }, 3)).toBe(true);
  });
});
