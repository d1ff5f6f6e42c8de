import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { PactV4, type V3MockServer } from '@pact-foundation/pact';
import { afterAll } from 'vitest';

/** The consumer name in every pact: runwarden's own typed clients. */
export const CONSUMER = 'runwarden';
/** A token the consumer tests' clients send; the pacts record only the placeholder, never this. */
export const CONSUMER_TEST_TOKEN = 'consumer-test-token';
/** Where the checked-in pacts live. */
export const PACTS_DIR = fileURLToPath(new URL('../pacts/', import.meta.url));

/** The file name Pact gives a provider's pact. */
export const pactFileName = (provider: string): string => `${CONSUMER}-${provider}.json`;

/**
 * A Pact V4 consumer for one provider that writes into a fresh temporary directory, so a run never merges into
 * the checked-in file (removed interactions disappear). The last test of each contract file compares the result
 * with `contracts/pacts/` via `toMatchFileSnapshot`: `-u` rewrites the checked-in pact.
 */
export function consumerPact(provider: string): { pact: PactV4; generated(): string; checkedIn: string } {
  const dir = mkdtempSync(path.join(tmpdir(), `runwarden-pact-${provider}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const pact = new PactV4({ consumer: CONSUMER, provider, dir, logLevel: 'error' });
  return {
    pact,
    generated: () => readFileSync(path.join(dir, pactFileName(provider)), 'utf8'),
    checkedIn: path.join(PACTS_DIR, pactFileName(provider)),
  };
}

/** How long the mock server gets to record a request after answering it. (V4 mock servers are V3MockServer in pact-js.) */
const SETTLE_MS = 25;

/**
 * Wraps a consumer test body so the mock server has recorded the last request before Pact asks it what it saw:
 * it answers first and records after, and under load pact-js's check can overtake the recording and report
 * the request as "expected but not received".
 */
export function settled<T>(test: (mock: V3MockServer) => Promise<T>): (mock: V3MockServer) => Promise<T> {
  return async (mock) => {
    const result = await test(mock);
    await sleep(SETTLE_MS);
    return result;
  };
}
