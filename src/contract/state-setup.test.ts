import { afterEach, describe, expect, it } from 'vitest';
import { closedPort, json, startFixtureServer, type FixtureServer } from '../../test/helpers/fixture-server.ts';
import { httpStates } from './state-setup.ts';

let server: FixtureServer | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

const ENV = { JOBS_ADMIN_TOKEN: 'admin-5f1e9a' };

describe('httpStates', () => {
  it('posts setup and teardown as Pact does, with the endpoint\'s headers, ${VAR} read from the environment', async () => {
    server = await startFixtureServer(json(200, { result: { id: 'job-7' } }));
    const states = httpStates('jobs', { url: `${server.url}/_pact/states`, headers: { Authorization: 'Bearer ${JOBS_ADMIN_TOKEN}', 'X-Env': 'ci' }, teardown: true }, ENV);
    expect(await states.setup('a job is working', { id: 'job-7' })).toEqual({ id: 'job-7' });
    await states.teardown('a job is working', { id: 'job-7' });
    expect(server.received.map((request) => [request.method, request.url, request.body, request.headers.authorization, request.headers['x-env']])).toEqual([
      ['POST', '/_pact/states', { state: 'a job is working', params: { id: 'job-7' }, action: 'setup' }, 'Bearer admin-5f1e9a', 'ci'],
      ['POST', '/_pact/states', { state: 'a job is working', params: { id: 'job-7' }, action: 'teardown' }, 'Bearer admin-5f1e9a', 'ci'],
    ]);
    expect(states.secrets).toEqual(['admin-5f1e9a', 'Bearer admin-5f1e9a']);
  });

  it('takes the whole answer as the values when it has no result object (pact-js state handlers)', async () => {
    server = await startFixtureServer(json(200, { run_id: 'trun_1' }));
    expect(await httpStates('deck', { url: server.url, headers: {}, teardown: true }).setup('a task run is queued', {})).toEqual({ run_id: 'trun_1' });
  });

  it('does not call the endpoint to tear down when the profile says teardown: false', async () => {
    server = await startFixtureServer(json(200, {}));
    await httpStates('jobs', { url: server.url, headers: {}, teardown: false }).teardown('a job is done', {});
    expect(server.received).toEqual([]);
  });

  it('refuses, before any call, a header naming a variable that is not set', () => {
    expect(() => httpStates('jobs', { url: 'http://127.0.0.1:1', headers: { Authorization: 'Bearer ${JOBS_ADMIN_TOKEN}' }, teardown: true }, {})).toThrow(expect.objectContaining({
      code: 'USAGE', message: 'jobs: providerStates.headers.Authorization needs the environment variable JOBS_ADMIN_TOKEN, which is not set or empty', hint: expect.stringContaining('export JOBS_ADMIN_TOKEN='),
    }));
  });

  it('names the provider, the state, the endpoint and its answer when setup or teardown fails', async () => {
    server = await startFixtureServer(json(400, { error: { message: 'run_id must look like trun_' } }));
    const states = httpStates('deck', { url: `${server.url}/states`, headers: {}, teardown: true });
    await expect(states.setup('a task run is queued', { run_id: 'run-42' })).rejects.toMatchObject({
      code: 'STATE_HANDLER_FAILED', message: `cannot set up the deck provider state "a task run is queued": ${server.url}/states answered 400 run_id must look like trun_`,
    });
    await expect(states.teardown('', {})).rejects.toMatchObject({
      message: `cannot tear down the deck provider after an interaction without states: ${server.url}/states answered 400 run_id must look like trun_`,
    });
  });

  it('names an unreachable endpoint', async () => {
    const port = await closedPort();
    await expect(httpStates('deck', { url: `http://127.0.0.1:${port}/states`, headers: {}, teardown: true }).setup('a task run is queued', {})).rejects.toMatchObject({
      code: 'STATE_HANDLER_FAILED', message: expect.stringContaining(`http://127.0.0.1:${port}/states is unreachable`),
    });
  });

  it('lists the states an endpoint knows when it answers GET, and nothing when it cannot (listing is not Pact\'s protocol)', async () => {
    server = await startFixtureServer([json(200, { states: ['a job is done'] }), json(404, {}), json(401, { error: { message: 'bad admin token' } })]);
    const states = httpStates('jobs', { url: server.url, headers: {}, teardown: true });
    expect(await states.knownStates?.()).toEqual(['a job is done']);
    expect(await states.knownStates?.()).toBeUndefined();
    expect(await states.knownStates?.()).toBeUndefined();
  });
});
