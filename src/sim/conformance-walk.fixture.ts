// Test helper: a seeded random walk over one provider profile's operations against the simulator, the way a
// client would use the API (creates, polls, cancels, lists, errors asked for on purpose), every answer checked
// against the spec in strict mode and every run's observed states kept for the lifecycle check.
import { callUrl, parseEvents, pathFor, runIdOf, runIdParamOf, settleOnClock, type Exchange } from '../../test/helpers/sim-kit.ts';
import { checkLifecycle, type Observation } from '../core/lifecycle/index.ts';
import { credentialsFor, type ProviderProfile, type RunKind } from '../core/profile/index.ts';
import { loadSpec, type Operation } from '../spec/index.ts';
import { createValidator, type Validator } from '../validate/index.ts';
import { createVirtualClock, type VirtualClock } from './clock.ts';
import type { SimulatorOptions } from './options.ts';
import { Rng } from './random.ts';
import { startSimulator, type Simulator } from './start-simulator.ts';

/** Clock moved between rounds of the final polls; runs last seconds, so this bounds the drain at minutes of clock. */
const DRAIN_STEP_MS = 2_000;
const DRAIN_ROUNDS = 200;

/** What a walk's request sends besides the path parameters. */
interface Outgoing {
  query?: Readonly<Record<string, string>>;
  body?: unknown;
  headers?: Record<string, string>;
  /** null sends no credential, a string a wrong one; default: the simulator's token, as the profile's auth says. */
  token?: string | null;
  /** The answer waits on the virtual clock (a sync create, a stream): move it until the answer comes. */
  waitsOnClock?: boolean;
}

/** One run the walk created or placed, with every status-bearing body it saw, in order. */
export interface TrackedRun {
  kind: RunKind;
  id: string;
  observations: Observation[];
}

/** A random walk over one provider's operations; findings and counts are collected, asserted by the test. */
export class Walk {
  readonly runs: TrackedRun[] = [];
  readonly findings: string[] = [];
  readonly statuses = new Map<number, number>();
  readonly seenStates = new Set<string>();
  requests = 0;
  private readonly operations: Map<string, Operation>;
  private readonly idempotencyKeys = new Map<string, string>();

  constructor(readonly sim: Simulator, readonly clock: VirtualClock, readonly profile: ProviderProfile, readonly validator: Validator, readonly rng: Rng) {
    this.operations = new Map(validator.spec.operations.map((operation) => [operation.operationId, operation]));
  }

  /** The weighted actions this profile's operations allow. */
  actions(): Array<[number, () => Promise<void>]> {
    const actions: Array<[number, () => Promise<void>]> = [[4, async () => this.clock.advance(this.rng.int(0, 1500))]];
    for (const kind of this.profile.runs) {
      actions.push([5, () => this.create(kind)], [1, () => this.createInvalid(kind)], [1, () => this.place(kind)]);
      if (kind.poll) actions.push([10, () => this.poll(kind)], [1, () => this.pollUnknown(kind)], [1, () => this.pollWithoutCredentials(kind)]);
      if (kind.cancel) actions.push([2, () => this.cancel(kind)]);
      for (const operationId of kind.alsoReturnedBy) {
        if (this.operation(operationId).method === 'get') actions.push([2, () => this.list(kind, operationId)]);
      }
    }
    return actions;
  }

