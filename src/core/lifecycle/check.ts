import type { Violation } from '../violation.ts';
import { isTerminal, reachableFrom, type Lifecycle } from './lifecycle.ts';

/** One poll's view of a run. */
export interface Observation {
  body: unknown;
  /** When the response was received (ms since epoch). */
  observedAt: number;
}

/**
 * Checks the states a poller saw for one run, in the order it saw them: every step must be reachable in the
 * lifecycle (polls may skip states), a terminal status must never change, and the run's own timestamps
 * must be in order. Returns findings; an empty list means the run behaved.
 */
export function checkLifecycle(lifecycle: Lifecycle, operationId: string, observations: readonly Observation[]): Violation[] {
  const violations: Violation[] = [];
  let previous: string | undefined;
  observations.forEach((observation, index) => {
    const status = lifecycle.statusOf(observation.body);
    const pointer = `/observations/${index}/status`;
    if (status === undefined || !(lifecycle.statuses as readonly string[]).includes(status)) {
      violations.push({
        operationId, where: 'lifecycle', part: 'run', code: 'STATUS_UNKNOWN', pointer,
        message: `Received: ${String(status)}\nDocumented: ${lifecycle.statuses.join(', ')}`,
        received: status, documented: lifecycle.statuses,
      });
      return;
    }
    if (previous !== undefined && previous !== status) {
      if (isTerminal(lifecycle, previous)) {
        violations.push({
          operationId, where: 'lifecycle', part: 'run', code: 'TERMINAL_CHANGED', pointer,
          message: `Received: ${previous} → ${status}\nDocumented: ${previous} is terminal and never changes`,
          received: status, documented: previous,
        });
      } else if (!reachableFrom(lifecycle, previous).has(status)) {
        violations.push({
          operationId, where: 'lifecycle', part: 'run', code: 'ILLEGAL_TRANSITION', pointer,
          message: `Received: ${previous} → ${status}\nDocumented: ${previous} → ${[...reachableFrom(lifecycle, previous)].join(', ') || '(nothing)'}`,
          received: status, documented: [...reachableFrom(lifecycle, previous)],
        });
      }
    }
    violations.push(...checkTimestamps(lifecycle, operationId, observation.body, index));
    previous = status;
  });
  return violations;
}

function checkTimestamps(lifecycle: Lifecycle, operationId: string, body: unknown, index: number): Violation[] {
  const stamps = lifecycle.timestampsOf(body).map((stamp) => ({ ...stamp, ms: Date.parse(stamp.value) })).filter((stamp) => !Number.isNaN(stamp.ms));
  for (let later = 1; later < stamps.length; later++) {
    for (let earlier = 0; earlier < later; earlier++) {
      const [a, b] = [stamps[earlier]!, stamps[later]!];
      if (a.ms <= b.ms) continue;
      return [{
        operationId, where: 'lifecycle', part: 'run', code: 'TIMESTAMPS_OUT_OF_ORDER', pointer: `/observations/${index}`,
        message: `Received: ${a.field} ${a.value} after ${b.field} ${b.value}\nDocumented: ${a.field} comes first`,
        received: { [a.field]: a.value, [b.field]: b.value },
      }];
    }
  }
  return [];
}
