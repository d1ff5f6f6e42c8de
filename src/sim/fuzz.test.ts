import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allValidators, callUrl, type Exchange } from '../../test/helpers/sim-kit.ts';
import type { Validator } from '../validate/index.ts';
import { Rng } from './random.ts';
import { startSimulator, type Simulator } from './start-simulator.ts';

const UUID = '3f0c2a9e-6b1d-4c8e-9a57-2d4e8b1f6c03';
const rng = new Rng(0xf022);
let sim: Simulator;
let validators: Record<string, Validator>;

type ProviderName = 'rightbrain' | 'deck' | 'refactor';
/** Where each bundled provider is mounted, read from the running simulator. */
const basePath = (provider: ProviderName) => new URL(sim.urls[provider]!).pathname;

beforeAll(async () => {
  sim = await startSimulator({ seed: 5, timeScale: 0.001 });
  validators = await allValidators();
});
afterAll(() => sim.close());

const TEMPLATES: [ProviderName, string, string][] = [
  ['rightbrain', 'POST', '/org/{uuid}/project/{uuid}/task/{uuid}/run'],
  ['rightbrain', 'GET', '/org/{uuid}/project/{uuid}/task/{uuid}/run'],
  ['rightbrain', 'GET', '/org/{uuid}/project/{uuid}/task/{uuid}/run/{uuid}'],
  ['rightbrain', 'GET', '/org/{uuid}/project/{uuid}/task_run'],
  ['rightbrain', 'POST', '/org/{uuid}/project/{uuid}/task-agent/{uuid}/run'],
  ['rightbrain', 'GET', '/org/{uuid}/project/{uuid}/task-agent/{uuid}/run'],
  ['rightbrain', 'GET', '/org/{uuid}/project/{uuid}/task-agent/{uuid}/run/{uuid}'],
  ['deck', 'POST', '/tasks/{task}/run'],
  ['deck', 'GET', '/task-runs'],
  ['deck', 'GET', '/task-runs/{run}'],
  ['deck', 'POST', '/task-runs/{run}/interaction'],
  ['deck', 'POST', '/task-runs/{run}/cancel'],
  ['refactor', 'GET', '/run/{uuid}'],
  ['refactor', 'POST', '/runnable/{uuid}/runs'],
  ['refactor', 'POST', '/runnable/{uuid}/runs?mode=async'],
  ['refactor', 'POST', '/runnable/{uuid}/runs?mode=sync'],
];

const JUNK = ['', 'x', 'null', '%zz', '%2F', '..', 'ü', '%E2%98%83', 'a'.repeat(300), '12345', 'trun_', 'task_', 'trun_ab!c', UUID.slice(0, 30), UUID.toUpperCase(), `urn:uuid:${UUID}`];
const QUERIES = [
  '', 'include=input', 'include=input,storage,artifacts', 'include=bogus', 'include=', 'limit=0', 'limit=101', 'limit=abc', 'limit=5', 'cursor=zzz',
  'status=running', 'status=nope', 'outcome=success', 'task_id=task_x', 'task_id=bad', 'created_after=yesterday', 'created_after=2025-06-01T00:00:00Z',
  'mode=async', 'mode=sync', 'mode=', 'mode=async&mode=sync', 'page_limit=500', 'page_limit=-1', 'page_limit=3', 'cursor=' + UUID, 'use_fallback_model=maybe',
  'use_fallback_model=true', 'revision_id=latest', 'reporting_group=' + 'g'.repeat(70), 'is_error=perhaps', 'min_duration_ms=-5', 'starting_after=trun_nope',
];
const BODIES: (() => unknown)[] = [
  () => ({}), () => [], () => 42, () => 'text', () => null, () => ({ input: { a: 1 } }), () => ({ inputs: {} }), () => ({ input: 'x' }),
  () => ({ credential_id: 'cred_x1', source_id: null }), () => ({ input: { code: '123' } }), () => ({ input: {} }), () => ({ task_input: { text: 'hi' } }),
  () => ({ task_input: [] }), () => ({ input_params: {} }), () => ({ task_input: {}, task_files: [{ name: 'a', content: '!!', mime_type: 'x' }] }),
  () => ({ message: 'hello' }), () => ({ message: '' }), () => ({ message: 5, session_id: 7 }), () => ({ resources: [{ name: 'a', resource: { id: 'x' } }] }),
  () => ({ resources: 'all' }), () => ({ timeout_seconds: 0.01 }), () => ({ timeout_seconds: 1, telemetry_strategy: 'force' }), () => ({ callback_url: 'not a uri' }),
  () => ({ deep: { deeper: { deepest: Array.from({ length: 50 }, (_, index) => index) } } }),
];

const knownRuns: string[] = [];
const routedOperations = new Set<string>();

function pathFor(template: string): string {
  return template.replace(/\{(\w+)\}/g, (_, kind: string) => {
    if (rng.chance(0.2)) return rng.pick(JUNK);
    if (kind === 'uuid') return UUID;
    if (kind === 'task') return rng.pick(['task_abc', 'task_interactionX', 'task_reviewY']);
    if (knownRuns.length > 0 && rng.chance(0.6)) return rng.pick(knownRuns);
    return `trun_${rng.pick(['abc', 'nope', 'Zz0'])}`;
  });
}