  async create(kind: RunKind): Promise<void> {
    const headers: Record<string, string> = {};
    let key: string | undefined;
    for (const [name, value] of Object.entries(kind.create.headers ?? {})) {
      if (!value.includes('{uuid}')) {
        headers[name] = value;
        continue;
      }
      // A key sent before, now and then: the create must answer with the same run.
      key = this.idempotencyKeys.size > 0 && this.rng.chance(0.2) ? this.rng.pick([...this.idempotencyKeys.keys()]) : `key-${this.rng.uint32().toString(36)}`;
      headers[name] = value.replace('{uuid}', key);
    }
    const exchange = await this.send(this.operation(kind.create.operationId), { ...kind.create.params }, { query: kind.create.query, body: kind.create.body ?? {}, headers, waitsOnClock: kind.create.sync === true || kind.create.runId.from === 'sse' });
    if (exchange.status >= 300) return this.finding(exchange, `the create answered ${exchange.status}`);
    const id = runIdOf(kind, exchange);
    if (id === undefined) return this.finding(exchange, 'no run id where the profile says');
    if (key !== undefined) {
      const earlier = this.idempotencyKeys.get(key);
      if (earlier !== undefined && earlier !== id) return this.finding(exchange, `Idempotency-Key ${key} answered run ${id}, first ${earlier}`);
      if (earlier !== undefined) return;
      this.idempotencyKeys.set(key, id);
    }
    const run: TrackedRun = { kind, id, observations: [] };
    this.runs.push(run);
    const isStream = (exchange.headers['content-type'] ?? '').startsWith('text/event-stream');
    for (const body of isStream ? parseEvents(exchange.text).map((event) => event.data) : [exchange.body]) this.observe(run, body);
    // A synchronous create blocks until the run ends: it must never answer a run still under way.
    if (kind.create.sync && !this.isTerminal(run)) this.finding(exchange, `a synchronous create answered a run in ${String(kind.lifecycle.statusOf(exchange.body))}`);
  }

  async createInvalid(kind: RunKind): Promise<void> {
    const operation = this.operation(kind.create.operationId);
    const documented = ['400', '422'].filter((status) => operation.responses[status] !== undefined);
    if (documented.length === 0) return;
    const path = pathFor(operation, kind.create.params ?? {}, kind.create.query)!;
    const body = [[], 'not an object', {}, { unexpected: true }].find((candidate) =>
      this.validator.validateRequest({ method: 'POST', url: `${this.validator.spec.basePath}${path}`, headers: { 'content-type': 'application/json' }, body: candidate }).violations.some((violation) => violation.where === 'request' && violation.part === 'body'));
    if (body === undefined) return;
    const exchange = await this.send(operation, { ...kind.create.params }, { query: kind.create.query, body });
    if (!documented.includes(String(exchange.status))) this.finding(exchange, `a body that fails the request schema answered ${exchange.status}; documented ${documented.join(', ')}`);
  }

  place(kind: RunKind): Promise<void> {
    const state = this.rng.pick(kind.lifecycle.statuses);
    const { id } = this.sim.setState(this.profile.name, 'a {kind} run is {state}', { kind: kind.name, state }) as { id: string };
    this.runs.push({ kind, id, observations: [] });
    return Promise.resolve();
  }

  async poll(kind: RunKind, run = this.pickRun(kind)): Promise<void> {
    if (!run) return;
    const exchange = await this.send(this.operation(kind.poll!.operationId), this.runParams(run, kind.poll!), { query: kind.poll!.query });
    if (exchange.status !== 200) return this.finding(exchange, `a poll of a stored run answered ${exchange.status}`);
    this.observe(run, exchange.body);
  }

  async pollUnknown(kind: RunKind): Promise<void> {
    const run = this.pickRun(kind);
    const operation = this.operation(kind.poll!.operationId);
    if (!run || operation.responses['404'] === undefined) return;
    const unknown = unknownLike(run.id, this.rng);
    if (this.runs.some((other) => other.id === unknown)) return;
    const exchange = await this.send(operation, { ...this.runParams(run, kind.poll!), [this.idParam(kind, kind.poll!)]: unknown }, { query: kind.poll!.query });
    if (exchange.status !== 404) this.finding(exchange, `an unknown run id answered ${exchange.status}, not the documented 404`);
  }

  async pollWithoutCredentials(kind: RunKind): Promise<void> {
    const run = this.pickRun(kind);
    const operation = this.operation(kind.poll!.operationId);
    if (!run || this.profile.auth.type === 'none' || (operation.responses['401'] ?? operation.responses['403']) === undefined) return;
    const token = this.rng.chance(0.5) ? null : 'not-the-token';
    const exchange = await this.send(operation, this.runParams(run, kind.poll!), { query: kind.poll!.query, token });
    if (exchange.status !== 401 && exchange.status !== 403) this.finding(exchange, `a request with ${token === null ? 'no' : 'a wrong'} credential answered ${exchange.status}`);
  }

