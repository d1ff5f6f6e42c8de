// `npm run bench -- start-under-load`: N back-to-back `npm start` runs (the embedded-simulator `runwarden ci`)
// while a CPU-bound process spins alongside, counting exit codes and verdicts, and naming the failed checks of
// any run that fails. The verdict must not depend on how busy the machine is (issue 14).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** One `npm start` takes ~25 s on an idle 2-core machine; a run past this bound is killed and counted as hung. */
const RUN_TIMEOUT_MS = 5 * 60_000;

interface StartRun {
  run: number;
  exitCode: number | null;
  hung: boolean;
  wallMs: number;
  verdict: { passed: number; failed: number; skipped: number } | null;
  /** The checks that failed (suite/group/name and the first line of their message), read from the run's summary.json. */
  failedChecks: string[];
}

/** Runs `npm start` `runs` times with one spinning `node -e 'for(;;){}'` alongside (killed by its PID after). */
export async function benchStartUnderLoad(runs = 30): Promise<object> {
  const hog = spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });
  const results: StartRun[] = [];
  try {
    for (let run = 1; run <= runs; run++) {
      const result = await npmStart(run);
      results.push(result);
      process.stderr.write(`start-under-load: run ${run}/${runs}: exit ${result.exitCode}${result.verdict ? `, ${result.verdict.passed} passed, ${result.verdict.failed} failed, ${result.verdict.skipped} skipped` : ''}${result.failedChecks.length ? ` — ${result.failedChecks.join('; ')}` : ''}\n`);
    }
  } finally {
    hog.kill('SIGKILL');
  }
  const exitCodes: Record<string, number> = {};
  for (const result of results) exitCodes[String(result.exitCode)] = (exitCodes[String(result.exitCode)] ?? 0) + 1;
  const wall = results.map((result) => result.wallMs).sort((a, b) => a - b);
  return {
    command: 'npm start -- --out <temporary directory>',
    alongside: "node -e 'for(;;){}' (one spinning process)",
    cpus: os.cpus().length,
    runs: results.length,
    passedRuns: results.filter((result) => result.exitCode === 0).length,
    failedRuns: results.filter((result) => result.exitCode !== 0).length,
    exitCodes,
    verdicts: results.map((result) => result.verdict),
    failedChecks: results.filter((result) => result.failedChecks.length > 0).map((result) => ({ run: result.run, checks: result.failedChecks })),
    hung: results.filter((result) => result.hung).length,
    wallMs: { min: wall[0] ?? null, median: wall[Math.floor(wall.length / 2)] ?? null, max: wall[wall.length - 1] ?? null },
    results,
  };
}

async function npmStart(run: number): Promise<StartRun> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'runwarden-start-'));
  const started = Date.now();
  // Its own process group, so a hung run is ended whole (npm, its shell and runwarden) by the group's PID.
  const child: ChildProcess = spawn('npm', ['start', '--', '--out', out], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => { stdout += chunk; });
  child.stderr!.resume();
  let hung = false;
  const timer = setTimeout(() => { hung = true; process.kill(-child.pid!, 'SIGKILL'); }, RUN_TIMEOUT_MS);
  const exitCode = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  clearTimeout(timer);
  const wallMs = Date.now() - started;
  const match = /(\d+) passed, (\d+) failed, (\d+) skipped/.exec(stdout);
  const verdict = match ? { passed: Number(match[1]), failed: Number(match[2]), skipped: Number(match[3]) } : null;
  const failedChecks = exitCode === 0 ? [] : await failedChecksIn(out);
  await rm(out, { recursive: true, force: true });
  return { run, exitCode, hung, wallMs, verdict, failedChecks };
}

async function failedChecksIn(out: string): Promise<string[]> {
  try {
    const summary = JSON.parse(await readFile(path.join(out, 'latest', 'summary.json'), 'utf8')) as {
      checks: Array<{ suite: string; group: string; name: string; ok: boolean; skipped?: boolean; message?: string }>;
      load?: Array<{ scenario: string; endpoints: Array<{ operationId: string; statuses: Record<string, number>; errors: number; timeouts: number }> }>;
    };
    const failed = summary.checks.filter((check) => !check.ok && !check.skipped).map((check) => `${check.suite}/${check.group}/${check.name}: ${(check.message ?? '').split('\n').slice(0, 3).join(' | ')}`);
    // What the errors were, for the scenarios that had any: each endpoint's statuses and timeouts.
    const errors = (summary.load ?? []).flatMap((scenario) => scenario.endpoints.filter((endpoint) => endpoint.errors > 0)
      .map((endpoint) => `${scenario.scenario} ${endpoint.operationId}: statuses ${JSON.stringify(endpoint.statuses)}, ${endpoint.timeouts} timeouts`));
    return [...failed, ...errors];
  } catch (error) {
    return [`no summary.json (${(error as Error).message.split('\n')[0]})`];
  }
}
