import type { Operation } from '../../spec/index.ts';
import { eventStreamOf, jsonSchemaOf, locationHeaderOf, successStatuses } from './operation-facts.ts';
import type { Confidence } from './profile-draft.ts';
import { walkProperties } from './schema-walk.ts';

/** Where a create's answer carries the run id, as a profile writes it (`runId:`), and which answer that is. */
export interface RunIdGuess {
  runId: { body: string } | { header: string } | { sse: string; event?: string };
  status: string;
  confidence: Confidence;
  reason: string;
}

/**
 * Finds the run id in the create's answers, most direct first: a top-level field named like the poll's
 * parameter or `id`; a documented `Location` header; a nested id; an id in the event stream's example events.
 */
export function findRunId(create: Operation, runIdParam: string): RunIdGuess | undefined {
  const statuses = successStatuses(create);
  const names = new Set([runIdParam, 'id']);
  for (const status of statuses) {
    const top = walkProperties(jsonSchemaOf(create.responses[status])).find((property) => property.depth === 1 && names.has(property.name));
    if (top) return { runId: { body: top.pointer }, status, confidence: 'high', reason: `the ${status} answer's field "${top.name}"` };
  }
  for (const status of statuses) {
    const header = locationHeaderOf(create.responses[status]);
    if (header) return { runId: { header }, status, confidence: 'high', reason: `the ${status} answer's ${header} header (its last path segment)` };
  }
  for (const status of statuses) {
    const nested = walkProperties(jsonSchemaOf(create.responses[status])).find((property) => names.has(property.name));
    if (nested) return { runId: { body: nested.pointer }, status, confidence: 'medium', reason: `the ${status} answer's nested field ${nested.pointer}` };
  }
  for (const status of statuses) {
    const stream = eventStreamOf(create.responses[status]);
    if (!stream) continue;
    const found = idInEvents(stream.examples.map((example) => example.value), runIdParam);
    if (found) return { runId: found, status, confidence: 'medium', reason: `the ${status} event stream: ${found.sse} in the data of its example's ${found.event ? `"${found.event}" event` : 'last event that has it'}` };
    return { runId: { sse: '/run_id' }, status, confidence: 'low', reason: `the ${status} answer is an event stream whose examples show no run id: /run_id is a placeholder` };
  }
  return undefined;
}

interface StreamEvent {
  event?: string;
  data: unknown;
}

/** Parses a `text/event-stream` example into events with JSON data (others are skipped). */
export function parseEventStream(text: string): StreamEvent[] {
  return text.split(/\r?\n\r?\n/).flatMap((block) => {
    const lines = block.split(/\r?\n/);
    const event = lines.find((line) => line.startsWith('event:'))?.slice(6).trim();
    const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trimStart()).join('\n');
    if (data === '') return [];
    try {
      return [{ ...(event ? { event } : {}), data: JSON.parse(data) as unknown }];
    } catch {
      return [];
    }
  });
}

function idInEvents(examples: readonly unknown[], runIdParam: string): { sse: string; event?: string } | undefined {
  const events = examples.filter((example): example is string => typeof example === 'string').flatMap(parseEventStream);
  for (const name of [runIdParam, 'run_id', 'id']) {
    const holder = [...events].reverse().find((event) => pointerTo(event.data, name, 3) !== undefined);
    if (holder) return { sse: pointerTo(holder.data, name, 3)!, ...(holder.event ? { event: holder.event } : {}) };
  }
  return undefined;
}

/** The pointer of the shallowest string field called `name` in a JSON value, down to `depth` levels. */
function pointerTo(value: unknown, name: string, depth: number): string | undefined {
  if (depth === 0 || typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const object = value as Record<string, unknown>;
  if (typeof object[name] === 'string') return `/${name}`;
  for (const [key, child] of Object.entries(object)) {
    const below = pointerTo(child, name, depth - 1);
    if (below) return `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}${below}`;
  }
  return undefined;
}
