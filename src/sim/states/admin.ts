import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultCounts } from '../faults/fault-counter.ts';
import { readBody } from '../http/body.ts';
import { json, writeJson } from '../http/reply.ts';
import { StateError } from '../providers/state-error.ts';
import type { StateResult } from './catalog.ts';
import { SIM_STATES } from './sim-states.ts';

/** What the admin endpoint can do. */
export interface AdminDeps {
  token: string;
  setState(name: string, params: Record<string, unknown>): StateResult;
  reset(): void;
  faults(): FaultCounts;
  sizes(): Record<string, number>;
}

const adminError = (status: number, code: string, message: string) => json(status, { error: { code, message } });

/**
 * The admin endpoint under `/_runwarden/` (only mounted when an admin token is configured):
 * `POST state` (`{state, params, action}` — Pact's state-change body), `GET states`, `GET faults`,
 * `POST reset`, `GET health`. Every call needs `Authorization: Bearer <admin token>`.
 */
export function createAdminHandler(deps: AdminDeps): (req: IncomingMessage, res: ServerResponse, pathname: string) => void {
  const bearer = `Bearer ${deps.token}`;
  return (req, res, pathname) => {
    const route = `${req.method} ${pathname}`;
    if (req.headers.authorization !== bearer) {
      req.resume();
      writeJson(res, adminError(401, 'admin_unauthorized', 'The admin endpoint needs Authorization: Bearer <admin token>.'));
      return;
    }
    switch (route) {
      case 'GET /_runwarden/health':
        req.resume();
        writeJson(res, json(200, { ok: true, runs: deps.sizes() }));
        return;
      case 'GET /_runwarden/faults':
        req.resume();
        writeJson(res, json(200, deps.faults()));
        return;
      case 'GET /_runwarden/states':
        req.resume();
        writeJson(res, json(200, { states: SIM_STATES.map(({ name, provider, description, params }) => ({ name, provider, description, params })) }));
        return;
      case 'POST /_runwarden/reset':
        req.resume();
        deps.reset();
        writeJson(res, json(200, { ok: true }));
        return;
      case 'POST /_runwarden/state':
        void readBody(req, 1024 * 1024).then((read) => {
          if (read.kind === 'aborted') return;
          if (read.kind !== 'text') {
            writeJson(res, adminError(400, 'state_invalid', 'Send a JSON body {"state": "<name>", "params": {...}}.'));
            return;
          }
          writeJson(res, applyFromBody(deps, read.text));
        });
        return;
      default:
        req.resume();
        writeJson(res, adminError(404, 'not_found', `No admin route ${route}.`));
    }
  };
}

function applyFromBody(deps: AdminDeps, text: string) {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return adminError(400, 'state_invalid', 'The body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || typeof (body as { state?: unknown }).state !== 'string') {
    return adminError(400, 'state_invalid', 'The body needs a string "state".');
  }
  const { state, params, action } = body as { state: string; params?: unknown; action?: unknown };
  if (action === 'teardown') return json(200, { state, action, result: {} });
  if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params))) {
    return adminError(400, 'state_invalid', '"params" must be an object.');
  }
  try {
    return json(200, { state, result: deps.setState(state, (params ?? {}) as Record<string, unknown>) });
  } catch (error) {
    if (error instanceof StateError) return adminError(400, 'state_invalid', error.message);
    throw error;
  }
}
