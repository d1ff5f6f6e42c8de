// Test helper: drives one run of a profile's run kind through a harness the way a client would (create, read the id
// from the body, a header or the event stream, poll to the end), asserting nothing but collecting every exchange.
import { valueAtPointer, type RunKind } from '../../core/profile/index.ts';
import type { Exchange, Harness } from './generic-harness.fixture.ts';

/** What driving one run saw. */
export interface DrivenRun {
  id: string | undefined;
  create: Exchange;
  /** The create's Server-Sent Events, parsed (`data` as JSON). */
  events: Array<{ event?: string; data: unknown }>;
  polls: Exchange[];
}

/** Resolves `pending` while moving the virtual clock `stepMs` at a time (bounded), for answers that wait on it. */
export async function advanceUntil<T>(harness: Harness, pending: Promise<T>, stepMs: number, maxSteps = 2000): Promise<T> {
  let settled = false;
  const watched = pending.finally(() => {
    settled = true;
  });
  for (let step = 0; step < maxSteps && !settled; step++) {
    for (let turn = 0; turn < 5 && !settled; turn++) await new Promise((resolve) => setImmediate(resolve));
    if (!settled) harness.clock.advance(stepMs);
  }
  return watched;
}

/** The path of a call with its parameters filled in (`{uuid}` becomes a fresh one) and its query appended. */
export function pathOf(harness: Harness, operationId: string, params: Readonly<Record<string, string>>, query?: Readonly<Record<string, string>>): { method: string; path: string } {
  const operation = harness.spec.operations.find((candidate) => candidate.operationId === operationId)!;
  const path = operation.pathTemplate.replace(/\{([^{}]+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? `x-${name}`));
  const search = new URLSearchParams(query ?? {}).toString();
  return { method: operation.method.toUpperCase(), path: search ? `${path}?${search}` : path };
}

/** Creates a run of `kind` and polls it (`stepMs` of clock apart) until it is terminal or `maxPolls` is reached. */
export async function driveRun(harness: Harness, kind: RunKind, stepMs = 100, maxPolls = 600): Promise<DrivenRun> {
  const { method, path } = pathOf(harness, kind.create.operationId, kind.create.params ?? {}, kind.create.query);
  const headers = Object.fromEntries(Object.entries(kind.create.headers ?? {}).map(([name, value]) => [name, value.replace('{uuid}', crypto.randomUUID())]));
  const create = await advanceUntil(harness, harness.call(method, path, { body: kind.create.body ?? {}, headers }), stepMs);
  const events = create.headers['content-type']?.startsWith('text/event-stream') ? parseEvents(create.text) : [];
  const runId = kind.create.runId;
  let id: string | undefined;
  if (runId.from === 'body') id = idText(valueAtPointer(create.body, runId.pointer));
  else if (runId.from === 'header') id = create.headers[runId.name.toLowerCase()]?.split('/').pop();
  else id = idText(events.map((event) => valueAtPointer(event.data, runId.pointer)).findLast((value) => value !== undefined));
  const polls: Exchange[] = [];
  if (id === undefined || !kind.poll) return { id, create, events, polls };
  const read = pathOf(harness, kind.poll.operationId, { ...kind.create.params, ...kind.poll.params, [runIdParamOf(harness, kind)]: id }, kind.poll.query);
  for (let poll = 0; poll < maxPolls; poll++) {
    const exchange = await harness.call(read.method, read.path);
    polls.push(exchange);
    const status = kind.lifecycle.statusOf(exchange.body);
    if (exchange.status !== 200 || (status !== undefined && kind.lifecycle.terminal.includes(status))) break;
    harness.clock.advance(stepMs);
  }
  return { id, create, events, polls };
}

function runIdParamOf(harness: Harness, kind: RunKind): string {
  if (kind.poll!.runIdParam) return kind.poll!.runIdParam;
  const operation = harness.spec.operations.find((candidate) => candidate.operationId === kind.poll!.operationId)!;
  const names = operation.parameters.path.map((parameter) => parameter.name);
  const open = names.filter((name) => kind.poll!.params?.[name] === undefined);
  return (open.length > 1 ? open.filter((name) => kind.create.params?.[name] === undefined) : open)[0]!;
}

const idText = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);

function parseEvents(text: string): Array<{ event?: string; data: unknown }> {
  return text.split('\n\n').filter((block) => block.trim() !== '').map((block) => {
    const lines = block.split('\n');
    const event = lines.find((line) => line.startsWith('event: '))?.slice(7);
    const data = lines.filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n');
    return { ...(event ? { event } : {}), data: JSON.parse(data) as unknown };
  });
}
