import { setAtPointer, valueAtPointer } from '../../core/profile/index.ts';
import type { Operation } from '../../spec/index.ts';
import { hashString, mixSeed } from '../random.ts';
import { RenderCache } from '../render-cache.ts';
import { dateTimeFields } from './body-fields.ts';
import type { GenericRun } from './generic-run.ts';
import { isoTime } from './iso-time.ts';
import type { LifecycleModel } from './lifecycle-model.ts';
import type { RunIdGenerator } from './run-ids.ts';
import { RequestIdDraws, requestIdSlots, type RequestIdField } from './request-ids.ts';
import { slotBody, type SlottedBody } from './slotted-body.ts';
import { documentedResponse, jsonMediaOf } from './spec-operations.ts';
import { deleteAtPointer, summarize, type TemplateTools } from './template-tools.ts';
import { timestampTimes, type TimestampRule } from './timestamp-rules.ts';

/** What the bodies of one run kind carry, and where. */
export interface RunShape {
  readonly model: LifecycleModel;
  readonly statusPointer: string;
  /** The profile's timestamp pointers, in order, and when each is set. */
  readonly timestamps: readonly string[];
  readonly rules: readonly TimestampRule[];
  readonly ids: RunIdGenerator;
}

/** Where a template puts the run: its id (a fixed pointer, or the first of the hints the body has) and its status. */
export interface RunPlacement {
  idPointer?: string;
  idHints?: readonly string[];
  /** Write the status even where the body has no such field (the poll answer must carry it). */
  requireStatus: boolean;
  /** Headers to validate the samples with (per-run ones, such as `Location`). */
  sampleHeaders?: Record<string, string>;
}

/** What a timestamp field shows while the run has not reached it: null, nothing, or the latest earlier time. */
type Unset = 'null' | 'delete' | 'fill' | 'absent';

/** The body of a run in one state: samples in every slot, how unset timestamps look, the serialized variants. */
interface StateBody {
  body: unknown;
  unset: Unset[];
  /** Timestamp i is Unix seconds (a number field) rather than RFC 3339 text. */
  seconds: boolean[];
  /** Serialized variants by the mask of timestamps shown as null or left out. */
  variants: Map<number, SlottedBody>;
  /** Date-time fields the profile does not name (`updated_at`): the time the run entered its current state. */
  extraTimes: string[];
  /** Fields that identify a request (`request_id`): a fresh id shaped like the example's on every answer. */
  requestIds: RequestIdField[];
}

const SAMPLE_TIME = Date.parse('2025-01-01T00:00:00.000Z');
const MAX_VARIANTS = 256;

/**
 * One documented response of an operation that returns a run (create, poll, cancel), prepared at start-up for every
 * state of the lifecycle: `render` writes a run's id and timestamps into the holes of a pre-serialized body.
 */
export class RunTemplate {
  private readonly times: (number | undefined)[] = [];
  private readonly values: string[] = [];
  /** Bodies of ended runs by creation sequence: they never change again, and clients poll them most. */
  private readonly ended = new RenderCache();
  /** By state: its body carries the run's status. */
  private readonly statusShown: readonly boolean[];
  private readonly requestIds: RequestIdDraws;

  constructor(
    readonly status: number,
    /** Static headers (required documented ones, the media type), undefined when there are none; the caller adds per-run ones. */
    readonly headers: Record<string, string> | undefined,
    private readonly idPointer: string | undefined,
    private readonly shape: RunShape,
    private readonly states: readonly (StateBody | undefined)[],
    /** Seeds the per-request ids of this response. */
    seed = 0,
  ) {
    this.requestIds = new RequestIdDraws(seed);
    this.statusShown = states.map((state) => state !== undefined && valueAtPointer(state.body, shape.statusPointer) !== undefined);
  }

  /** The body of `run` at `step` of its plan; '' for a response without a JSON body. */
  render(run: GenericRun, step: number): string {
    const state = this.states[run.path[step]!];
    if (state === undefined) return '';
    const { rules, model } = this.shape;
    // An ended run's body never changes, unless it carries a per-request id.
    const ended = model.terminal[run.path[step]!]! && state.requestIds.length === 0;
    if (ended) {
      const cached = this.ended.get(run.seq);
      if (cached !== undefined) return cached;
    }
    const { times, values } = this;
    timestampTimes(rules, model, run, run.createdAt, step, times);
    values[0] = this.shape.ids.numeric ? run.id : JSON.stringify(run.id);
    let mask = 0;
    let latest = run.createdAt;
    for (let index = 0; index < rules.length; index++) {
      const time = times[index];
      const unset = state.unset[index]!;
      if (unset === 'absent') continue;
      if (time !== undefined) latest = time;
      else if (unset !== 'fill') {
        mask |= 1 << index;
        continue;
      }
      values[index + 1] = formatTime(time ?? latest, state.seconds[index]!);
    }
    this.writeExtras(state, run, step, latest, values);
    const text = this.variant(state, mask).render(values);
    return ended ? this.ended.set(run.seq, text) : text;
  }