  async cancel(kind: RunKind): Promise<void> {
    const run = this.pickRun(kind);
    if (!run) return;
    const operation = this.operation(kind.cancel!.operationId);
    const exchange = await this.send(operation, this.runParams(run, kind.cancel!), { query: kind.cancel!.query, ...(operation.requestBody ? { body: kind.cancel!.body ?? {} } : {}) });
    if (exchange.status < 300 && kind.lifecycle.statusOf(exchange.body) !== undefined) this.observe(run, exchange.body);
  }

  async list(kind: RunKind, operationId: string): Promise<void> {
    const operation = this.operation(operationId);
    const params = { ...kind.create.params, ...kind.poll?.params };
    if (pathFor(operation, params) === undefined) return;
    const exchange = await this.send(operation, params);
    if (exchange.status !== 200) this.finding(exchange, `a list answered ${exchange.status}`);
  }

  /** Polls every run not yet terminal, moving the clock between rounds, until all are (bounded). */
  async drain(): Promise<void> {
    for (let round = 0; round < DRAIN_ROUNDS; round++) {
      const open = this.runs.filter((run) => run.kind.poll && !this.isTerminal(run));
      if (open.length === 0) return;
      for (const run of open) await this.poll(run.kind, run);
      this.clock.advance(DRAIN_STEP_MS);
    }
  }

  isTerminal(run: TrackedRun): boolean {
    const last = run.kind.lifecycle.statusOf(run.observations.at(-1)?.body);
    return last !== undefined && run.kind.lifecycle.terminal.includes(last);
  }

  private observe(run: TrackedRun, body: unknown): void {
    const status = run.kind.lifecycle.statusOf(body);
    if (status === undefined) return;
    this.seenStates.add(`${run.kind.name}:${status}`);
    run.observations.push({ body, observedAt: this.clock.now() });
  }

  /** Calls `operation` with the profile's credentials (unless `token` says otherwise) and checks the answer against the spec. */
  private async send(operation: Operation, params: Record<string, string>, request: Outgoing = {}): Promise<Exchange> {
    const credentials = credentialsFor(this.profile.auth, request.token === undefined ? this.sim.config.token : request.token ?? undefined);
    const url = `${this.sim.urls[this.profile.name]}${pathFor(operation, params, { ...request.query, ...credentials.query })}`;
    const body = request.body === undefined ? {} : { body: request.body };
    const pending = callUrl(this.sim, url, operation.method.toUpperCase(), { ...body, token: null, headers: { ...request.headers, ...credentials.headers } });
    // Sync creates and streams answer when the run ends: move the clock until they do.
    const exchange = request.waitsOnClock ? await settleOnClock(this.clock, pending, 250) : await pending;
    const operationId = operation.operationId;
    this.requests++;
    this.statuses.set(exchange.status, (this.statuses.get(exchange.status) ?? 0) + 1);
    const violations = this.validator.validateResponse(operationId, { status: exchange.status, headers: exchange.headers, body: exchange.body });
    for (const violation of violations) this.finding(exchange, `${violation.code} ${violation.pointer ?? ''}: ${violation.message}`);
    if (exchange.status >= 500) this.finding(exchange, '5xx');
    return exchange;
  }

  private finding(exchange: Exchange, what: string): void {
    if (this.findings.length < 20) this.findings.push(`${exchange.method} ${exchange.url} → ${exchange.status}: ${what}\n${exchange.text.slice(0, 400)}`);
  }

  private pickRun(kind: RunKind): TrackedRun | undefined {
    const runs = this.runs.filter((run) => run.kind === kind);
    return runs.length === 0 ? undefined : this.rng.pick(runs);
  }

  private runParams(run: TrackedRun, call: NonNullable<RunKind['poll']>): Record<string, string> {
    return { ...run.kind.create.params, ...call.params, [this.idParam(run.kind, call)]: run.id };
  }

