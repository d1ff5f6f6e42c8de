import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultCounts } from '../faults/fault-counter.ts';
import { bearerMatches } from '../http/authenticate.ts';
import { json, writeJson } from '../http/reply.ts';
import { handleProviderStates, PROVIDER_STATES_PATH } from './provider-states-endpoint.ts';
import type { StateCatalog } from './provider-state.ts';

/** What the admin endpoint can do. */
export interface AdminDeps {
  token: string;
  /** Every mounted provider's states, by provider name. */
  catalogs: ReadonlyMap<string, StateCatalog>;
  now(): number;
  /** Forgets runs and state-made changes of one provider, or of every provider (and the fault counts). */
  reset(provider?: string): void;
  faults(): FaultCounts;
  sizes(): Record<string, number>;
  /** Called for bugs in a state handler; the caller gets a 500. */
  onInternalError(error: unknown): void;
}

/** An admin error body, `{"error": {"code", "message"}}`. */
export const adminError = (status: number, code: string, message: string) => json(status, { error: { code, message } });

/**
 * The admin endpoint under `/_runwarden/` (only mounted when an admin token is configured): `GET health`,
 * `GET faults`, `GET states` (every provider's, with parameters), `POST reset`, and each provider's Pact
 * provider-states endpoint `provider-states/<provider>`. Every call needs `Authorization: Bearer <admin token>`.
 */
export function createAdminHandler(deps: AdminDeps): (req: IncomingMessage, res: ServerResponse, pathname: string) => void {
  return (req, res, pathname) => {
    if (bearerMatches(req.headers.authorization, deps.token) !== 'ok') {
      req.resume();
      writeJson(res, adminError(401, 'admin_unauthorized', 'The admin endpoint needs Authorization: Bearer <admin token>.'));
      return;
    }
    if (pathname.startsWith(PROVIDER_STATES_PATH)) {
      handleProviderStates(req, res, decodeURIComponentSafe(pathname.slice(PROVIDER_STATES_PATH.length)), deps);
      return;
    }
    const route = `${req.method} ${pathname}`;
    req.resume();
    switch (route) {
      case 'GET /_runwarden/health':
        writeJson(res, json(200, { ok: true, runs: deps.sizes() }));
        return;
      case 'GET /_runwarden/faults':
        writeJson(res, json(200, deps.faults()));
        return;
      case 'GET /_runwarden/states':
        writeJson(res, json(200, {
          states: [...deps.catalogs.values()].flatMap((catalog) => catalog.states.map(({ name, description, params }) => ({ provider: catalog.provider, name, description, params }))),
        }));
        return;
      case 'POST /_runwarden/reset':
        deps.reset();
        writeJson(res, json(200, { ok: true }));
        return;
      default:
        writeJson(res, adminError(404, 'not_found', `No admin route ${route}.`));
    }
  };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
