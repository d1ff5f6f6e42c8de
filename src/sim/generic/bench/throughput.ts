// Bench (not a test): GET of a finished run served by the generic engine through the simulator's request pipeline,
// against a minimal node:http server answering a fixed body of the same size, and against the same pipeline
// answering that body from a route that does nothing else (what the engine itself costs). Each server runs in its
// own process, autocannon in another; alternating rounds after a warm-up. Target: generic / minimal ≥ 0.7.
//   node --import tsx src/sim/generic/bench/throughput.ts
import { execFile, fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { realClock } from '../../clock.ts';
import { FaultCounter } from '../../faults/fault-counter.ts';
import { FaultPlan } from '../../faults/fault-plan.ts';
import { jsonText } from '../../http/reply.ts';
import { createRequestListener } from '../../http/server.ts';
import { ExhaustedLimits } from '../../limits/exhausted-limits.ts';
import { OptionsChecker } from '../../options-checker.ts';
import { resolveOptions } from '../../options.ts';
import { Scheduler } from '../../scheduler.ts';
import { loadFixture } from '../generic-harness.fixture.ts';
import { createGenericSim } from '../index.ts';
import { JOBS_PROFILE, JOBS_SPEC } from '../jobs-api.fixture.ts';

const AUTOCANNON = fileURLToPath(new URL('../../../../node_modules/autocannon/autocannon.js', import.meta.url));
const CONNECTIONS = 50;
const SECONDS = 5;
const ROUNDS = 3;

interface Served { url: string; bodyBytes: number; token?: string }

/** The generic engine over the jobs fixture, one finished run placed, served by the real pipeline on port 0. */
async function serveGeneric(constant = false): Promise<Served> {
  const { spec, profile } = await loadFixture(JOBS_SPEC, JOBS_PROFILE);
  const config = resolveOptions({ clock: realClock });
  const scheduler = new Scheduler(realClock);
  const exhausted = new ExhaustedLimits();
  const runtime = { config, scheduler, exhausted, check: new OptionsChecker(), basePath: spec.basePath, sections: config.sectionsOf(profile.name) };
  const engine = createGenericSim(profile, spec, runtime);
  const id = engine.place('job', 'done');
  const text = await (async () => {
    const route = engine.routes.find((candidate) => candidate.operationId === 'getJob')!;
    const reply = await route.handle({ operationId: 'getJob', method: 'GET', url: '', params: { job_id: id }, search: '', query: () => new URLSearchParams(), headers: {}, body: undefined, now: realClock.now(), token: '', scenario: undefined, runFate: () => ({ stuck: false, fail: false, dropAfterMs: undefined, backward: false }) });
    return reply.kind === 'text' ? reply.text : '';
  })();
  // `constant`: the same pipeline and routes, the poll answering the same text without the engine.
  const provider = constant
    ? { ...engine, routes: engine.routes.map((route) => (route.operationId === 'getJob' ? { ...route, handle: () => jsonText(200, text) } : route)) }
    : engine;
  const listener = createRequestListener({
    mounts: [{ provider, auth: profile.auth }], token: config.token, scheduler, faults: new FaultPlan([], 1, 1, new FaultCounter()),
    bodyLimitBytes: config.limits.bodyLimitBytes, bodyTimeoutMs: config.limits.requestTimeoutMs, jsonDepth: config.limits.jsonDepth, exhausted, onInternalError: (error) => { throw error; },
  });
  const server = createServer({ keepAliveTimeout: 65_000 }, listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${provider.basePath}/jobs/${id}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${config.token}` } });
  if (response.status !== 200) throw new Error(`the placed run answered ${response.status}`);
  return { url, bodyBytes: Buffer.byteLength(await response.text()), token: config.token };
}

/** A fixed JSON body of `size` bytes, as small a server as node:http allows. */
async function serveMinimal(size: number): Promise<Served> {
  const base = { id: 'job_fixed', state: 'done', pad: '' };
  base.pad = 'x'.repeat(Math.max(0, size - Buffer.byteLength(JSON.stringify(base))));
  const body = JSON.stringify(base);
  const server = createServer((request, response) => {
    request.resume();
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, bodyBytes: Buffer.byteLength(body) };
}

async function measure(args: string[]): Promise<{ served: Served; rps: number }> {
  const child = fork(fileURLToPath(import.meta.url), args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  try {
    const served = await new Promise<Served>((resolve, reject) => {
      child.once('message', (message) => resolve(message as Served));
      child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    });
    const run = async (seconds: number) => {
      const headers = served.token ? ['-H', `authorization=Bearer ${served.token}`] : [];
      const { stdout } = await promisify(execFile)(process.execPath, [AUTOCANNON, '--json', '-c', String(CONNECTIONS), '-d', String(seconds), ...headers, served.url], { maxBuffer: 16 * 1024 * 1024 });
      const result = JSON.parse(stdout) as { requests: { average: number }; non2xx: number; errors: number };
      if (result.non2xx > 0 || result.errors > 0) throw new Error(`${served.url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      return result.requests.average;
    };
    await run(1);
    return { served, rps: Math.round(await run(SECONDS)) };
  } finally {
    child.kill();
  }
}

const mode = process.argv[2];
if (mode === 'generic' || mode === 'constant' || mode === 'minimal') {
  process.send!(mode === 'minimal' ? await serveMinimal(Number(process.argv[3])) : await serveGeneric(mode === 'constant'));
} else {
  const rounds: Array<{ generic: number; constant: number; minimal: number }> = [];
  let bodyBytes = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const generic = await measure(['generic']);
    const constant = await measure(['constant']);
    const minimal = await measure(['minimal', String(generic.served.bodyBytes)]);
    bodyBytes = generic.served.bodyBytes;
    rounds.push({ generic: generic.rps, constant: constant.rps, minimal: minimal.rps });
  }
  const mean = (key: 'generic' | 'constant' | 'minimal') => rounds.reduce((sum, entry) => sum + entry[key], 0) / rounds.length;
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  process.stdout.write(`${JSON.stringify({
    bodyBytes, connections: CONNECTIONS, seconds: SECONDS, rounds,
    genericToMinimal: ratio(mean('generic'), mean('minimal')), target: '≥ 0.7',
    genericToConstantPipeline: ratio(mean('generic'), mean('constant')),
  }, null, 2)}\n`);
}
