import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bundled, call, conformance, type Exchange } from '../../test/helpers/sim-kit.ts';
import { loadProfileFile } from '../config/index.ts';
import { checkLifecycle } from '../core/lifecycle/check.ts';
import { loadSpec } from '../spec/index.ts';
import { createValidator } from '../validate/index.ts';
import { createVirtualClock } from './clock.ts';
import { startSimulator, type Simulator } from './start-simulator.ts';

/** A task-run API of a user's own, written here: nothing of it is in runwarden's bundled providers. */
const SPEC = `openapi: 3.1.0
info: { title: Renders API, version: 1.0.0 }
servers: [{ url: 'https://renders.example.com/api/v3' }]
security: [{ ApiKey: [] }]
paths:
  /renders:
    post:
      operationId: startRender
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: '#/components/schemas/RenderRequest' }
            example: { scene: lobby }
      responses:
        '202': { description: Accepted., content: { application/json: { schema: { $ref: '#/components/schemas/Render' } } } }
        '400': { $ref: '#/components/responses/Problem' }
        '401': { $ref: '#/components/responses/Problem' }
        '429': { $ref: '#/components/responses/Problem' }
        '500': { $ref: '#/components/responses/Problem' }
  /renders/{render_id}:
    get:
      operationId: getRender
      parameters: [{ name: render_id, in: path, required: true, schema: { type: string } }]
      responses:
        '200': { description: The render., content: { application/json: { schema: { $ref: '#/components/schemas/Render' } } } }
        '401': { $ref: '#/components/responses/Problem' }
        '404': { $ref: '#/components/responses/Problem' }
        '429': { $ref: '#/components/responses/Problem' }
        '500': { $ref: '#/components/responses/Problem' }
components:
  securitySchemes: { ApiKey: { type: apiKey, in: header, name: X-Render-Key } }
  responses:
    Problem: { description: A problem., content: { application/json: { schema: { $ref: '#/components/schemas/Problem' } } } }
  schemas:
    RenderRequest:
      type: object
      required: [scene]
      additionalProperties: false
      properties: { scene: { type: string, minLength: 1 } }
    Render:
      type: object
      required: [id, phase, created_at]
      properties:
        id: { type: string }
        phase: { type: string, enum: [queued, rendering, done, broken] }
        created_at: { type: string, format: date-time }
        finished_at: { type: [string, 'null'], format: date-time }
    Problem:
      type: object
      required: [message]
      properties: { message: { type: string } }
`;

const PROFILE = `name: renders
spec: ./renders.yaml
auth: { type: header, name: X-Render-Key }
runs:
  render:
    create: { operationId: startRender, body: { scene: lobby }, runId: { body: /id } }
    poll: { operationId: getRender, interval: 100ms }
    lifecycle:
      status: /phase
      initial: [queued]
      success: [done]
      failure: [broken]
      transitions: { queued: [rendering, broken], rendering: [done, broken] }
      timestamps: [/created_at, /finished_at]
`;

function writeProject(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'runwarden-renders-'));
  writeFileSync(path.join(dir, 'renders.yaml'), SPEC);
  writeFileSync(path.join(dir, 'renders.profile.yaml'), PROFILE);
  return dir;
}

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('a user profile mounted next to a bundled provider', () => {
  it('serves both on one port, each at its base path, the user API with its own auth, lifecycle and provider states', async () => {
    const dir = writeProject();
    const profile = loadProfileFile(path.join(dir, 'renders.profile.yaml'));
    const validator = createValidator(await loadSpec(path.join(dir, 'renders.yaml')));
    const conforms = (operationId: string, exchange: Exchange) => validator.validateResponse(operationId, { status: exchange.status, headers: exchange.headers, body: exchange.body });
    const clock = createVirtualClock();
    sim = await startSimulator({ clock, providers: [profile, ...bundled('deck')], adminToken: 'adm', faults: [{ provider: 'renders', operations: ['getRender'], error: { rate: 0 } }] });
    expect(sim.urls).toEqual({ renders: `${sim.origin}/api/v3`, deck: `${sim.origin}/v2` });
    const key = { token: null, headers: { 'x-render-key': sim.config.token } };

    const started = await call(sim, 'renders', 'POST', '/renders', { ...key, body: { scene: 'lobby' } });
    expect(started.status).toBe(202);
    expect(conforms('startRender', started)).toEqual([]);
    const id = (started.body as { id: string }).id;
    const seen: unknown[] = [];
    for (let poll = 0; poll < 200; poll++) {
      const read = await call(sim, 'renders', 'GET', `/renders/${encodeURIComponent(id)}`, key);
      expect(read.status).toBe(200);
      expect(conforms('getRender', read)).toEqual([]);
      seen.push(read.body);
      if (['done', 'broken'].includes((read.body as { phase: string }).phase)) break;
      clock.advance(250);
    }
    expect(['done', 'broken']).toContain((seen.at(-1) as { phase: string }).phase);
    expect(checkLifecycle(profile.runs[0]!.lifecycle, 'getRender', seen.map((body, index) => ({ body, observedAt: index })))).toEqual([]);

    // Its auth scheme, not the bundled providers' bearer token.
    expect((await call(sim, 'renders', 'POST', '/renders', { body: { scene: 'lobby' } })).status).toBe(401);
    expect((await call(sim, 'renders', 'POST', '/renders', { token: null, headers: { 'x-render-key': 'wrong' }, body: { scene: 'lobby' } })).status).toBe(401);

    // Provider states: a run placed in a lifecycle state, through the same endpoint as a bundled provider's.
    const placed = await fetch(sim.admin!.providerStates.renders!, {
      method: 'POST', headers: { authorization: 'Bearer adm', 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'a run is rendering', params: {}, action: 'setup' }),
    });
    expect(placed.status).toBe(200);
    const { result } = await placed.json() as { result: { id: string } };
    const held = await call(sim, 'renders', 'GET', `/renders/${encodeURIComponent(result.id)}`, key);
    expect(held.body).toMatchObject({ id: result.id, phase: 'rendering' });
    expect(() => sim!.setState('renders', 'a run is sleeping')).toThrow();

    // The bundled neighbour is untouched.
    const deck = await call(sim, 'deck', 'POST', '/tasks/task_abc/run', { body: {} });
    expect(deck.status).toBe(201);
    expect(await conformance('deck', 'runTask', deck)).toEqual([]);
    expect(sim.stats().runs).toMatchObject({ 'renders.render': 2, 'deck.task-run': 1 });
  });
});
