import type { Violation } from '../core/violation.ts';
import { loadSpec, type LoadedSpec } from '../spec/index.ts';
import { createValidator } from '../validate/index.ts';

/** Checks a request body against the spec's compiled request schema; `url` is relative to the spec's base path. */
export type SpecBodyCheck = (method: string, url: string, body: unknown) => Violation[];

const specs = new Map<string, Promise<LoadedSpec>>();
const checks = new WeakMap<LoadedSpec, SpecBodyCheck>();

/** Loads a spec once per process (simulators started by tests share it); a failed load is retried next time. */
export function loadSpecOnce(file: string): Promise<LoadedSpec> {
  let loading = specs.get(file);
  if (!loading) {
    loading = loadSpec(file);
    specs.set(file, loading);
    loading.catch(() => specs.delete(file));
  }
  return loading;
}

/**
 * The spec's request-body check, compiled once per spec (start-up cost, never on the request path). Only POST
 * handlers call it, after their own validation; it reports body findings only.
 */
export function specBodyCheck(spec: LoadedSpec): SpecBodyCheck {
  let check = checks.get(spec);
  if (!check) {
    const validator = createValidator(spec, { compile: 'all' });
    const headers = { 'content-type': 'application/json' };
    check = (method, url, body) =>
      validator.validateRequest({ method, url: `${spec.basePath}${url}`, headers, body }).violations.filter((violation) => violation.part === 'body');
    checks.set(spec, check);
  }
  return check;
}
