import { RunwardenError, describeError } from '../core/errors.ts';
import type { ProviderName } from '../core/providers.ts';
import { templateUrl } from './request-template.ts';
import type { Flow } from './scenario.ts';

/** One request sent before traffic to prove the target is reachable and accepts the token. */
export interface PreflightRequest {
  url: string;
  method: 'GET' | 'POST';
  token: string | undefined;
  body?: unknown;
}

/**
 * Sends the preflight request. Unreachable or silent targets fail with HOST_UNREACHABLE / TIMEOUT, 401 and 403
 * with AUTH_FAILED; any other answer (a 404 for a made-up run id included) proves the target is usable.
 */
export async function preflight(request: PreflightRequest, timeoutMs = 3_000): Promise<number> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: {
        accept: 'application/json',
        ...(request.token ? { authorization: `Bearer ${request.token}` } : {}),
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
  } catch (error) {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      throw new RunwardenError('TIMEOUT', `preflight ${request.method} ${request.url}: no answer within ${timeoutMs} ms`, 'Is the target up and listening?');
    }
    const cause = error instanceof Error && error.cause !== undefined ? describeError(error.cause) : describeError(error);
    throw new RunwardenError('HOST_UNREACHABLE', `preflight ${request.method} ${request.url}: ${cause}`, 'Check the URL, and that the target is running.');
  }
  if (response.status === 401 || response.status === 403) {
    throw new RunwardenError('AUTH_FAILED', `preflight ${request.method} ${request.url}: the target refused the token\nReceived: ${response.status}`, request.token ? 'Check the token in the variable named by --token-env.' : 'Set a token: --token-env NAME reads it from the environment variable NAME.');
  }
  return response.status;
}

/** A run id no provider has: preflight reads it to learn about auth and reachability, never about a run. */
export const PREFLIGHT_RUN_ID = '00000000-0000-4000-8000-000000000000';

/** One preflight request per provider the scenario uses: its first flow's `preflight`, poll, read or create. */
export function preflightPlan(flows: readonly Flow[], targets: Partial<Record<ProviderName, string>>, tokens: Partial<Record<ProviderName, string>>): PreflightRequest[] {
  const plan = new Map<ProviderName, PreflightRequest>();
  for (const flow of flows) {
    const base = targets[flow.provider];
    if (plan.has(flow.provider) || base === undefined) continue;
    const template = flow.preflight ?? (flow.kind === 'read' ? flow.read : (flow.poll ?? flow.create));
    plan.set(flow.provider, {
      url: templateUrl(template, new URL(base), flow.params ?? {}, PREFLIGHT_RUN_ID),
      method: template.method === 'GET' ? 'GET' : 'POST',
      token: tokens[flow.provider],
      ...(template.body === undefined ? {} : { body: template.body }),
    });
  }
  return [...plan.values()];
}
