import type { Thresholds } from './thresholds.ts';

/** A duration with its unit: `500ms`, `10s`, `2m`, `1h`. */
export type DurationText = string;

/** Path parameters, query parameters and headers of one call, merged over the profile's (these win). */
export interface CallOverrides {
  params?: Readonly<Record<string, string>>;
  query?: Readonly<Record<string, string>>;
  headers?: Readonly<Record<string, string>>;
}

export interface CreateOverrides extends CallOverrides {
  /** Replaces the profile's body (default: the profile's, else the spec's request example). */
  body?: unknown;
  /** The create answers with the finished run: a non-terminal answer is a finding on that run. */
  sync?: boolean;
}

export interface PollOverrides extends CallOverrides {
  /** Wait between a poll's answer and the next poll; default the profile's, else 250ms. */
  interval?: DurationText;
  /** Polls to send even when the create's answer is already terminal (read a synchronous run back). */
  minPolls?: number;
  /** The path parameter that takes the run id; default as the profile says (docs/config.md#runs). */
  runIdParam?: string;
}

/** TypeScript scenarios only: answer a run's questions, as a client would (see `CreatePollFlow.interact`). */
export interface InteractDocument extends CallOverrides {
  whenStatus: string;
  /** The operation that takes the answer; its run id parameter is found as for the poll. */
  operationId: string;
  runIdParam?: string;
  /** The body to send; default the spec's request example. */
  body?: unknown;
  /** Build the body from the prompt: each field listed at `fieldsAt` (objects with a `name`) gets `value` under `into`. */
  answer?: { fieldsAt: string; into: string; value: string };
  maxPerRun?: number;
}

/** One flow of a scenario document: a configured provider's run kind, and what to change about its calls. */
export interface FlowDocument {
  /** Label in messages; default the provider's name (with the run kind's when it is not the first). */
  name?: string;
  /** A configured provider (runwarden.config.yaml `providers:`). */
  provider: string;
  /** The profile's run kind; default its first. */
  run?: string;
  /** Share of arrivals in a mix. Default 1. */
  weight?: number;
  /** Path parameters for every call of the flow that has them (never the run id's). */
  params?: Readonly<Record<string, string>>;
  create?: CreateOverrides;
  /** `false`: only create runs (each run ends with the create's answer). */
  poll?: PollOverrides | false;
  /** A run not seen terminal this long after its creation is lost. Default 30s. */
  runTimeout?: DurationText;
  /** Read-only: `seed` runs are created before traffic, then every iteration polls one of them once. */
  read?: { seed: number };
  interact?: InteractDocument;
}

/** Open model at a fixed rate, closed model, or an open model that ramps. */
export type ModelDocument =
  | { rate: number; maxConnections?: number }
  | { connections: number }
  | { ramp: { from?: number; stages: ReadonlyArray<{ duration: DurationText; to: number }> }; maxConnections?: number };

/**
 * A scenario as a file holds it (docs/scenario.schema.json, load/README.md): one flow written at the top level, or
 * several under `flows:`; operations, run ids, poll interval and lifecycle come from each provider's profile.
 */
export interface ScenarioDocument extends Partial<Omit<FlowDocument, 'name' | 'weight'>> {
  $schema?: string;
  /** kebab-case; what `runwarden load <name>` and `scenarios:` in the config take. */
  name: string;
  description?: string;
  model: ModelDocument;
  /** Length of the arrival phase; a ramp's stages are scaled to it. */
  duration: DurationText;
  flows?: readonly FlowDocument[];
  thresholds?: Thresholds;
  /** Check 1 response in N against the spec. Default 10. */
  validateEvery?: number;
  /** A request without an answer this long is a timeout. Default 10s. */
  requestTimeout?: DurationText;
  /** After the arrival phase, how long runs in flight are still followed. */
  drain?: DurationText;
  /** Stop after this many iterations. */
  maxRuns?: number;
}

const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const FLOW_FIELDS = ['provider', 'run', 'params', 'create', 'poll', 'runTimeout', 'read', 'interact'] as const;

/** The checks a document needs before it can be compiled that TypeScript cannot make (the schema checks files): each at its pointer. */
export function documentShapeProblems(document: ScenarioDocument): Array<{ at: string; text: string }> {
  const problems: Array<{ at: string; text: string }> = [];
  if (typeof document.name !== 'string' || !NAME.test(document.name)) problems.push({ at: '/name', text: 'name must be kebab-case' });
  const topLevel = FLOW_FIELDS.filter((field) => document[field] !== undefined);
  if (document.flows !== undefined && topLevel.length > 0) problems.push({ at: '/flows', text: `name the flow at the top level or list flows:, not both (found flows: and ${topLevel.join(', ')})` });
  if (document.flows === undefined && document.provider === undefined) problems.push({ at: '', text: 'name a provider (one flow) or list flows:' });
  if (document.flows !== undefined && document.flows.length === 0) problems.push({ at: '/flows', text: 'flows must not be empty' });
  const model = document.model as Record<string, unknown> | undefined;
  const kinds = ['rate', 'connections', 'ramp'].filter((kind) => model?.[kind] !== undefined);
  if (kinds.length !== 1) problems.push({ at: '/model', text: `model needs exactly one of rate, connections or ramp${kinds.length > 1 ? ` (found ${kinds.join(', ')})` : ''}` });
  if (typeof document.duration !== 'string') problems.push({ at: '/duration', text: 'duration must be a duration such as 10s' });
  return problems;
}
