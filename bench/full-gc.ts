// A full garbage collection on demand, for memory samples: RSS right after one measures what a process retains,
// not when V8 last chose to collect (a heap that swings between 150 and 550 MiB would otherwise decide the trend).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/** Runs a full, blocking collection. Works without `--expose-gc`: the flag is set at run time and `gc` taken from a fresh context. */
export function fullGc(): void {
  if (collect === undefined) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (typeof exposed === 'function') collect = exposed;
    else {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    }
  }
  collect();
}
