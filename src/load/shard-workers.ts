import { spawn } from 'node:child_process';

/** How one worker process ended, with what it wrote to stderr (shown when it failed). */
export interface WorkerOutcome {
  index: number;
  code: number | null;
  stderr: string;
  timedOut: boolean;
}

export interface WorkerPlan {
  count: number;
  /** The argv (after the node executable) of worker `index` (1-based). */
  argsOf(index: number): string[];
  /** Extra environment for every worker (e.g. the simulator's token); secrets, never printed. */
  env?: Readonly<Record<string, string>>;
  /** Each worker is killed after this long: a hung worker fails the run instead of hanging it. */
  timeoutMs: number;
  onEnd?(outcome: WorkerOutcome, ended: number): void;
}

const STDERR_KEPT = 64 * 1024;

/** Runs `count` child processes of this Node side by side (one per core), and resolves when every one has ended. */
export function runWorkers(plan: WorkerPlan): Promise<WorkerOutcome[]> {
  let ended = 0;
  const one = (index: number): Promise<WorkerOutcome> => new Promise((resolve) => {
    const child = spawn(process.execPath, plan.argsOf(index), { env: { ...process.env, ...plan.env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '', timedOut = false, done = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, plan.timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => { if (stderr.length < STDERR_KEPT) stderr += chunk.toString(); });
    const finish = (code: number | null): void => {
      // 'error' and 'close' may both fire for one child.
      if (done) return;
      done = true;
      clearTimeout(timer);
      const outcome = { index, code, stderr, timedOut };
      plan.onEnd?.(outcome, ++ended);
      resolve(outcome);
    };
    child.on('error', (error) => { stderr += String(error); finish(null); });
    child.on('close', (code) => finish(code));
  });
  return Promise.all(Array.from({ length: plan.count }, (_, i) => one(i + 1)));
}