interface Attempt {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

function randomAttempt(): Attempt {
  const roll = rng.next();
  const headers: Record<string, string> = {};
  const auth = rng.next();
  if (auth < 0.85) headers.authorization = `Bearer ${sim.config.token}`;
  else if (auth < 0.9) headers.authorization = 'Bearer wrong-token';
  else if (auth < 0.95) headers.authorization = 'Basic dXNlcjpwYXNz';
  if (rng.chance(0.1)) headers['idempotency-key'] = 'k'.repeat(rng.int(0, 300)) || 'k';
  if (rng.chance(0.1)) headers['x-runwarden-scenario'] = rng.pick(['success', 'interaction', 'stuck', 'failed', 'waiting', 'error', 'nonsense']);
  let method: string;
  let url: string;
  if (roll < 0.8) {
    const [provider, templateMethod, template] = rng.pick(TEMPLATES);
    method = rng.chance(0.1) ? rng.pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) : templateMethod;
    const query = [rng.pick(QUERIES), rng.chance(0.3) ? rng.pick(QUERIES) : ''].filter(Boolean).join('&');
    const path = pathFor(template);
    url = `${sim.origin}${basePath(provider)}${path}${query ? `${path.includes('?') ? '&' : '?'}${query}` : ''}`;
  } else {
    method = rng.pick(['GET', 'POST', 'DELETE']);
    const base = rng.pick(['', '/api/v1', '/v2', '/v1', '/v3', '/api', '/_runwarden']);
    url = `${sim.origin}${base}/${rng.pick(JUNK)}/${rng.pick(['run', 'runs', 'task-runs', 'x'])}${rng.chance(0.3) ? '/' : ''}`;
  }
  let body: string | Buffer | undefined;
  if (method !== 'GET' && method !== 'HEAD' && rng.chance(0.9)) {
    const kind = rng.next();
    if (kind < 0.7) body = JSON.stringify(rng.pick(BODIES)());
    else if (kind < 0.85) body = rng.pick(['{', '{"a":', 'nope', '[1,2', '{"input": {"a": 1}} trailing', '\u0000']);
    else if (kind < 0.88) body = Buffer.alloc(1024 * 1024 + rng.int(1, 5000), 0x61);
    else body = '';
    headers['content-type'] = rng.chance(0.9) ? 'application/json' : rng.pick(['text/plain', 'application/x-www-form-urlencoded']);
  }
  return { method, url, headers, body };
}

/** The provider whose base path holds `pathname`. */
function providerOf(pathname: string): ProviderName | undefined {
  const order: ProviderName[] = ['rightbrain', 'deck', 'refactor'];
  return order.find((provider) => pathname === basePath(provider) || pathname.startsWith(`${basePath(provider)}/`));
}

const NOT_FOUND_OPERATION: Record<ProviderName, string> = { rightbrain: 'fetchTaskRun', deck: 'getTaskRun', refactor: 'getRunState' };

function judge(attempt: Attempt, exchange: Exchange): string | undefined {
  if (exchange.status >= 500) return `5xx`;
  const url = new URL(attempt.url);
  const provider = providerOf(url.pathname);
  if (provider === undefined) {
    const generic = exchange.status === 404 && typeof (exchange.body as { error?: { code?: unknown } }).error?.code === 'string';
    return generic ? undefined : 'expected the generic JSON 404';
  }
  const validator = validators[provider]!;
  const routed = validator.validateRequest({ method: attempt.method, url: `${url.pathname}${url.search}` });
  const operationId = routed.operation?.operationId;
  if (operationId !== undefined) routedOperations.add(`${provider}.${operationId}`);
  if (operationId === undefined && exchange.status !== 404) return `unknown route answered ${exchange.status}`;
  const violations = validator.validateResponse(operationId ?? NOT_FOUND_OPERATION[provider], { status: exchange.status, headers: exchange.headers, body: exchange.body });
  return violations.length === 0 ? undefined : violations.map((violation) => `${violation.code} ${violation.pointer ?? ''} ${violation.message}`).join('; ');
}

describe('fuzz', () => {
  it('answers thousands of random and malformed requests with a documented status and a conforming body, never a 5xx', async () => {
    const problems: string[] = [];
    const statuses = new Map<number, number>();
    for (let i = 0; i < 3000; i++) {
      const attempt = randomAttempt();
      const exchange = await callUrl(sim, attempt.url, attempt.method, { rawBody: attempt.body, headers: attempt.headers, token: null });
      statuses.set(exchange.status, (statuses.get(exchange.status) ?? 0) + 1);
      if (exchange.status === 201) knownRuns.push((exchange.body as { id: string }).id);
      const problem = judge(attempt, exchange);
      if (problem && problems.length < 10) problems.push(`${attempt.method} ${attempt.url.slice(0, 200)} ${JSON.stringify(attempt.headers).slice(0, 120)} body=${String(attempt.body).slice(0, 80)}\n→ ${exchange.status} ${exchange.text.slice(0, 300)}\n${problem}`);
    }
    expect(problems, problems.join('\n\n')).toEqual([]);
    for (const status of [200, 201, 202, 400, 401, 404, 409, 413, 422]) expect(statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0);
    expect(sim.stats().internalErrors).toBe(0);
    expect(routedOperations.size).toBe(14);
  }, 180_000);
});
