import type { Lifecycle } from '../lifecycle/lifecycle.ts';

/**
 * A provider profile, resolved: everything runwarden needs about one task-run API. Profiles are data, written
 * by users in `runwarden.config.yaml` (see docs/config.md); the bundled providers are profiles in the same format
 * (`specs/*.profile.yaml`), read by the same loader. Nothing in runwarden switches on a provider's name.
 */
export interface ProviderProfile {
  /** What pacts (`provider.name`), scenarios and `--provider` call it. */
  readonly name: string;
  /** Absolute path of the OpenAPI document. */
  readonly spec: string;
  /** The real API's base URL when the config sets one; undefined means the embedded simulator stands in. */
  readonly baseUrl?: string;
  /**
   * The path the API is served under, e.g. `/v2`: the profile's `basePath`, else the path of `baseUrl`; when
   * undefined, the spec's first `servers` URL decides (read where the spec is loaded).
   */
  readonly basePath?: string;
  readonly auth: AuthScheme;
  /** The kinds of run the API has, in the profile's order; the first is the default. */
  readonly runs: readonly RunKind[];
  /** The provider-states endpoint pacts are verified with (a real provider's), if any. */
  readonly providerStates?: ProviderStatesEndpoint;
  /** A named extension for behaviour no profile can express (the simulator's code for a bundled provider). */
  readonly extension?: string;
  /** Free-form settings the extension reads (ids it pins, rate limits): data, documented with the extension. */
  readonly extensionOptions?: Readonly<Record<string, unknown>>;
  /** Where the profile was read from, for messages. */
  readonly source: string;
}

/** How requests authenticate. The secret itself is read from `tokenEnv` at run time, never stored here. */
export type AuthScheme =
  | { readonly type: 'bearer'; readonly tokenEnv?: string }
  | { readonly type: 'header'; readonly name: string; readonly tokenEnv?: string }
  | { readonly type: 'query'; readonly name: string; readonly tokenEnv?: string }
  | { readonly type: 'none' };

/** Where a create response carries the new run's id. */
export type RunIdSource =
  /** A JSON pointer into the body, e.g. `/id` or `/data/run/id`. */
  | { readonly from: 'body'; readonly pointer: string }
  /** A response header; for `Location` (or any URL-valued header) the last path segment is the id. */
  | { readonly from: 'header'; readonly name: string }
  /** A JSON pointer into the data of a Server-Sent Event (the last event that has it, or the named event's). */
  | { readonly from: 'sse'; readonly pointer: string; readonly event?: string };

/** A request a profile or scenario names by operation, with the values to send. */
export interface OperationCall {
  readonly operationId: string;
  /** Path parameters, e.g. `{ task_id: task_8mQ2 }`; the run id's parameter is filled in for poll and cancel. */
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON body; default: the spec's first request example, else `{}` when a body is required. */
  readonly body?: unknown;
}

export interface CreateCall extends OperationCall {
  readonly runId: RunIdSource;
  /** The create answers with the finished run (it blocks until the end): a non-terminal answer is a finding. */
  readonly sync?: boolean;
}

export interface RunCall extends OperationCall {
  /** The path parameter that takes the run id; default: the poll path's only parameter not given in `params`. */
  readonly runIdParam?: string;
}

export interface PollCall extends RunCall {
  /** Wait between a poll's answer and the next poll (ms). Default 250. */
  readonly intervalMs?: number;
}

/** One kind of run (a task run, an agent run): how it is created, read, cancelled, and the lifecycle it walks. */
export interface RunKind {
  readonly name: string;
  readonly create: CreateCall;
  readonly poll?: PollCall;
  readonly cancel?: RunCall;
  /** Other operations whose responses carry runs of this kind (lists: every row); used by coverage and HAR checks. */
  readonly alsoReturnedBy: readonly string[];
  readonly lifecycle: Lifecycle;
  /** The terminal states that count as success (the others are failures). */
  readonly success: readonly string[];
  readonly failure: readonly string[];
  /** The states a cancelled run moves through, ending in its last entry, e.g. `[canceling, canceled]`. */
  readonly cancelPath?: readonly string[];
  /** JSON pointers to the run's timestamps, in the order they happen: a later one must never be earlier. */
  readonly timestamps: readonly string[];
  /** The JSON pointer of the status field (or of the field the status is mapped from). */
  readonly statusPointer: string;
}

/** A provider's own endpoint for Pact provider states (Pact's `stateChangeUrl`): POSTed `{state, params, action}`. */
export interface ProviderStatesEndpoint {
  readonly url: string;
  /** Headers sent with every setup and teardown call; values may name environment variables as `${VAR}`. */
  readonly headers: Readonly<Record<string, string>>;
  /** Also call it with `action: teardown` after each interaction. Default true. */
  readonly teardown: boolean;
}

/** The run kind that `operationId` creates, polls, cancels or otherwise returns, if any. */
export function runKindOf(profile: ProviderProfile, operationId: string): RunKind | undefined {
  return profile.runs.find((run) => run.create.operationId === operationId || run.poll?.operationId === operationId
    || run.cancel?.operationId === operationId || run.alsoReturnedBy.includes(operationId));
}
