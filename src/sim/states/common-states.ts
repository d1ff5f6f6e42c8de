import type { ProviderState } from './provider-state.ts';
import { optionalNumber, optionalString } from './params.ts';

/**
 * `no such run`: the run does not exist (it is deleted), so reads answer 404. `idParams` names the parameters
 * that may carry the id in this provider's words, e.g. `{ run_id: 'The run id (trun_…).' }`.
 */
export function noSuchRunState(idParams: Readonly<Record<string, string>>, forget: (id: string) => boolean): ProviderState {
  return {
    name: 'no such run',
    description: 'Makes sure the run does not exist (deletes it): reads answer 404.',
    params: idParams,
    apply: (params) => {
      const ids = Object.keys(idParams).map((name) => optionalString(params, name)).filter((id): id is string => id !== undefined);
      let deleted = 0;
      for (const id of ids) if (forget(id)) deleted++;
      return { ids, deleted };
    },
  };
}

/** `the rate limit is exceeded`: the next requests answer the provider's documented 429, until a count or a time runs out. */
export function rateLimitExceededState(exhaust: (requests: number, until: number) => void): ProviderState {
  return {
    name: 'the rate limit is exceeded',
    description: 'The next requests to the provider answer 429 in its documented shape.',
    params: {
      requests: 'How many requests get the 429 (default 1).',
      duration_ms: 'Or until this much clock time has passed (default: no time limit).',
    },
    apply: (params, now) => {
      const requests = optionalNumber(params, 'requests') ?? 1;
      const duration = optionalNumber(params, 'duration_ms');
      exhaust(requests, duration === undefined ? Number.POSITIVE_INFINITY : now + duration);
      return { requests };
    },
  };
}
