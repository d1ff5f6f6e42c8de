import type { ProviderProfile } from '../../core/profile/index.ts';
import type { ProviderRuntime } from '../providers/runtime.ts';
import { readSections } from '../providers/sections.ts';
import type { DurationSpec } from '../timing/distribution.ts';

/** What only code can choose about a generic provider (tests, embedders); the rest is in the simulator options. */
export interface GenericSimOptions {
  /** Where bodies come from first: the spec's examples (`examples`, the default) or samples of the schema (`schema`). */
  bodies?: 'examples' | 'schema';
  /** Check request bodies against the spec (default true; `validateRequestBodies: false` turns it off). */
  checkBodies?: boolean;
  /** An extension's words for outcomes (`success` → `completed`), taken by `outcomes`, `scenarios` and the scenario header. */
  outcomeNames?: Readonly<Record<string, string>>;
}

/** A generic provider's settings: its sections of the simulator options (docs/simulator-generic.md) and the code's. */
export interface GenericSettings {
  /** How long a run stays in a non-terminal state (before the time scale), by state name; `default` for the others. */
  durations: Readonly<Record<string, DurationSpec>>;
  /** Outcome weights by terminal state name (and `stuck`); undefined: successes 90 %, failures the rest. */
  outcomes: Readonly<Record<string, number>> | undefined;
  /** The outcome (terminal state or `stuck`) of runs whose create names this path parameter value. */
  scenarios: Readonly<Record<string, string>>;
  /** Path parameter values of creates and other operations answered with 404 (a task that does not exist). */
  unknownIds: ReadonlySet<string>;
  /** Longest a `sync: true` create (or an SSE create) keeps the request open (clock ms). */
  syncMaxWaitMs: number;
  bodies: 'examples' | 'schema';
  /** An extension's words for outcomes, by word. */
  outcomeNames: Readonly<Record<string, string>>;
}

/** A state lasts about half a second (p99 1.5 s): a run of three states ends within one to three seconds. */
export const DEFAULT_STATE_DURATION: DurationSpec = { medianMs: 500, p99Ms: 1500 };
export const DEFAULT_SYNC_MAX_WAIT_MS = 300_000;

/**
 * Reads `timing.<provider>` (`default`, any state, `syncMaxWaitMs`), `outcomes.<provider>` (weights by terminal
 * state and `stuck`), `scenarios.<provider>` and `unknownIds.<provider>`; problems go to `runtime.check`.
 */
export function readGenericSettings(profile: ProviderProfile, runtime: ProviderRuntime, options: GenericSimOptions = {}): GenericSettings {
  const states = [...new Set(profile.runs.flatMap((kind) => kind.lifecycle.statuses))];
  const names = options.outcomeNames ?? {};
  const outcomes = [...new Set([...profile.runs.flatMap((kind) => kind.lifecycle.terminal), 'stuck', ...Object.keys(names)])];
  const sections = readSections(profile, runtime, 'generic', {
    timing: (c) => c.fields({ default: c.duration(), syncMaxWaitMs: c.number({ min: 0 }), ...Object.fromEntries(states.map((state) => [state, c.duration()])) }),
    outcomes: (c) => c.weights(outcomes),
    scenarios: (c) => c.record(c.oneOf(outcomes)),
  });
  const { syncMaxWaitMs, ...durations } = sections.timing as Record<string, DurationSpec> & { syncMaxWaitMs?: number };
  return {
    durations: { default: DEFAULT_STATE_DURATION, ...durations },
    outcomes: sections.outcomes && inOwnWords(sections.outcomes as Record<string, number>, names),
    scenarios: sections.scenarios as Record<string, string>,
    unknownIds: new Set(runtime.sections.unknownIds),
    syncMaxWaitMs: syncMaxWaitMs ?? DEFAULT_SYNC_MAX_WAIT_MS,
    bodies: options.bodies ?? 'examples',
    outcomeNames: names,
  };
}

/** Outcome weights with an extension's words turned into the outcomes they name (their weights add up). */
function inOwnWords(weights: Readonly<Record<string, number>>, names: Readonly<Record<string, string>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, weight] of Object.entries(weights)) {
    const outcome = names[name] ?? name;
    out[outcome] = (out[outcome] ?? 0) + weight;
  }
  return out;
}
