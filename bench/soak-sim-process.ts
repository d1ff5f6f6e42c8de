import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FaultCounts, SimulatorOptions } from '../src/sim/index.ts';

/** The simulator child of a soak (bench/soak-sim-child.ts), driven over IPC. */
export interface SimProcess {
  urls: Record<string, string>;
  token: string;
  pid: number;
  /** The child's memory and stored runs per run kind; null when it does not answer within the bound. */
  memory(): Promise<{ rssBytes: number; heapUsedBytes: number; storedRuns: Record<string, number> } | null>;
  faults(): Promise<{ faults: FaultCounts; stats: { runs: Record<string, number>; internalErrors: number } } | null>;
  /** Resolves with a message if the child exits before `close`. */
  readonly exited: Promise<string>;
  close(): Promise<void>;
}

const ANSWER_TIMEOUT_MS = 5_000;
const START_TIMEOUT_MS = 60_000;

/** Forks the simulator with `options`; rejects if it does not report ready within a minute, or `signal` aborts. */
export async function startSimProcess(options: SimulatorOptions, signal: AbortSignal): Promise<SimProcess> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./soak-sim-child.ts', import.meta.url)), [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  let closing = false;
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, sig) => { if (!closing) resolve(`the simulator process exited (${sig ?? `code ${code}`})`); });
  });
  const pending = new Map<number, (message: Record<string, unknown> | null) => void>();
  let nextId = 1;
  child.on('message', (message: { id?: number }) => {
    if (message.id === undefined) return;
    pending.get(message.id)?.(message as Record<string, unknown>);
    pending.delete(message.id);
  });
  const ask = (type: 'rss' | 'faults'): Promise<Record<string, unknown> | null> => new Promise((resolve) => {
    if (!child.connected) return resolve(null);
    const id = nextId++;
    const timer = setTimeout(() => { pending.delete(id); resolve(null); }, ANSWER_TIMEOUT_MS);
    pending.set(id, (message) => { clearTimeout(timer); resolve(message); });
    child.send({ id, type });
  });
  const kill = (): void => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); };

  const ready = await new Promise<{ urls: Record<string, string>; token: string }>((resolve, reject) => {
    const timer = setTimeout(() => { kill(); reject(new Error('the simulator process did not start within 60 s')); }, START_TIMEOUT_MS);
    const onAbort = (): void => { clearTimeout(timer); kill(); reject(new Error('interrupted while the simulator was starting')); };
    signal.addEventListener('abort', onAbort, { once: true });
    child.once('message', (message: { type?: string; urls: Record<string, string>; token: string }) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(message);
    });
    void exited.then((why) => { clearTimeout(timer); reject(new Error(why)); });
  });
  return {
    ...ready,
    pid: child.pid!,
    exited,
    memory: async () => (await ask('rss')) as Awaited<ReturnType<SimProcess['memory']>>,
    faults: async () => (await ask('faults')) as Awaited<ReturnType<SimProcess['faults']>>,
    close: async () => {
      closing = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.disconnect();
      const timer = setTimeout(kill, 3_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