  /**
   * The values of the fields the profile does not name. A date-time shows when the run entered its current state
   * (never before its creation or its profile timestamps, never after the read, never going back between reads); a
   * request id is drawn afresh for each answer.
   */
  private writeExtras(state: StateBody, run: GenericRun, step: number, latest: number, values: string[]): void {
    const base = 1 + this.shape.rules.length;
    if (state.extraTimes.length > 0) {
      const entered = `"${isoTime(Math.max(latest, run.createdAt + run.offsets[step]!))}"`;
      for (let index = 0; index < state.extraTimes.length; index++) values[base + index] = entered;
    }
    if (state.requestIds.length > 0) {
      const first = base + state.extraTimes.length;
      this.requestIds.next(state.requestIds).forEach((id, index) => { values[first + index] = JSON.stringify(id); });
    }
  }

  /** True when the body of a run at `step` carries its status (somewhere an injected wrong status can go). */
  showsStatus(run: GenericRun, step: number): boolean {
    return this.statusShown[run.path[step]!]!;
  }

  /** A body `render` wrote, with `value` in place of the run's status (an injected fault: off the hot path). */
  withStatus(text: string, value: string): string {
    const body = JSON.parse(text) as Record<string, unknown>;
    setAtPointer(body, this.shape.statusPointer, value);
    return JSON.stringify(body);
  }

  /** Forgets the cached bodies of ended runs (their runs were forgotten) and starts the request ids over. */
  clear(): void {
    this.ended.clear();
    this.requestIds.reset();
  }

  /** Forgets the cached body of one run (the store let it go). */
  forget(run: GenericRun): void {
    this.ended.delete(run.seq);
  }

  /** Bodies of ended runs cached now. */
  get cachedBodies(): number {
    return this.ended.size;
  }

  private variant(state: StateBody, mask: number): SlottedBody {
    const known = state.variants.get(mask);
    if (known) return known;
    const body = structuredClone(state.body);
    const pointers: (string | undefined)[] = [this.idPointer];
    this.shape.timestamps.forEach((pointer, index) => {
      const unset = state.unset[index];
      const hidden = (mask & (1 << index)) !== 0;
      if (hidden && unset === 'null') setAtPointer(body as Record<string, unknown>, pointer, null);
      if (hidden && unset === 'delete') deleteAtPointer(body, pointer);
      pointers.push(hidden || unset === 'absent' ? undefined : pointer);
    });
    pointers.push(...state.extraTimes, ...state.requestIds.map((field) => field.pointer));
    const variant = slotBody(body, pointers);
    if (state.variants.size < MAX_VARIANTS) state.variants.set(mask, variant);
    return variant;
  }
}

function formatTime(ms: number, seconds: boolean): string {
  return seconds ? String(Math.floor(ms / 1000)) : `"${isoTime(ms)}"`;
}

/**
 * Prepares an operation's response `status` for every state of a run kind. Per state, candidates are tried best
 * first (examples showing that state, the body the previous state settled on, then examples and seeded samples),
 * the run's fields written in, and the first that conforms to the spec (strictly) is kept; a note says when none did.
 */
export function buildRunTemplate(tools: TemplateTools, operation: Operation, status: number, shape: RunShape, placement: RunPlacement): RunTemplate {
  const found = documentedResponse(operation, status);
  const json = found && jsonMediaOf(found.response.content);
  const owner = `${operation.operationId} ${status}`;
  const headers = found ? tools.headersOf(found.response, owner, json?.type) : {};
  const replyHeaders = Object.keys(headers).length > 0 ? headers : undefined;
  const seed = mixSeed(tools.seed, hashString(owner));
  if (!found || !json) return new RunTemplate(status, replyHeaders, undefined, shape, shape.model.states.map(() => undefined), seed);
  const candidates = tools.candidates(owner, json.media);
  const idPointer = placement.idPointer ?? idPointerOf(candidates.all().next().value, placement.idHints ?? []);
  const checkHeaders = { ...headers, ...placement.sampleHeaders };
  const context: StateContext = { tools, operation, status, shape, placement, idPointer, headers: checkHeaders };
  // A state the examples do not show borrows the body of the last state settled of its kind (going or ended).
  const previous: [going: unknown, ended: unknown] = [undefined, undefined];
  const states = shape.model.states.map((name, state) => {
    const ended = shape.model.terminal[state] ? 1 : 0;
    const borrowed = previous[ended] ?? previous[1 - ended];
    const ordered = [
      ...candidates.examplesWhere((example) => shape.model.kind.lifecycle.statusOf(example) === name),
      ...(borrowed === undefined ? [] : [structuredClone(borrowed)]),
    ];
    const built = buildState(context, state, chain(ordered, candidates.all()));
    if (built.accepted !== undefined) previous[ended] = built.accepted;
    else tools.note(`${owner}: no body for state "${name}" conforms to the spec: ${built.problem}`);
    return built.state;
  });
  return new RunTemplate(status, replyHeaders, idPointer, shape, states, seed);
}

