import type { Violation } from '../core/violation.ts';
import { loadSpec, type LoadedSpec } from '../spec/index.ts';

/** Checks a request body against the spec's compiled request schema; `url` is relative to the spec's base path. */
export type SpecBodyCheck = (method: string, url: string, body: unknown) => Violation[];

const specs = new Map<string, Promise<LoadedSpec>>();

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
