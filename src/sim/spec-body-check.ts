import { bundledSpecPath, type ProviderName } from '../core/providers.ts';
import type { Violation } from '../core/violation.ts';
import { loadSpec } from '../spec/index.ts';
import { createValidator } from '../validate/index.ts';

/** Checks a request body against the spec's compiled request schema; returns the body findings only. */
export type SpecBodyCheck = (method: string, url: string, body: unknown) => Violation[];

const cache = new Map<ProviderName, Promise<SpecBodyCheck>>();

/**
 * Loads the bundled spec of each provider once per process and compiles its validator (start-up cost,
 * never on the request path). Only POST handlers call the check, after their own validation.
 */
export function loadSpecBodyChecks(providers: readonly ProviderName[]): Promise<Partial<Record<ProviderName, SpecBodyCheck>>> {
  return Promise.all(providers.map(async (provider) => {
    let check = cache.get(provider);
    if (!check) {
      check = loadSpec(bundledSpecPath(provider)).then((spec) => {
        const validator = createValidator(spec);
        const headers = { 'content-type': 'application/json' };
        return (method: string, url: string, body: unknown) =>
          validator.validateRequest({ method, url, headers, body }).violations.filter((violation) => violation.part === 'body');
      });
      cache.set(provider, check);
    }
    return [provider, await check] as const;
  })).then((entries) => Object.fromEntries(entries) as Partial<Record<ProviderName, SpecBodyCheck>>);
}
