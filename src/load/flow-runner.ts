import { parseRetryAfter } from '../client/retry-after.ts';
import type { Violation } from '../core/violation.ts';
import type { WireRequest } from './connection.ts';
import type { ExchangeSampler } from './exchange-sampler.ts';
import type { CompiledCreatePoll, CompiledFlow, CompiledRead, Endpoint } from './flow-compiler.ts';
import { headerValue, normalizeHeaders, parseBody, runIdOf } from './response-body.ts';
import type { RunState, RunTracker } from './run-tracker.ts';
import { onlyStatusIs } from './status-sniff.ts';
import { ViolationLog } from './violation-log.ts';

/** A response as handed to the contract validator: lower-case headers, the body parsed when it is JSON. */
export interface SampledResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Validates one response against the provider's spec; compiled before traffic and cheap to call. */
export type ValidateResponse = (operationId: string, response: SampledResponse, provider: string) => Violation[];

const enum Kind { Create, Poll, Interact, Read, Seed }

/** Called when an iteration (one run, or one read) is over, so a closed-model client can start the next. */
export type IterationDone = () => void;

class EngineRequest implements WireRequest {
  sentAt = 0;

  constructor(
    readonly buffer: Buffer,
    readonly flow: CompiledFlow,
    readonly endpoint: Endpoint,
    readonly kind: Kind,
    /** performance.now() when the request was due: latency is measured from here, not from the write. */
    readonly intendedAt: number,
    readonly run: RunState | undefined,
    readonly done: IterationDone | undefined,
    private readonly runner: FlowRunner,
  ) {}

  /** autocannon's request hook: called once with the complete response. */
  onResponse(status: number, body: string, _context: unknown, headers: Record<string, string | string[]>): void {
    this.runner.handleResponse(this, status, body, headers);
  }
}

const isSuccess = (status: number): boolean => status >= 200 && status < 300;
const TOO_MANY_REQUESTS = 429;

/**
 * Drives iterations through their flow: create → poll until terminal (answering interactions) for runs,
 * one GET for reads. Knows nothing of workload models: the closed runner and the open scheduler call `start`.
 */
