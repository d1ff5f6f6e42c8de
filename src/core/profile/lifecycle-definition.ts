import { defineLifecycle, type Lifecycle } from '../lifecycle/lifecycle.ts';
import { valueAtPointer } from './pointer.ts';

/** A lifecycle as a profile writes it (docs/config.md, `lifecycle:`). */
export interface LifecycleDefinition {
  /** JSON pointer of the status field, or a field whose values map to states (`{ pointer: /is_error, map: {...} }`). */
  status: string | { pointer: string; map: Record<string, string> };
  /** Every state; default: every state named below. */
  states?: string[];
  initial: string[];
  success: string[];
  failure: string[];
  /** Direct moves between non-terminal states and on to terminal ones; terminal states have none. */
  transitions?: Record<string, string[]>;
  /** States a cancelled run moves through, ending in a failure state, e.g. `[canceling, canceled]`. */
  cancel?: string[];
  /** JSON pointers to timestamps in the order they happen. */
  timestamps?: string[];
}

/** Builds the runtime lifecycle of a profile's run kind: status reading, transitions and timestamp order from data. */
export function lifecycleFromDefinition(name: string, definition: LifecycleDefinition): Lifecycle {
  const terminal = [...definition.success, ...definition.failure];
  const transitions: Record<string, string[]> = {};
  const named = [
    ...(definition.states ?? []), ...definition.initial, ...terminal, ...(definition.cancel ?? []),
    ...Object.entries(definition.transitions ?? {}).flatMap(([from, to]) => [from, ...to]),
  ];
  const statuses = [...new Set(named)];
  for (const status of statuses) transitions[status] = terminal.includes(status) ? [] : [...(definition.transitions?.[status] ?? [])];
  const pointer = typeof definition.status === 'string' ? definition.status : definition.status.pointer;
  const map = typeof definition.status === 'string' ? undefined : definition.status.map;
  const timestamps = definition.timestamps ?? [];
  return defineLifecycle({
    name,
    statuses,
    initial: definition.initial,
    terminal,
    transitions,
    statusOf: (body) => {
      const value = valueAtPointer(body, pointer);
      if (map) return value === undefined || value === null ? undefined : map[String(value)];
      return typeof value === 'string' ? value : undefined;
    },
    timestampsOf: (body) => timestamps.flatMap((field) => {
      const value = valueAtPointer(body, field);
      return typeof value === 'string' ? [{ field: field.slice(1), value }] : [];
    }),
  });
}