interface StateContext {
  tools: TemplateTools;
  operation: Operation;
  status: number;
  shape: RunShape;
  placement: RunPlacement;
  idPointer: string | undefined;
  headers: Record<string, string>;
}

function* chain(first: readonly unknown[], rest: Iterable<unknown>): Generator<unknown> {
  yield* first;
  yield* rest;
  yield {};
}

/** The first candidate that conforms once the run's fields are written in (else the first one, with the problem). */
function buildState(context: StateContext, state: number, candidates: Iterable<unknown>): { state: StateBody; accepted?: unknown; problem?: string } {
  let fallback: { state: StateBody; problem: string } | undefined;
  for (const candidate of candidates) {
    const original = structuredClone(candidate);
    const prepared = prepare(context, state, candidate);
    const violations = check(context, prepared.body);
    if (violations.length === 0) return { state: withUnsetRules(context, prepared, 0), accepted: original };
    fallback ??= { state: withUnsetRules(context, prepared, violations.length), problem: summarize(violations) };
  }
  return fallback!;
}

const check = (context: StateContext, body: unknown) => context.tools.check(context.operation.operationId, context.status, body, context.headers);

/** Writes the state, a sample id and sample timestamps into a candidate (a field the body lacks only where the spec takes it). */
function prepare(context: StateContext, state: number, body: unknown): StateBody {
  const { shape, placement, idPointer } = context;
  const record = body as Record<string, unknown>;
  const name = shape.model.states[state]!;
  const isObject = typeof body === 'object' && body !== null;
  if (isObject && (placement.requireStatus || valueAtPointer(body, shape.statusPointer) !== undefined)) {
    setAtPointer(record, shape.statusPointer, statusValue(shape, record, name));
  }
  if (isObject && idPointer !== undefined) {
    const id = shape.ids.next(context.tools.sampleRng, 0);
    setAtPointer(record, idPointer, shape.ids.numeric ? Number(id) : id);
  }
  const extraTimes = isObject ? dateTimeFields(body, new Set(shape.timestamps)) : [];
  for (const pointer of extraTimes) setAtPointer(record, pointer, new Date(SAMPLE_TIME).toISOString());
  const requestIds = isObject ? requestIdSlots(body, new Set(idPointer === undefined ? [] : [idPointer]), context.tools.sampleRng) : [];
  const unset: Unset[] = [];
  const seconds: boolean[] = [];
  shape.timestamps.forEach((pointer, index) => {
    const existing = isObject ? valueAtPointer(body, pointer) : undefined;
    const inSeconds = typeof existing === 'number';
    const sample = inSeconds ? Math.floor((SAMPLE_TIME + index * 60_000) / 1000) : new Date(SAMPLE_TIME + index * 60_000).toISOString();
    seconds.push(inSeconds);
    if (!isObject) return unset.push('absent');
    if (existing !== undefined) {
      setAtPointer(record, pointer, sample);
      return unset.push('null');
    }
    // Not in this body: add it only where the spec declares it (strict validation tells).
    const before = check(context, body).length;
    setAtPointer(record, pointer, sample);
    if (check(context, body).length <= before) return unset.push('null');
    deleteAtPointer(body, pointer);
    return unset.push('absent');
  });
  return { body, unset, seconds, variants: new Map(), extraTimes, requestIds };
}

/** Decides, per timestamp the run may not have reached, whether the spec takes null, a missing field, or neither. */
function withUnsetRules(context: StateContext, prepared: StateBody, allowed: number): StateBody {
  const { shape } = context;
  for (const [index, pointer] of shape.timestamps.entries()) {
    if (prepared.unset[index] === 'absent' || shape.rules[index]!.kind === 'created') continue;
    const asNull = structuredClone(prepared.body);
    setAtPointer(asNull as Record<string, unknown>, pointer, null);
    if (check(context, asNull).length <= allowed) {
      prepared.unset[index] = 'null';
      continue;
    }
    const missing = structuredClone(prepared.body);
    deleteAtPointer(missing, pointer);
    prepared.unset[index] = check(context, missing).length <= allowed ? 'delete' : 'fill';
  }
  return prepared;
}

/** The value that reads as `name` at the status pointer: the name itself, or a value the profile's status map turns into it. */
function statusValue(shape: RunShape, body: Record<string, unknown>, name: string): unknown {
  for (const value of [name, true, false]) {
    setAtPointer(body, shape.statusPointer, value);
    if (shape.model.kind.lifecycle.statusOf(body) === name) return value;
  }
  return name;
}

/** The first hint pointer at which the body holds a string or number (an id field). */
function idPointerOf(body: unknown, hints: readonly string[]): string | undefined {
  return hints.find((pointer) => {
    const value = valueAtPointer(body, pointer);
    return typeof value === 'string' || typeof value === 'number';
  });
}