export class FlowRunner {
  /** False once the test is over: responses still count, but nothing new is sent. */
  sending = true;
  readsInFlight = 0;
  sampled = 0;
  readonly contractViolations = new ViolationLog();
  private sampleCounter = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly tracker: RunTracker,
    private readonly validate: ValidateResponse | undefined,
    private readonly validateEvery: number,
    /** Keeps a bounded sample of exchanges (seeding excluded), for drift and HAR checks. */
    private readonly sampler?: ExchangeSampler,
  ) {}

  /** Starts one iteration of `flow`, due at `intendedAt`. */
  start(flow: CompiledFlow, intendedAt: number, done?: IterationDone): void {
    if (flow.kind === 'read') {
      const id = flow.ids[flow.cursor++ % flow.ids.length];
      this.readsInFlight++;
      this.send(flow, flow.read, Kind.Read, intendedAt, undefined, done, id);
      return;
    }
    const run = this.tracker.begin(flow.tracked, intendedAt);
    this.send(flow, flow.create, Kind.Create, intendedAt, run, done, undefined);
  }

  /** Creates a read flow's runs before traffic, through the same connections; their stats are kept apart. */
  seed(flow: CompiledRead): Promise<void> {
    return new Promise((resolve) => {
      let left = flow.seed.count;
      const next = (): void => {
        if (left-- <= 0) return resolve();
        this.send(flow, flow.seed, Kind.Seed, performance.now(), undefined, next, undefined);
      };
      next();
    });
  }

  /** Stops polling and interacting: pending poll timers are cancelled. */
  stop(): void {
    this.sending = false;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  handleResponse(request: EngineRequest, status: number, text: string, headers: Record<string, string | string[]>): void {
    const now = performance.now();
    const { endpoint } = request;
    endpoint.stats.recordResponse(status, now - request.intendedAt);
    let body: unknown;
    let parsed = false;
    if (this.validate !== undefined && request.kind !== Kind.Seed && ++this.sampleCounter >= this.validateEvery) {
      this.sampleCounter = 0;
      this.sampled++;
      body = parseBody(text);
      parsed = true;
      this.contractViolations.add(this.validate(endpoint.request.operationId, { status, headers: normalizeHeaders(headers), body }, endpoint.provider));
    }
    switch (request.kind) {
      case Kind.Read:
        this.sampler?.offer(endpoint.sample, request, status, text, headers, parsed ? body : undefined);
        this.readsInFlight--;
        request.done?.();
        return;
      case Kind.Seed: {
        const flow = request.flow as CompiledRead;
        const id = isSuccess(status) ? runIdOf(flow.seed.runId, text, parseBody(text), headers) : undefined;
        if (id !== undefined) flow.ids.push(id);
        request.done?.();
        return;
      }
    }
    const run = request.run!;
    if (run.outcome !== 'pending') return;
    const flow = request.flow as CompiledCreatePoll;
    if (request.kind === Kind.Poll && !parsed && isSuccess(status) && this.unchanged(flow, run, text)) {
      // The common poll: still the same status. Counted and followed up without parsing the body.
      this.sampler?.offer(endpoint.sample, request, status, text, headers, undefined);
      this.tracker.countPoll(run, true);
      this.advance(flow, run, run.lastStatus, undefined, now, request.done);
      return;
    }
    if (isSuccess(status) && !parsed) {
      body = parseBody(text);
      parsed = true;
    }
    this.sampler?.offer(endpoint.sample, request, status, text, headers, parsed ? body : undefined);
    // A rate-limited request waits as long as the API asks before its client's next one, instead of piling on.
    const retryAfterMs = status === TOO_MANY_REQUESTS ? parseRetryAfter(headerValue(headers, 'retry-after')) : undefined;
    if (request.kind === Kind.Create) {
      const id = isSuccess(status) ? runIdOf(flow.runId, text, body, headers) : undefined;
      if (id === undefined) return this.createFailed(run, request.done, retryAfterMs);
      this.tracker.identify(run, id);
    }
    const previous = run.lastStatus;
    const runStatus = isSuccess(status) ? this.tracker.observe(run, body) : undefined;
    flow.statusKey.learn(body, runStatus);
    if (request.kind === Kind.Poll) this.tracker.countPoll(run, runStatus === undefined || runStatus === previous);
    if (request.kind === Kind.Create && flow.sync && !this.tracker.isTerminal(run, runStatus)) {
      this.tracker.syncNotTerminal(run, runStatus);
      if (flow.poll === undefined) {
        this.tracker.leaveUnfinished(run);
        request.done?.();
        return;
      }
    }
    this.advance(flow, run, runStatus, body, now, request.done, retryAfterMs);
  }

  /** A request that got no response. */
  handleFailure(wire: WireRequest, reason: 'timeout' | 'connection'): void {
    const request = wire as EngineRequest;
    request.endpoint.stats.recordFailure(reason);
    switch (request.kind) {
      case Kind.Read:
        this.readsInFlight--;
        request.done?.();
        return;
      case Kind.Seed:
        request.done?.();
        return;
    }
    const run = request.run!;
    if (run.outcome !== 'pending') return;
    if (request.kind === Kind.Create) return this.createFailed(run, request.done);
    if (request.kind === Kind.Poll) this.tracker.countPoll(run, true);
    this.advance(request.flow as CompiledCreatePoll, run, undefined, undefined, performance.now(), request.done);
  }

  private unchanged(flow: CompiledCreatePoll, run: RunState, text: string): boolean {
    const last = run.lastStatus;
    return last !== undefined && flow.statusKey.trusted && last !== flow.interact?.whenStatus && onlyStatusIs(text, last);
  }

  /**
   * Decides what a run does next after a response (or none): finish, answer, poll, or give up. `retryAfterMs`
   * (a 429's Retry-After) delays the next poll beyond the interval, but never past the run's deadline.
   */
  private advance(flow: CompiledCreatePoll, run: RunState, status: string | undefined, body: unknown, now: number, done: IterationDone | undefined, retryAfterMs?: number): void {
    if (this.tracker.isTerminal(run, status)) {
      run.terminalAt ??= now;
      if (run.polls >= (flow.poll?.minPolls ?? 0)) {
        this.tracker.finish(run, status!);
        done?.();
        return;
      }
    }
    if (flow.poll === undefined || (now >= run.deadline && (run.polledPastDeadline || !this.sending))) {
      // A create-only flow whose answer was not terminal, or a run a poll sent past its deadline did not see ended.
      this.tracker.lose(run);
      done?.();
      return;
    }
    if (!this.sending) return;
    if (now >= run.deadline) {
      // The verdict needs an answer given at the deadline: the last one may be older (a poll that timed out on a busy
      // machine, an answer without a status), so look once more, now, before calling the run lost.
      this.sendPoll(flow, flow.poll, run, done, now);
      return;
    }
    const interact = flow.interact;
    if (interact !== undefined && status === interact.whenStatus && run.interactions < interact.max) {
      run.interactions++;
      this.send(flow, interact, Kind.Interact, now, run, done, run.id, interact.answer && answerFor(interact.answer, body));
      return;
    }
    const poll = flow.poll;
    const untilDeadline = run.deadline - now;
    const waitMs = retryAfterMs === undefined ? poll.intervalMs : Math.min(Math.max(poll.intervalMs, retryAfterMs), untilDeadline);
    // A wait cut short by the deadline ends in the deadline's poll, even if the timer fires a hair early.
    const atDeadline = waitMs >= untilDeadline;
    if (waitMs <= 0) {
      this.sendPoll(flow, poll, run, done, now, atDeadline);
      return;
    }
    this.after(waitMs, () => this.sendPoll(flow, poll, run, done, performance.now(), atDeadline));
  }

  private sendPoll(flow: CompiledCreatePoll, poll: Endpoint, run: RunState, done: IterationDone | undefined, now: number, atDeadline = false): void {
    if (atDeadline || now >= run.deadline) run.polledPastDeadline = true;
    this.send(flow, poll, Kind.Poll, now, run, done, run.id);
  }

  /**
   * A create that named no run. Its client (closed model) starts its next iteration after the create's Retry-After,
   * when it was rate limited: at once would only be refused again. The wait ends with the test (`stop`).
   */
  private createFailed(run: RunState, done: IterationDone | undefined, retryAfterMs?: number): void {
    this.tracker.createFailedFor(run);
    if (done === undefined) return;
    if (retryAfterMs === undefined || retryAfterMs <= 0) return done();
    if (this.sending) this.after(retryAfterMs, done);
  }

  /** Calls `then` after `ms`, unless the test stops first. */
  private after(ms: number, then: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.sending) then();
    }, ms);
    this.timers.add(timer);
  }

  private send(flow: CompiledFlow, endpoint: Endpoint, kind: Kind, intendedAt: number, run: RunState | undefined, done: IterationDone | undefined, runId: string | undefined, body?: unknown): void {
    endpoint.stats.sent++;
    endpoint.pool.submit(new EngineRequest(endpoint.request.build(runId, body), flow, endpoint, kind, intendedAt, run, done, this));
  }
}

/** `{ [into]: { <each field name>: value } }` for the fields a prompt lists at `fieldsAt`. */
function answerFor(answer: { fieldsAt: string; into: string; value: string }, body: unknown): unknown {
  let fields: unknown = body;
  for (const key of answer.fieldsAt.split('.')) fields = typeof fields === 'object' && fields !== null ? (fields as Record<string, unknown>)[key] : undefined;
  const values: Record<string, string> = {};
  if (Array.isArray(fields)) {
    for (const field of fields) {
      const name = typeof field === 'object' && field !== null ? (field as { name?: unknown }).name : undefined;
      if (typeof name === 'string') values[name] = answer.value;
    }
  }
  return { [answer.into]: values };
}