  private idParam(kind: RunKind, call: NonNullable<RunKind['poll']>): string {
    const param = runIdParamOf(this.operation(call.operationId), kind, call);
    if (param === undefined) throw new Error(`${call.operationId} has no path parameter for the run id`);
    return param;
  }

  private operation(operationId: string): Operation {
    const operation = this.operations.get(operationId);
    if (!operation) throw new Error(`${this.profile.name}: no operation ${operationId}`);
    return operation;
  }
}

/** An id of the same shape as `id` (its prefix kept, each other letter or digit swapped for another of its class). */
function unknownLike(id: string, rng: Rng): string {
  if (/^\d+$/.test(id)) return String(Number(id) + 1_000_000 + rng.int(0, 1000));
  const prefix = /^[a-z]+[_-]/i.exec(id)?.[0] ?? '';
  const classes = /^[0-9a-f-]+$/.test(id) ? ['0123456789', 'abcdef'] : ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
  return prefix + id.slice(prefix.length).replace(/[0-9a-zA-Z]/g, (char) => {
    const from = classes.find((chars) => chars.includes(char)) ?? char;
    return from[(from.indexOf(char) + 1 + rng.int(0, from.length - 2)) % from.length]!;
  });
}

/** What one walk over a profile found. */
export interface WalkResult {
  walk: Walk;
  internalErrors: number;
  /** Lifecycle findings over every run's observations, one line each. */
  illegal: string[];
  /** Runs still not terminal after the drain, with what was seen of them. */
  unended: string[];
}

/** Serves `profile` alone on a virtual clock, walks `steps` seeded random actions, then polls every run to its end. */
export async function walkProfile(profile: ProviderProfile, seed: number, steps: number, faults: SimulatorOptions['faults'] = []): Promise<WalkResult> {
  const validator = createValidator(await loadSpec(profile.spec), { strict: true });
  const clock = createVirtualClock();
  // Every terminal state an outcome (success twice as likely), no stuck runs: each run must end.
  const terminals = [...new Set(profile.runs.flatMap((kind) => kind.lifecycle.terminal))];
  const outcomes = Object.fromEntries(terminals.map((state) => [state, profile.runs.some((kind) => kind.success.includes(state)) ? 2 : 1]));
  // Placed runs (provider states) hold a few seconds of clock, then move on like the others.
  const sim = await startSimulator({ clock, seed, providers: [profile], outcomes: { [profile.name]: outcomes }, timing: { stateHoldMs: 5_000 }, faults });
  try {
    return await walkOn(sim, clock, profile, validator, seed, steps);
  } finally {
    await sim.close();
  }
}

/** The walk itself, on a started simulator. */
async function walkOn(sim: Simulator, clock: VirtualClock, profile: ProviderProfile, validator: Validator, seed: number, steps: number): Promise<WalkResult> {
  const walk = new Walk(sim, clock, profile, validator, new Rng(seed));
  const actions = walk.actions();
  const total = actions.reduce((sum, [weight]) => sum + weight, 0);
  for (let step = 0; step < steps; step++) {
    let roll = walk.rng.next() * total;
    await (actions.find(([weight]) => (roll -= weight) < 0) ?? actions[0]!)[1]();
  }
  await walk.drain();
  const seen = (run: TrackedRun) => run.observations.map((observation) => run.kind.lifecycle.statusOf(observation.body)).join(' → ') || 'never seen';
  return {
    walk,
    internalErrors: sim.stats().internalErrors,
    illegal: walk.runs.flatMap((run) => checkLifecycle(run.kind.lifecycle, run.kind.poll?.operationId ?? run.kind.create.operationId, run.observations)
      .map((violation) => `${run.kind.name} ${run.id}: ${violation.code} ${violation.message} (saw ${seen(run)})`)),
    unended: walk.runs.filter((run) => !walk.isTerminal(run)).map((run) => `${run.kind.name} ${run.id}: ${seen(run)}`),
  };
}
