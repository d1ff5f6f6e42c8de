import { describeError, RunwardenError } from '../core/errors.ts';
import type { ProviderName } from '../core/providers.ts';
import { PROVIDER_STATES, simStatesFor, type StateCatalog } from './provider-states.ts';

/**
 * Sets up pact provider states during verification. `setup` runs before each interaction, once per state, and
 * returns values the verifier may inject into the request; `teardown` runs after each interaction.
 * Both throw RunwardenError('STATE_HANDLER_FAILED') naming the state and the cause.
 */
export interface ProviderStateSetup {
  /** Shown in messages: `the simulator at …`, `http://localhost:9000/states`. */
  readonly label: string;
  /** When defined, verification fails fast for every pact state this setup cannot handle. */
  knows?(provider: ProviderName, state: string): boolean;
  setup(provider: ProviderName, state: string, params: Record<string, unknown>): Promise<Record<string, unknown>>;
  teardown(provider: ProviderName): Promise<void>;
}

/** No setup: states are assumed to hold on the provider already (a real provider verified as it is). */
export const assumeStates: ProviderStateSetup = {
  label: 'none (states are assumed to hold)',
  setup: async () => ({}),
  teardown: async () => {},
};

/**
 * The embedded simulator's admin endpoint: each pact state becomes the simulator states PROVIDER_STATES maps it
 * to (`POST <admin>/state`); after each interaction the simulator is reset (`POST <admin>/reset`), so every
 * interaction starts from a clean provider.
 */
export function simulatorStates(admin: { url: string; token: string }, catalog: StateCatalog = PROVIDER_STATES): ProviderStateSetup {
  const post = (route: string, body: unknown) => postJson(`${admin.url.replace(/\/+$/, '')}/${route}`, body, admin.token);
  return {
    label: `the simulator at ${admin.url}`,
    knows: (provider, state) => catalog[provider][state] !== undefined,
    async setup(provider, state, params) {
      const result: Record<string, unknown> = {};
      for (const call of simStatesFor(provider, state, params, catalog)) {
        const response = await post('state', { state: call.state, params: call.params, action: 'setup' }).catch((error: unknown) => {
          throw stateError(provider, state, `the simulator's admin endpoint is unreachable: ${describeError(error)}`);
        });
        if (response.status !== 200) {
          throw stateError(provider, state, `the simulator refused its state "${call.state}": ${response.status} ${messageOf(response.body)}`);
        }
        Object.assign(result, (response.body as { result?: Record<string, unknown> }).result ?? {});
      }
      return result;
    },
    async teardown() {
      const response = await post('reset', {}).catch((error: unknown) => {
        throw new RunwardenError('STATE_HANDLER_FAILED', `the simulator's admin endpoint ${admin.url} is unreachable: ${describeError(error)}`);
      });
      if (response.status !== 200) {
        throw new RunwardenError('STATE_HANDLER_FAILED', `the simulator at ${admin.url} could not be reset: ${response.status} ${messageOf(response.body)}`,
          'Check the admin URL and token the simulator was started with (adminToken).');
      }
    },
  };
}

/**
 * A provider's own state endpoint, as Pact's `providerStatesSetupUrl`: each state is POSTed as
 * `{state, params, action}` and any 2xx counts as set up.
 */
export function remoteStates(url: string): ProviderStateSetup {
  return {
    label: url,
    async setup(provider, state, params) {
      const response = await postJson(url, { state, params, action: 'setup' }).catch((error: unknown) => {
        throw stateError(provider, state, `${url} is unreachable: ${describeError(error)}`);
      });
      if (response.status < 200 || response.status > 299) throw stateError(provider, state, `${url} answered ${response.status} ${messageOf(response.body)}`);
      return typeof response.body === 'object' && response.body !== null ? response.body as Record<string, unknown> : {};
    },
    async teardown() {},
  };
}

function stateError(provider: ProviderName, state: string, cause: string): RunwardenError {
  return new RunwardenError(
    'STATE_HANDLER_FAILED',
    `cannot set up the ${provider} provider state "${state}": ${cause}`,
    'Check the state handler (src/contract/provider-states.ts for the simulator, or your --states-url endpoint).',
  );
}

async function postJson(url: string, body: unknown, token?: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  return { status: response.status, body: parsed };
}

function messageOf(body: unknown): string {
  const message = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof message === 'string' ? message : typeof body === 'string' ? body.slice(0, 200) : JSON.stringify(body ?? '').slice(0, 200);
}
