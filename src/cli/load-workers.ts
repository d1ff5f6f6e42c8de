import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RunwardenError } from '../core/errors.ts';
import { mergeShardResults, runWorkers, type LoadResult, type ShardInput } from '../load/index.ts';
import { parseJsonText, readTextFile } from '../spec/index.ts';
import type { ParsedArgs } from './command.ts';
import type { LoadTargets } from './load-targets.ts';

const BIN = fileURLToPath(new URL('../../bin/runwarden.js', import.meta.url));
/** The variable a worker reads the embedded simulator's token from (never on a command line, where `ps` shows it). */
const WORKER_TOKEN_ENV = 'RUNWARDEN_WORKER_TOKEN';
/** Flags the parent sets for every worker itself; the rest are passed on as given. */
const OWN_FLAGS = new Set(['workers', 'shard', 'run-id', 'no-gates', 'out', 'json', 'base-url', 'sim-config', 'list']);

export interface WorkerRun {
  args: ParsedArgs;
  reference: string;
  workers: number;
  target: LoadTargets;
  /** Bound on each worker: arrival phase + drain + start-up. */
  timeoutMs: number;
  progress(text: string): void;
}

/**
 * `runwarden load --workers N`: N child processes (one per core) run shards 1…N of the scenario against the targets
 * this process resolved (one embedded simulator for all), then their results are merged in-process and gated once.
 */
export async function loadWithWorkers(run: WorkerRun): Promise<LoadResult> {
  const { target, workers } = run;
  const simulated = new Set(target.simulated);
  const real = Object.keys(target.targets).filter((name) => !simulated.has(name));
  if (simulated.size > 0 && real.length > 0) {
    throw new RunwardenError('USAGE', `runwarden load --workers: the embedded simulator stands in for ${[...simulated].join(', ')} but ${real.join(', ')} ${real.length === 1 ? 'has' : 'have'} a real target`, 'Give every provider a --base-url (e.g. a `runwarden serve` instance), or none.');
  }
  const runId = typeof run.args.values['run-id'] === 'string' ? run.args.values['run-id'] : `workers-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const dir = await mkdtemp(path.join(tmpdir(), 'runwarden-workers-'));
  try {
    const common = [BIN, 'load', run.reference, ...passedOn(run.args), ...Object.entries(target.targets).flatMap(([name, url]) => ['--base-url', `${name}=${url}`])];
    const env: Record<string, string> = {};
    if (simulated.size > 0) {
      env[WORKER_TOKEN_ENV] = target.tokens[[...simulated][0]!] ?? '';
      common.push('--token-env', WORKER_TOKEN_ENV);
    }
    run.progress(`load: ${workers} workers, shards 1…${workers} of run ${runId}\n`);
    const outcomes = await runWorkers({
      count: workers, env, timeoutMs: run.timeoutMs,
      argsOf: (index) => [...common, '--shard', `${index}/${workers}`, '--run-id', runId, '--no-gates', '--out', dir],
      onEnd: (outcome, ended) => run.progress(`workers: ${ended}/${workers} done (shard ${outcome.index}${outcome.code === 0 ? '' : `: exit ${outcome.timedOut ? 'timed out' : outcome.code}`})\n`),
    });
    // Exit 1 is an interrupted shard, whose partial result is still written; anything else wrote nothing usable.
    const broken = outcomes.filter((outcome) => outcome.code !== 0 && outcome.code !== 1);
    if (broken.length > 0) {
      const first = broken[0]!;
      throw new RunwardenError('INTERNAL', `runwarden load --workers: ${broken.length} of ${workers} workers failed (shard ${first.index}: ${first.timedOut ? `killed after ${run.timeoutMs} ms` : `exit ${first.code}`})\n${first.stderr.trim().split('\n').slice(-8).join('\n')}`, 'Run the scenario without --workers to see the error directly.');
    }
    const files = (await readdir(dir)).filter((file) => file.endsWith('.json'));
    const inputs: ShardInput[] = [];
    for (const file of files) inputs.push({ file, result: parseJsonText(await readTextFile(path.join(dir, file), 'worker result'), file) as LoadResult });
    return mergeShardResults(inputs);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The command's own flags as given, minus the ones each worker gets from the parent. */
function passedOn(args: ParsedArgs): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(args.values)) {
    if (OWN_FLAGS.has(name) || value === undefined || value === false) continue;
    if (value === true) out.push(`--${name}`);
    else for (const item of Array.isArray(value) ? value : [value]) out.push(`--${name}`, item);
  }
  return out;
}
