import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startContractSimulator, type ContractSimulator } from '../cli/contract-simulator.ts';
import { bundledProfile } from '../config/index.ts';
import { startInterceptingProxy } from '../../test/helpers/intercepting-proxy.ts';
import { interaction, only, pactCopy } from '../../test/helpers/pact-copies.ts';
import { bundledPactsDir } from './bundled-pacts.ts';
import { verifyPacts, type VerifyOptions } from './verify.ts';

// The bundled providers' pacts against the embedded simulator, started as `runwarden contract verify` starts it
// (the test is the composition root here): its provider-states endpoints are ordinary HTTP endpoints to the
// contract layer, exactly like a real provider's.
const profiles = ['deck', 'refactor', 'rightbrain'].map((name) => bundledProfile(name));
const closers: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function simulator(simConfig?: Record<string, unknown>): Promise<ContractSimulator> {
  let file: string | undefined;
  if (simConfig !== undefined) {
    const { dir } = pactCopy('deck');
    file = path.join(dir, 'sim.json');
    writeFileSync(file, JSON.stringify(simConfig));
  }
  const sim = await startContractSimulator(file, profiles);
  closers.push(() => sim.close());
  return sim;
}

function against(sim: ContractSimulator, overrides: Partial<VerifyOptions> = {}): Omit<VerifyOptions, 'pacts'> {
  return { profiles, baseUrls: sim.simulator.urls, tokens: sim.tokens, states: sim.states, ...overrides };
}

const GET_QUEUED = 'a request for a task run that is queued';
const GET_COMPLETED = 'a request for a task run that is completed';
const RUN_TASK = 'a request to run a task';

describe('verifyPacts against the embedded simulator', () => {
  it('verifies every checked-in pact: one result per interaction, none pending and none failing', async () => {
    const sim = await simulator();
    const report = await verifyPacts({ pacts: bundledPactsDir(), ...against(sim) });
    expect(report.pacts.map((pact) => pact.provider)).toEqual(['deck', 'refactor', 'rightbrain']);
    expect(report.results).toHaveLength(report.pacts.reduce((sum, pact) => sum + pact.interactions, 0));
    expect(report.results.filter((result) => result.pending)).toEqual([]);
    expect(report.results.filter((result) => !result.ok)).toEqual([]);
    // The verifier's header is in bold (ANSI); only a failure summary repeats it plain.
    expect(stripVTControlCharacters(report.output)).toContain('Verifying a pact between runwarden and deck');
    expect(report.output).not.toContain(sim.tokens.deck);
  }, 60_000);

  it('fails only a pending interaction whose state the simulator refuses, and goes on verifying the others', async () => {
    const sim = await simulator();
    const { dir } = pactCopy('deck', (pact) => {
      only(pact, GET_QUEUED, RUN_TASK);
      Object.assign(interaction(pact, GET_QUEUED), { pending: true });
      interaction(pact, GET_QUEUED).providerStates[0].params.run_id = 'run-42';
    });
    const report = await verifyPacts({ pacts: dir, ...against(sim) });
    const pending = report.results.find((result) => result.description === GET_QUEUED)!;
    expect(pending).toMatchObject({ ok: false, pending: true });
    expect(pending.mismatches[0]).toMatchObject({ kind: 'state', message: expect.stringContaining('run_id must look like trun_') });
    expect(report.results.find((result) => result.description === RUN_TASK)?.ok).toBe(true);
  }, 30_000);

  it('fails an interaction whose pact expects a field the simulator does not send', async () => {
    const sim = await simulator();
    const { dir } = pactCopy('deck', (pact) => {
      only(pact, GET_QUEUED, RUN_TASK);
      interaction(pact, GET_QUEUED).response.body.content.priority = 'high';
    });
    const report = await verifyPacts({ pacts: dir, ...against(sim) });
    const broken = report.results.find((result) => result.description === GET_QUEUED)!;
    expect(broken).toMatchObject({ ok: false, pending: false });
    expect(broken.mismatches).toEqual([expect.objectContaining({ kind: 'BodyMismatch', path: '$', message: expect.stringContaining('missing the following keys: priority') })]);
    expect(report.results.find((result) => result.description === RUN_TASK)?.ok).toBe(true);
  }, 30_000);

  it('catches a broken simulator route: getTaskRun answering 500', async () => {
    const sim = await simulator({ faults: [{ provider: 'deck', operations: ['getTaskRun'], error: { rate: 1, statuses: [500] } }] });
    const { dir } = pactCopy('deck', (pact) => only(pact, GET_QUEUED, GET_COMPLETED, RUN_TASK));
    const report = await verifyPacts({ pacts: dir, ...against(sim) });
    expect(report.results.map((result) => [result.description, result.ok])).toEqual([[GET_COMPLETED, false], [GET_QUEUED, false], [RUN_TASK, true]]);
    expect(report.results[0]!.mismatches).toContainEqual(expect.objectContaining({ kind: 'StatusMismatch', message: expect.stringContaining('expected 200 but was 500') }));
  }, 30_000);

  it('catches a broken simulator route: a proxy that renames a status in run responses', async () => {
    const sim = await simulator();
    const proxy = await startInterceptingProxy(sim.simulator.urls.deck!, (request, body) => (request.url.startsWith('/v2/task-runs/') ? body.replace('"status":"queued"', '"status":"pending"') : body));
    closers.push(proxy.close);
    const { dir } = pactCopy('deck', (pact) => only(pact, GET_QUEUED, GET_COMPLETED));
    const report = await verifyPacts({ pacts: dir, ...against(sim, { baseUrls: { deck: proxy.url } }) });
    expect(report.results.find((result) => result.description === GET_COMPLETED)?.ok).toBe(true);
    expect(report.results.find((result) => result.description === GET_QUEUED)?.mismatches).toEqual([
      expect.objectContaining({ kind: 'BodyMismatch', path: '$.status', expected: '"queued"', actual: '"pending"' }),
    ]);
  }, 30_000);

  it('sends the real token in place of the placeholder, keeps a deliberately revoked key, and redacts the token', async () => {
    const sim = await simulator();
    const token = sim.tokens.deck!;
    // The provider echoes the Authorization header it received into every body: a leak the report must not repeat.
    const proxy = await startInterceptingProxy(sim.simulator.urls.deck!, (request, body) => body.replace('"object":"task_run"', `"object":"task_run","echo":"${String(request.headers.authorization)}"`).replace('"status":"queued"', `"status":"${String(request.headers.authorization)}"`));
    closers.push(proxy.close);
    const { dir } = pactCopy('deck', (pact) => only(pact, GET_QUEUED, 'a request for a task run with a revoked key'));
    const report = await verifyPacts({ pacts: dir, ...against(sim, { baseUrls: { deck: proxy.url } }) });
    const sent = proxy.seen.map((request) => request.headers.authorization);
    expect(sent).toContain(`Bearer ${token}`);
    expect(sent).toContain('Bearer revoked-key-for-contract-tests');
    expect(sent).not.toContain('Bearer <redacted>');
    expect(report.results.find((result) => result.description === GET_QUEUED)?.ok).toBe(false);
    expect(JSON.stringify(report)).not.toContain(token);
    expect(JSON.stringify(report)).toContain('[REDACTED]');
  }, 30_000);
});

