import { deadline } from '../core/deadline.ts';
import { describeError, RunwardenError } from '../core/errors.ts';
import type { ProviderStatesEndpoint } from '../core/profile/index.ts';
import { expandSecrets } from './expand-secrets.ts';

/**
 * Sets up one provider's pact provider states during verification. `setup` runs before each interaction, once
 * per state, and returns values the verifier may inject into the request (`fromProviderState`); `teardown` runs
 * after each interaction, once per state (with an empty state for an interaction that has none).
 * All methods throw RunwardenError('STATE_HANDLER_FAILED') naming the state and the cause.
 */
export interface ProviderStateSetup {
  /** Shown in messages: the endpoint's URL. */
  readonly label: string;
  /** Values to redact wherever the setup's answers may show up (headers read from the environment). */
  readonly secrets: readonly string[];
  /** The states the provider can set up, when it can say (`GET` on its endpoint); undefined when it cannot. */
  knownStates?(): Promise<readonly string[] | undefined>;
  setup(state: string, params: Record<string, unknown>): Promise<Record<string, unknown>>;
  teardown(state: string, params: Record<string, unknown>): Promise<void>;
}

/** No setup: states are assumed to hold on the provider already (a real provider with no states endpoint). */
export const assumeStates: ProviderStateSetup = {
  label: 'none (states are assumed to hold)',
  secrets: [],
  setup: async () => ({}),
  teardown: async () => {},
};

/** Bound on every call to a states endpoint: it sets up data, it does not run jobs. */
const CALL_TIMEOUT_MS = 10_000;

/**
 * A provider-states endpoint as Pact's `providerStatesSetupUrl` speaks it, for the embedded simulator
 * (`<origin>/_runwarden/provider-states/<provider>`) and a real provider (`profile.providerStates`) alike:
 * `{state, params, action: 'setup' | 'teardown'}` is POSTed with the endpoint's headers (`${VAR}` expanded now,
 * so a missing variable fails before anything is verified). A 2xx setup answers the values for
 * `fromProviderState`: its `result` object when it has one, else its JSON object. `GET` may list the states.
 */
export function httpStates(provider: string, endpoint: ProviderStatesEndpoint, env?: NodeJS.ProcessEnv): ProviderStateSetup {
  const { headers, secrets } = expandSecrets(provider, endpoint.headers, env);
  const call = (method: 'GET' | 'POST', body?: unknown) => requestJson(endpoint.url, method, headers, body);
  return {
    label: endpoint.url,
    secrets,
    async knownStates() {
      const answer = await call('GET').catch((error: unknown) => {
        throw new RunwardenError('STATE_HANDLER_FAILED', `the ${provider} provider-states endpoint ${endpoint.url} is unreachable: ${describeError(error)}`, HINT);
      });
      // Listing is runwarden's extension, not Pact's protocol: an endpoint that only takes POSTs may answer anything.
      const states = (answer.body as { states?: unknown } | undefined)?.states;
      return answer.status === 200 && Array.isArray(states) && states.every((state) => typeof state === 'string') ? states as string[] : undefined;
    },
    async setup(state, params) {
      const answer = await call('POST', { state, params, action: 'setup' }).catch((error: unknown) => {
        throw stateError('set up', provider, state, `${endpoint.url} is unreachable: ${describeError(error)}`);
      });
      if (answer.status < 200 || answer.status > 299) throw stateError('set up', provider, state, `${endpoint.url} answered ${answer.status} ${messageOf(answer.body)}`);
      return valuesOf(answer.body);
    },
    async teardown(state, params) {
      if (!endpoint.teardown) return;
      const answer = await call('POST', { state, params, action: 'teardown' }).catch((error: unknown) => {
        throw stateError('tear down', provider, state, `${endpoint.url} is unreachable: ${describeError(error)}`);
      });
      if (answer.status < 200 || answer.status > 299) throw stateError('tear down', provider, state, `${endpoint.url} answered ${answer.status} ${messageOf(answer.body)}`);
    },
  };
}

const HINT = 'Check the provider-states endpoint (providerStates in the provider\'s profile, or --states-url; for the embedded simulator, the provider\'s extension).';

function stateError(doing: string, provider: string, state: string, cause: string): RunwardenError {
  const subject = state === '' ? `the ${provider} provider after an interaction without states` : `the ${provider} provider state "${state}"`;
  return new RunwardenError('STATE_HANDLER_FAILED', `cannot ${doing} ${subject}: ${cause}`, HINT);
}

/** The values of a setup answer: `{result: {...}}` (the simulator's) or the object itself (pact-js's handlers). */
function valuesOf(body: unknown): Record<string, unknown> {
  if (!isObject(body)) return {};
  return isObject(body.result) ? body.result : body;
}

async function requestJson(url: string, method: 'GET' | 'POST', headers: Record<string, string>, body?: unknown): Promise<{ status: number; body: unknown }> {
  const wait = deadline(CALL_TIMEOUT_MS);
  try {
    return await sendJson(url, method, headers, wait.signal, body);
  } finally {
    wait.clear();
  }
}

async function sendJson(url: string, method: 'GET' | 'POST', headers: Record<string, string>, signal: AbortSignal, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal,
  });
  const text = await response.text();
  let parsed: unknown = text;
  try { parsed = JSON.parse(text); } catch { /* not JSON: kept as text for the message */ }
  return { status: response.status, body: parsed };
}

function messageOf(body: unknown): string {
  const message = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof message === 'string' ? message : typeof body === 'string' ? body.slice(0, 200) : JSON.stringify(body ?? '').slice(0, 200);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
