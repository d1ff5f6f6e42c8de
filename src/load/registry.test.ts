import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.ts';
import { fakeScenario } from './fake-scenario.fixture.ts';
import { createRegistry } from './registry.ts';
import { defineScenario } from './scenario.ts';

describe('scenario registry and definitions', () => {
  it('finds scenarios by name and suggests close ones for a typo', () => {
    const registry = createRegistry([fakeScenario(), { ...fakeScenario(), name: 'deck-create-poll' }]);
    expect(registry.get('fake').name).toBe('fake');
    expect(() => registry.get('deck-create-pol')).toThrow(expect.objectContaining({ code: 'SCENARIO_UNKNOWN', message: expect.stringMatching(/did you mean deck-create-poll/) }));
  });

  it('rejects a malformed scenario when it is defined, listing every problem', () => {
    expect(() => defineScenario({ ...fakeScenario(), name: 'Bad Name', model: { kind: 'closed', connections: 0 }, thresholds: { maxErrorRate: 5 } }))
      .toThrow(/name must be kebab-case; model.connections must be a positive integer \(received 0\); thresholds.maxErrorRate/);
  });

  it('parses durations with units', () => {
    expect(parseDuration('10s')).toBe(10_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('3')).toBe(3_000);
    expect(() => parseDuration('ten')).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });
});
