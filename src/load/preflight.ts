import { RunwardenError, describeError } from '../core/errors.ts';
import { deadline } from '../core/deadline.ts';
import { credentialsFor, type Credentials } from '../core/profile/index.ts';
import { templateUrl } from './request-template.ts';
import type { Flow } from './scenario.ts';

/** One request sent before traffic to prove the target is reachable and accepts the token. */
export interface PreflightRequest {
  provider: string;
  /** Without credentials: this is what messages show. */
  url: string;
  method: 'GET' | 'POST';
  /** Headers and query parameters from the provider's auth scheme; never printed. */
  credentials: Credentials;
  /** Whether a token was sent, for the hint when the target refuses. */
  withToken: boolean;
  body?: unknown;
}

/**
 * Sends the preflight request. Unreachable or silent targets fail with HOST_UNREACHABLE / TIMEOUT, 401 and 403
 * with AUTH_FAILED; any other answer (a 404 for a made-up run id included) proves the target is usable.
 */
export async function preflight(request: PreflightRequest, timeoutMs = 3_000): Promise<number> {
  const url = new URL(request.url);
  for (const [name, value] of Object.entries(request.credentials.query)) url.searchParams.set(name, value);
  let response: Response;
  const wait = deadline(timeoutMs);
  try {
    response = await fetch(url, {
      method: request.method,
      headers: {
        accept: 'application/json',
        ...request.credentials.headers,
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal: wait.signal,
    });
    await response.arrayBuffer();
  } catch (error) {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      throw new RunwardenError('TIMEOUT', `preflight ${request.method} ${request.url}: no answer within ${timeoutMs} ms`, 'Is the target up and answering HTTP? A target that accepts connections and closes them without a response ends here too.');
    }
    const cause = error instanceof Error && error.cause !== undefined ? describeError(error.cause) : describeError(error);
    throw new RunwardenError('HOST_UNREACHABLE', `preflight ${request.method} ${request.url}: ${cause}`, 'Check the URL, and that the target is running.');
  } finally {
    wait.clear();
  }
  if (response.status === 401 || response.status === 403) {
    throw new RunwardenError('AUTH_FAILED', `preflight ${request.method} ${request.url}: the target refused the token\nReceived: ${response.status}`, request.withToken
      ? `Check the token for ${request.provider}: the variable its profile's auth.tokenEnv names, or the one --token-env names.`
      : `No token was sent to ${request.provider}: set auth.tokenEnv in its profile (docs/config.md), or pass --token-env NAME.`);
  }
  return response.status;
}

/** A run id no provider has: preflight reads it to learn about auth and reachability, never about a run. */
export const PREFLIGHT_RUN_ID = '00000000-0000-4000-8000-000000000000';

/** One preflight request per provider the scenario uses: its first flow's `preflight`, poll, read or create. */
export function preflightPlan(flows: readonly Flow[], targets: Readonly<Record<string, string>>, tokens: Readonly<Record<string, string | undefined>>): PreflightRequest[] {
  const plan = new Map<string, PreflightRequest>();
  for (const flow of flows) {
    const base = targets[flow.provider];
    if (plan.has(flow.provider) || base === undefined) continue;
    const template = flow.preflight ?? (flow.kind === 'read' ? flow.read : (flow.poll ?? flow.create));
    const token = tokens[flow.provider];
    plan.set(flow.provider, {
      provider: flow.provider,
      url: templateUrl(template, new URL(base), flow.params ?? {}, PREFLIGHT_RUN_ID),
      method: template.method === 'GET' ? 'GET' : 'POST',
      credentials: credentialsFor(flow.auth ?? { type: 'bearer' }, token),
      withToken: token !== undefined,
      ...(template.body === undefined ? {} : { body: template.body }),
    });
  }
  return [...plan.values()];
}
