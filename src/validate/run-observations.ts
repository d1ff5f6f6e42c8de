import { checkLifecycle, type Observation } from '../core/lifecycle/check.ts';
import type { ProviderProfile, RunKind } from '../core/profile/index.ts';
import { runIdInAnswer, runKindOf } from '../core/profile/index.ts';
import type { Violation } from '../core/violation.ts';
import type { Operation } from '../spec/loaded-spec.ts';

/** One recorded response that shows a run, in the order it was recorded. */
interface Sighting {
  entry: number;
  runId: string;
  run: RunKind;
  observation: Observation;
}

/** The run id a response is about: the create's id source, or the run-id path parameter of a poll or cancel. */
export function runIdOf(run: RunKind, operation: Operation, pathname: string, response: { body: unknown; headers: Record<string, string> }): string | undefined {
  if (run.create.operationId === operation.operationId) {
    return runIdInAnswer(run.create.runId, response.body, (name) => response.headers[name.toLowerCase()]);
  }
  const call = run.poll?.operationId === operation.operationId ? run.poll : run.cancel?.operationId === operation.operationId ? run.cancel : undefined;
  if (!call) return undefined;
  const params = pathParams(operation.fullPathTemplate, pathname);
  const name = call.runIdParam ?? operation.parameters.path.map((parameter) => parameter.name).find((param) => call.params?.[param] === undefined);
  return name === undefined ? undefined : params[name];
}

/**
 * Follows every run across recorded exchanges (a HAR file): each run's successive states must be legal in its
 * lifecycle. Returns the findings per entry index, each pointing at the run's status in that entry's body.
 */
export class RunObservations {
  private readonly sightings: Sighting[] = [];

  constructor(private readonly profile: ProviderProfile) {}

  /** Records a successful response of `operation` if it shows a run of the profile. */
  observe(entry: number, operation: Operation, pathname: string, response: { status: number; body: unknown; headers: Record<string, string>; observedAt: number }): void {
    if (response.status < 200 || response.status > 299) return;
    const run = runKindOf(this.profile, operation.operationId);
    if (!run || run.alsoReturnedBy.includes(operation.operationId)) return;
    const runId = runIdOf(run, operation, pathname, response);
    if (runId === undefined || run.lifecycle.statusOf(response.body) === undefined) return;
    this.sightings.push({ entry, runId, run, observation: { body: response.body, observedAt: response.observedAt } });
  }

  /** Lifecycle findings by entry index, naming the run. */
  violations(): Map<number, Violation[]> {
    const byRun = new Map<string, Sighting[]>();
    for (const sighting of this.sightings) {
      const key = `${sighting.run.name}\u0000${sighting.runId}`;
      byRun.set(key, [...(byRun.get(key) ?? []), sighting]);
    }
    const found = new Map<number, Violation[]>();
    for (const sightings of byRun.values()) {
      const { run, runId } = sightings[0]!;
      const violations = checkLifecycle(run.lifecycle, run.poll?.operationId ?? run.create.operationId, sightings.map((sighting) => sighting.observation));
      for (const violation of violations) {
        const index = Number(/^\/observations\/(\d+)/.exec(violation.pointer ?? '')?.[1] ?? 0);
        const entry = sightings[index]!.entry;
        found.set(entry, [...(found.get(entry) ?? []), { ...violation, pointer: run.statusPointer, message: `${run.name} ${runId}: ${violation.message}` }]);
      }
    }
    return found;
  }
}

function pathParams(template: string, pathname: string): Record<string, string> {
  const names: string[] = [];
  const pattern = template.split(/(\{[^}]+\})/).map((part) => {
    if (part.startsWith('{') && part.endsWith('}')) {
      names.push(part.slice(1, -1));
      return '([^/]+)';
    }
    return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  }).join('');
  const match = new RegExp(`^${pattern}/?$`).exec(pathname);
  if (!match) return {};
  return Object.fromEntries(names.map((name, index) => [name, decodeURIComponentSafe(match[index + 1]!)]));
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

