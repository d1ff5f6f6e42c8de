import { stripVTControlCharacters } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { PROVIDERS, type ProviderName } from '../core/providers.ts';
import { startSimulator, type Simulator, type SimulatorOptions } from '../sim/index.ts';
import { closedPort } from '../../test/helpers/fixture-server.ts';
import { startInterceptingProxy } from '../../test/helpers/intercepting-proxy.ts';
import { interaction, only, pactCopy } from '../../test/helpers/pact-copies.ts';
import { bundledPactsDir } from './bundled-pacts.ts';
import { SIMULATOR_FIXTURES } from './simulator-fixtures.ts';
import { simulatorStates, type ProviderStateSetup } from './state-setup.ts';
import { verifyPacts, type VerifyOptions } from './verify.ts';

const TOKEN = 'sim-secret-token-9f2c61b0';
const ADMIN = 'sim-admin-token-41ad07e9';
const closers: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** The simulator as `runwarden contract verify` starts it: fixtures, a token, the admin endpoint. */
async function simulator(extra: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator({ ...SIMULATOR_FIXTURES, ...extra, port: 0, token: TOKEN, adminToken: ADMIN });
  closers.push(() => sim.close());
  return sim;
}

function against(sim: Simulator, overrides: Partial<VerifyOptions> = {}): Omit<VerifyOptions, 'pacts'> {
  return {
    baseUrls: sim.urls,
    tokens: Object.fromEntries(PROVIDERS.map((provider) => [provider, TOKEN])) as Record<ProviderName, string>,
    states: simulatorStates({ url: sim.admin!.url, token: ADMIN }),
    ...overrides,
  };
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
    expect(report.output).not.toContain(TOKEN);
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
    expect(broken.ok).toBe(false);
    expect(broken.pending).toBe(false);
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
    const proxy = await startInterceptingProxy(sim.urls.deck!, (request, body) => (request.url.startsWith('/v2/task-runs/') ? body.replace('"status":"queued"', '"status":"pending"') : body));
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
    // The provider echoes the Authorization header it received into every body: a leak the report must not repeat.
    const proxy = await startInterceptingProxy(sim.urls.deck!, (request, body) => body.replace('"object":"task_run"', `"object":"task_run","echo":"${String(request.headers.authorization)}"`).replace('"status":"queued"', `"status":"${String(request.headers.authorization)}"`));
    closers.push(proxy.close);
    const { dir } = pactCopy('deck', (pact) => only(pact, GET_QUEUED, 'a request for a task run with a revoked key'));
    const report = await verifyPacts({ pacts: dir, ...against(sim, { baseUrls: { deck: proxy.url } }) });
    const sent = proxy.seen.map((request) => request.headers.authorization);
    expect(sent).toContain(`Bearer ${TOKEN}`);
    expect(sent).toContain('Bearer revoked-key-for-contract-tests');
    expect(sent).not.toContain('Bearer <redacted>');
    expect(report.results.find((result) => result.description === GET_QUEUED)?.ok).toBe(false);
    expect(JSON.stringify(report)).not.toContain(TOKEN);
    expect(JSON.stringify(report)).toContain('[REDACTED]');
  }, 30_000);
});

describe('verifyPacts on unusable input', () => {
  it('names an unreachable provider and the fix', async () => {
    const port = await closedPort();
    const { dir } = pactCopy('deck', (pact) => only(pact, RUN_TASK));
    const error = await verifyPacts({ pacts: dir, baseUrls: { deck: `http://127.0.0.1:${port}/v2` } }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'HOST_UNREACHABLE', hint: expect.stringContaining('--base-url') });
    expect((error as Error).message).toContain(`cannot reach the provider at http://127.0.0.1:${port}/v2`);
  });

  it('names a state the simulator refuses (a failing state handler)', async () => {
    const sim = await simulator();
    const { dir } = pactCopy('deck', (pact) => {
      only(pact, GET_QUEUED);
      interaction(pact, GET_QUEUED).providerStates[0].params.run_id = 'run-42';
    });
    const error = await verifyPacts({ pacts: dir, ...against(sim) }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'STATE_HANDLER_FAILED', hint: expect.stringContaining('src/contract/provider-states.ts') });
    expect((error as Error).message).toBe('cannot set up the deck provider state "a task run is queued": the simulator refused its state "a queued Deck run exists": 400 run_id must look like trun_ followed by letters and digits.');
  }, 30_000);

  it('names a simulator whose admin endpoint refuses the token', async () => {
    const sim = await simulator();
    const { dir } = pactCopy('deck', (pact) => only(pact, GET_QUEUED));
    const error = await verifyPacts({ pacts: dir, ...against(sim, { states: simulatorStates({ url: sim.admin!.url, token: 'wrong-admin-token' }) }) }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'STATE_HANDLER_FAILED', hint: expect.stringContaining('admin') });
    expect((error as Error).message).toContain(`the simulator at ${sim.admin!.url} could not be reset: 401`);
  });

  it('reports a state handler that throws, naming the state', async () => {
    const sim = await simulator();
    const failing: ProviderStateSetup = {
      label: 'test', setup: async () => { throw new Error('database is read-only'); }, teardown: async () => {},
    };
    const { dir } = pactCopy('deck', (pact) => only(pact, GET_QUEUED));
    const error = await verifyPacts({ pacts: dir, ...against(sim, { states: failing }) }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'STATE_HANDLER_FAILED' });
    expect((error as Error).message).toBe('provider state "a task run is queued": database is read-only');
  }, 30_000);

  it('refuses, before verifying anything, a state that has no handler', async () => {
    const sim = await simulator();
    const { dir } = pactCopy('deck', (pact) => {
      only(pact, GET_QUEUED);
      interaction(pact, GET_QUEUED).providerStates[0].name = 'a task run is sleeping';
    });
    const error = await verifyPacts({ pacts: dir, ...against(sim) }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'STATE_HANDLER_FAILED', hint: expect.stringContaining('PROVIDER_STATES') });
    expect((error as Error).message).toContain('deck: "a task run is sleeping"');
  });

  it('asks for a base URL for every provider it verifies', async () => {
    const { dir } = pactCopy('refactor');
    await expect(verifyPacts({ pacts: dir, baseUrls: { deck: 'http://127.0.0.1:1' } })).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('no base URL for the refactor provider') });
  });
});
