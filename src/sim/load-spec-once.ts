import { loadSpec, type LoadedSpec } from '../spec/index.ts';

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
