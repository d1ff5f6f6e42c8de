import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractionResult, ProviderPact } from '../contract/index.ts';
import { startSimulator, type Simulator } from '../sim/index.ts';
import { EXIT } from './exit-codes.ts';
import { providersRefusingToken } from './refused-token.ts';
import { runMain } from './testing/run-main.ts';

function pactOf(statuses: number[]): ProviderPact {
  return {
    file: '/pacts/app-deck.json', consumer: 'app', providerName: 'deck', provider: 'deck', specification: '4.0',
    interactions: statuses.map((status, index) => ({ description: `i${index}`, providerStates: [], request: { method: 'GET', path: '/', query: {} }, response: { status }, pending: false, index })),
    skippedInteractions: [],
  } as unknown as ProviderPact;
}

function resultOf(description: string, actual?: number): InteractionResult {
  return {
    provider: 'deck', pact: '/pacts/app-deck.json', description, states: [], ok: actual === undefined, pending: false,
    mismatches: actual === undefined ? [] : [{ kind: 'StatusMismatch', expected: 200, actual, message: `expected 200 but was ${actual}` }],
  };
}

describe('providersRefusingToken', () => {
  it('names a real provider that answered every interaction 401 or 403', () => {
    const results = [resultOf('i0', 401), resultOf('i1', 403), resultOf('i2')];
    expect(providersRefusingToken([pactOf([200, 404, 401])], results, () => true)).toEqual(['deck']);
  });

  it('does not when one interaction expecting another status passed: the token works, the failures are findings', () => {
    const results = [resultOf('i0', 401), resultOf('i1')];
    expect(providersRefusingToken([pactOf([200, 200])], results, () => true)).toEqual([]);
  });

  it('leaves the simulated providers out', () => {
    expect(providersRefusingToken([pactOf([200])], [resultOf('i0', 401)], () => false)).toEqual([]);
  });
});

describe('contract verify with a wrong token', () => {
  let simulator: Simulator;
  const variable = 'RUNWARDEN_TEST_WRONG_TOKEN';
  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, host: '127.0.0.1', token: 'the-right-token' });
    process.env[variable] = 'a-wrong-token-value';
  });
  afterAll(async () => {
    delete process.env[variable];
    await simulator.close();
  });

  it('says the target refused the token (exit 2) instead of listing failed interactions, and never prints the token', async () => {
    const { code, out, err } = await runMain(['contract', 'verify', '--provider', 'deck', '--base-url', simulator.urls.deck!, '--token-env', variable]);
    expect(code, err).toBe(EXIT.usage);
    expect(err).toMatch(/the target refused the token\ndeck at http:\/\/127\.0\.0\.1:\d+\/v2 refused the token from \$RUNWARDEN_TEST_WRONG_TOKEN \(--token-env\)/);
    expect(out).not.toMatch(/failed/);
    expect(`${out}${err}`).not.toContain('a-wrong-token-value');
  });
});
