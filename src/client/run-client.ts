import { RunwardenError } from '../core/errors.ts';
import { credentialsFor, type OperationCall, type ProviderProfile, type RunKind } from '../core/profile/index.ts';
import { closestNames, loadSpec, type LoadedSpec, type Operation } from '../spec/index.ts';
import { createHttpClient } from './http.ts';
import { requestFor, successStatuses, withUuids, type OnRun, type Role } from './operation-request.ts';
import type { CallOptions, ClientOptions } from './options.ts';
import { pollUntilTerminal, type PollOptions, type PollResult } from './poll.ts';
import { missingRunId, runIdOf, type Answer } from './run-id.ts';
import { parseEventStream, type ServerSentEvent } from './sse.ts';

export interface RunClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  profile: ProviderProfile;
  /** The API's base URL with its base path (`http://127.0.0.1:4010/v2`); default: the profile's `baseUrl`. */
  baseUrl?: string;
  /** The secret, sent as the profile's `auth` says (bearer, a header or a query parameter). Never logged. */
  token?: string;
  /** The run kind's name; default: the profile's first. */
  runKind?: string;
  /** The profile's spec, already loaded; default: `profile.spec`, loaded once on the first call. */
  spec?: LoadedSpec;
  /** The provider's stable error code in an error body, for `ProviderError.providerCode`. */
  errorCode?: (body: unknown) => string | undefined;
}

/** What a create answered, with the new run's id read where the profile's `create.runId` says. */
export interface CreatedRun {
  runId: string;
  /** The HTTP status. */
  status: number;
  headers: Headers;
  /** Parsed JSON, or the text of a Server-Sent Events answer. */
  body: unknown;
  /** The events of a Server-Sent Events answer, in order. */
  events?: ServerSentEvent[];
}

/** Per-call overrides of the profile's request: params, query and headers are merged over it, `body` replaces it. */
export type RequestOverrides = Partial<Omit<OperationCall, 'operationId'>>;

/** Options of a call on an existing run. Its path takes the create's `params` (the profile's), then these. */
export interface RunCallOptions extends CallOptions {
  /** Path parameters of this run's calls, e.g. the `task_id` it was created under when it differs from the profile's. */
  params?: Readonly<Record<string, string>>;
}

export interface RunPollOptions<TRun> extends PollOptions, Pick<RunCallOptions, 'params'> {
  /** A view of the run already in hand (a create that answers with the run): observed first, without a request. */
  initial?: TRun;
}

/** A client for one kind of run of any profile: create, read, cancel, and poll to a terminal state. */
export interface RunClient<TRun = unknown> {
  readonly profile: ProviderProfile;
  readonly runKind: RunKind;
  /** Sends the run kind's create operation; throws ProviderError for an undocumented or non-2xx status. */
  create(overrides?: RequestOverrides, options?: CallOptions): Promise<CreatedRun>;
  /** Reads a run once with the poll operation. */
  get(runId: string, options?: RunCallOptions): Promise<TRun>;
  /** Sends the cancel operation; returns its answer's body (often the run, `canceling`). */
  cancel(runId: string, options?: RunCallOptions): Promise<unknown>;
  /** Polls until the lifecycle says terminal; a 429 that outlasts the retries waits its Retry-After, then polls again. */
  pollUntilTerminal(runId: string, options?: RunPollOptions<TRun>): Promise<PollResult<TRun>>;
}

/** The wait between polls when neither the caller nor the profile sets one (docs/config.md, `poll.interval`). */
const DEFAULT_INTERVAL_MS = 250;

