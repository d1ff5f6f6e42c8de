import type { SchemaObject } from '../../spec/index.ts';
import { isDateTime, walkProperties } from './schema-walk.ts';

/** When in a run's life a timestamp is set, by the stem of its name (`created_at`, `startedAt`, `completed`). */
const PHASES: ReadonlyArray<ReadonlySet<string>> = [
  new Set(['created', 'creation', 'submitted', 'queued', 'enqueued', 'requested', 'accepted', 'received']),
  new Set(['started', 'start', 'began', 'running', 'processing']),
  new Set(['completed', 'finished', 'ended', 'end', 'done', 'succeeded', 'failed', 'errored', 'canceled', 'cancelled', 'stopped', 'terminated', 'expired', 'timed_out']),
];

function phaseOf(name: string): number {
  const stem = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().replace(/_?(at|time|timestamp|date|on)$/, '');
  return PHASES.findIndex((phase) => phase.has(stem));
}

/**
 * The run's lifecycle timestamps in the order they happen: date-time fields of the object that holds the
 * status (`parent`), named for a moment of the lifecycle. `updated_at` and `expires_at` are left out: the one
 * moves with every change, the other may lie in the future.
 */
export function findTimestamps(runSchema: SchemaObject | undefined, parent: string): string[] {
  return walkProperties(runSchema)
    .filter((property) => property.parent === parent && isDateTime(property.schema) && phaseOf(property.name) !== -1)
    .map((property, index) => ({ pointer: property.pointer, phase: phaseOf(property.name), index }))
    .sort((a, b) => a.phase - b.phase || a.index - b.index)
    .map((stamp) => stamp.pointer);
}