describe('verifyPacts against the embedded simulator, on unusable input', () => {
  it('names a state the simulator refuses for a non-pending interaction', async () => {
    const sim = await simulator();
    const { dir } = pactCopy('deck', (pact) => {
      only(pact, GET_QUEUED);
      interaction(pact, GET_QUEUED).providerStates[0].params.run_id = 'run-42';
    });
    const error = await verifyPacts({ pacts: dir, ...against(sim) }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'STATE_HANDLER_FAILED', hint: expect.stringContaining('provider-states endpoint') });
    expect((error as Error).message).toMatch(/^cannot set up the deck provider state "a task run is queued": http:\/\/127\.0\.0\.1:\d+\/_runwarden\/provider-states\/deck answered 400 .*run_id must look like trun_/);
  }, 30_000);

  it('names a provider-states endpoint that refuses the admin token', async () => {
    const sim = await simulator();
    const { dir } = pactCopy('deck', (pact) => only(pact, GET_QUEUED));
    const states = { deck: { ...sim.states.deck!, headers: { authorization: 'Bearer wrong-admin-token' } } };
    const error = await verifyPacts({ pacts: dir, ...against(sim, { states }) }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'STATE_HANDLER_FAILED', hint: expect.stringContaining('provider-states endpoint') });
    expect((error as Error).message).toContain(`${sim.states.deck!.url} answered 401`);
  });

  it('refuses, before verifying anything, a state the simulator does not know', async () => {
    const sim = await simulator();
    const { dir } = pactCopy('deck', (pact) => {
      only(pact, GET_QUEUED);
      interaction(pact, GET_QUEUED).providerStates[0].name = 'a task run is sleeping';
    });
    const error = await verifyPacts({ pacts: dir, ...against(sim) }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'STATE_HANDLER_FAILED', hint: expect.stringContaining('extension') });
    expect((error as Error).message).toContain('deck: "a task run is sleeping"');
  });
});
