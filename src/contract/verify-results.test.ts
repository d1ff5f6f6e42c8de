import { describe, expect, it } from 'vitest';
import { parsePact } from './pact-file.ts';
import { interactionResults, parseDuration } from './verify-results.ts';

const pact = parsePact({
  consumer: { name: 'runwarden' }, provider: { name: 'deck' },
  interactions: ['a request for a run', 'a request for a missing run', 'a request nobody verified', 'a pending request'].map((description, index) => ({
    description, pending: index === 3, providerStates: index === 0 ? [{ name: 'a task run is queued' }] : [],
    request: { method: 'GET', path: '/task-runs/trun_1' }, response: { status: 200 },
  })),
}, '/tmp/runwarden-deck.json');

describe('interactionResults', () => {
  it('gives one result per interaction, attributing the verifier\'s mismatches by description', () => {
    const json = JSON.stringify({
      interactionResults: [
        { description: 'a request for a run', duration: '1s 20ms', result: 'OK' },
        { description: 'a request for a missing run', duration: '31ms', result: 'Error' },
        { description: 'a pending request', duration: '5ms', result: 'Error' },
      ],
      errors: [{
        interaction: 'Verifying a pact between runwarden and deck - a request for a missing run',
        mismatch: { type: 'mismatches', mismatches: [{ type: 'StatusMismatch', expected: 200, actual: 404, mismatch: 'expected 200 but was 404' }, { type: 'BodyMismatch', path: '$.id', expected: '"trun_1"', actual: 'null', mismatch: 'Expected null' }] },
      }],
      pendingErrors: [{ interaction: 'Verifying a pact between runwarden and deck - a pending request', mismatch: { type: 'error', message: 'Request failed' } }],
    });
    const results = interactionResults(json, pact, 'deck', 'contracts/pacts/runwarden-deck.json');
    expect(results.map((result) => [result.description, result.ok, result.pending, result.durationMs])).toEqual([
      ['a request for a run', true, false, 1020],
      ['a request for a missing run', false, false, 31],
      ['a request nobody verified', false, false, undefined],
      ['a pending request', false, true, 5],
    ]);
    expect(results[0]!.states).toEqual(['a task run is queued']);
    expect(results[1]!.mismatches).toEqual([
      { kind: 'StatusMismatch', path: undefined, expected: 200, actual: 404, message: 'expected 200 but was 404' },
      { kind: 'BodyMismatch', path: '$.id', expected: '"trun_1"', actual: 'null', message: 'Expected null' },
    ]);
    expect(results[2]!.mismatches).toEqual([{ kind: 'error', message: 'The verifier did not report on this interaction.' }]);
    expect(results[3]!.mismatches).toEqual([{ kind: 'error', message: 'Request failed' }]);
  });
});

describe('parseDuration', () => {
  it('reads the verifier\'s durations', () => {
    expect(parseDuration('77ms')).toBe(77);
    expect(parseDuration('2s 5ms')).toBe(2005);
    expect(parseDuration('0.4s')).toBe(400);
    expect(parseDuration('1m 2s')).toBe(62_000);
    expect(parseDuration(undefined)).toBeUndefined();
    expect(parseDuration('soon')).toBeUndefined();
  });
});
