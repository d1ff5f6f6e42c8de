import { afterEach, describe, expect, it } from 'vitest';
import { closedPort, json, startFixtureServer, type FixtureServer } from '../../test/helpers/fixture-server.ts';
import { remoteStates, simulatorStates } from './state-setup.ts';

let server: FixtureServer | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

describe('remoteStates', () => {
  it('posts each state as Pact does and returns what the endpoint answers', async () => {
    server = await startFixtureServer(json(200, { run_id: 'trun_1' }));
    const states = remoteStates(`${server.url}/states`);
    expect(await states.setup('deck', 'a task run is queued', { run_id: 'trun_1' })).toEqual({ run_id: 'trun_1' });
    expect(server.received[0]).toMatchObject({ method: 'POST', url: '/states', body: { state: 'a task run is queued', params: { run_id: 'trun_1' }, action: 'setup' } });
  });

  it('names the state, the endpoint and its answer when the endpoint fails', async () => {
    server = await startFixtureServer(json(500, { error: { message: 'seed data missing' } }));
    await expect(remoteStates(`${server.url}/states`).setup('deck', 'a task run is queued', {})).rejects.toMatchObject({
      code: 'STATE_HANDLER_FAILED', message: `cannot set up the deck provider state "a task run is queued": ${server.url}/states answered 500 seed data missing`,
    });
  });

  it('names an unreachable endpoint', async () => {
    const port = await closedPort();
    await expect(remoteStates(`http://127.0.0.1:${port}/states`).setup('deck', 'a task run is queued', {})).rejects.toMatchObject({
      code: 'STATE_HANDLER_FAILED', message: expect.stringContaining(`http://127.0.0.1:${port}/states is unreachable`),
    });
  });
});

describe('simulatorStates', () => {
  it('translates a pact state into the simulator\'s states and resets after each interaction', async () => {
    server = await startFixtureServer(json(200, { state: 'x', result: { run_id: 'trun_2Xk9QmB7aL4pR8sT' } }));
    const states = simulatorStates({ url: `${server.url}/_runwarden`, token: 'admin-token' });
    expect(await states.setup('deck', 'a task run completed with a failure result', { run_id: 'trun_2Xk9QmB7aL4pR8sT' })).toEqual({ run_id: 'trun_2Xk9QmB7aL4pR8sT' });
    await states.teardown('deck');
    expect(server.received.map((request) => [request.url, request.body, request.headers.authorization])).toEqual([
      ['/_runwarden/state', { state: 'a completed Deck run exists', params: { run_id: 'trun_2Xk9QmB7aL4pR8sT', result: 'failure' }, action: 'setup' }, 'Bearer admin-token'],
      ['/_runwarden/reset', {}, 'Bearer admin-token'],
    ]);
    expect(states.knows?.('deck', 'a task run is queued')).toBe(true);
    expect(states.knows?.('deck', 'a task run is sleeping')).toBe(false);
  });
});