/** Builds a client for a profile's run kind; requests follow the spec's operations, auth follows `profile.auth`. */
export function createRunClient<TRun = unknown>(options: RunClientOptions): RunClient<TRun> {
  const { profile, token } = options;
  const runKind = runKindNamed(profile, options.runKind);
  const baseUrl = options.baseUrl ?? profile.baseUrl;
  if (baseUrl === undefined) {
    throw new RunwardenError('USAGE', `${profile.name}: no base URL (${profile.source} sets none)`, 'Pass baseUrl: the simulator\'s URL for the provider, or the real API\'s.');
  }
  const credentials = credentialsFor(profile.auth, token);
  // The token goes out as credentialsFor says (not always a bearer header), so the HTTP client only redacts it,
  // also as it appears once encoded into a URL.
  const secrets = token === undefined ? [] : [token, encodeURIComponent(token), new URLSearchParams({ token }).toString().slice('token='.length)];
  const http = createHttpClient({
    provider: profile.name, baseUrl, secrets,
    timeoutMs: options.timeoutMs, retry: options.retry, errorCode: options.errorCode, onExchange: options.onExchange,
    fetch: options.fetch, sleep: options.sleep, random: options.random,
  });
  let spec: Promise<LoadedSpec> | undefined = options.spec && Promise.resolve(options.spec);
  const loadedSpec = (): Promise<LoadedSpec> => (spec ??= loadSpec(profile.spec));

  /** Sends one of the run kind's calls with the profile's credentials; a status the spec does not document as 2xx throws ProviderError. */
  async function send(role: Role, call: OperationCall, run: OnRun | undefined, accept: string, callOptions: CallOptions): Promise<Answer> {
    const operation = operationOf(await loadedSpec(), profile, runKind, role, call.operationId);
    const request = requestFor(operation, withUuids(call), run, role);
    return http.call<unknown>({
      ...request, ...callOptions, accept,
      headers: { ...request.headers, ...credentials.headers }, query: { ...request.query, ...credentials.query },
    }, successStatuses(operation));
  }

  const client: RunClient<TRun> = {
    profile,
    runKind,
    async create(overrides = {}, callOptions = {}) {
      const call = merge(runKind.create, overrides);
      const sse = runKind.create.runId.from === 'sse';
      const response = await send('create', call, undefined, sse ? 'text/event-stream' : 'application/json', callOptions);
      const events = sse && typeof response.body === 'string' ? parseEventStream(response.body) : undefined;
      const runId = runIdOf(runKind.create.runId, response, events);
      if (runId === undefined) throw missingRunId(profile, runKind, response);
      return { runId, status: response.status, headers: response.headers, body: response.body, ...(events ? { events } : {}) };
    },
    async get(runId, { params, ...callOptions } = {}) {
      const response = await send('poll', pollCall(profile, runKind), onRun(runKind, runId, params), 'application/json', callOptions);
      return response.body as TRun;
    },
    async cancel(runId, { params, ...callOptions } = {}) {
      if (runKind.cancel === undefined) throw missingOperation(profile, runKind, 'cancel');
      const response = await send('cancel', runKind.cancel, onRun(runKind, runId, params), 'application/json', callOptions);
      return response.body;
    },
    pollUntilTerminal(runId, { initial, params, ...pollOptions } = {}) {
      const poll = pollCall(profile, runKind);
      return pollUntilTerminal<TRun>({
        lifecycle: runKind.lifecycle,
        operationId: poll.operationId,
        label: `${profile.name} ${runKind.name} ${runId}`,
        ...(initial === undefined ? {} : { initial }),
        fetch: (signal) => client.get(runId, { ...(params ? { params } : {}), ...(signal ? { signal } : {}) }),
        ...(options.sleep ? { sleep: options.sleep } : {}),
        ...(options.now ? { now: options.now } : {}),
        ...(options.random ? { random: options.random } : {}),
      }, { ...pollOptions, intervalMs: pollOptions.intervalMs ?? poll.intervalMs ?? DEFAULT_INTERVAL_MS, backoff: pollOptions.backoff ?? 1 });
    },
  };
  return client;
}

function runKindNamed(profile: ProviderProfile, name: string | undefined): RunKind {
  const runKind = name === undefined ? profile.runs[0] : profile.runs.find((run) => run.name === name);
  if (runKind) return runKind;
  const known = profile.runs.map((run) => run.name);
  const near = name === undefined ? [] : closestNames(name, known);
  throw new RunwardenError('USAGE', `${profile.name} has no run kind "${name ?? '(default)'}"${near.length ? ` (did you mean ${near.join(' or ')}?)` : ''}\nKnown: ${known.join(', ') || '(none)'}`,
    `Pick one of the run kinds under runs: in ${profile.source}.`);
}

function onRun(runKind: RunKind, id: string, params: RunCallOptions['params']): OnRun {
  return { id, context: { ...runKind.create.params, ...params } };
}

function pollCall(profile: ProviderProfile, runKind: RunKind): NonNullable<RunKind['poll']> {
  if (runKind.poll === undefined) throw missingOperation(profile, runKind, 'poll');
  return runKind.poll;
}

function missingOperation(profile: ProviderProfile, runKind: RunKind, role: 'poll' | 'cancel'): RunwardenError {
  return new RunwardenError('USAGE', `${profile.name} ${runKind.name}: the profile has no ${role} operation`, `Add runs.${runKind.name}.${role} to ${profile.source} (docs/config.md).`);
}

function operationOf(spec: LoadedSpec, profile: ProviderProfile, runKind: RunKind, role: Role, operationId: string): Operation {
  const operation = spec.operations.find((candidate) => candidate.operationId === operationId);
  if (operation) return operation;
  const near = closestNames(operationId, spec.operations.map((candidate) => candidate.operationId));
  throw new RunwardenError('OPERATION_UNKNOWN',
    `${profile.source}: runs.${runKind.name}.${role} names operation "${operationId}", which ${spec.title} does not have`,
    `${near.length ? `Did you mean ${near.join(', ')}? ` : ''}Use an operationId of ${spec.path}.`);
}

function merge(base: OperationCall, overrides: RequestOverrides): OperationCall {
  return {
    ...base,
    params: { ...base.params, ...overrides.params },
    query: { ...base.query, ...overrides.query },
    headers: { ...base.headers, ...overrides.headers },
    ...(overrides.body === undefined ? {} : { body: overrides.body }),
  };
}
