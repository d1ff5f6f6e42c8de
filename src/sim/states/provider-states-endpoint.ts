import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http/body.ts';
import { json, writeJson, type JsonReply } from '../http/reply.ts';
import { StateError } from '../providers/state-error.ts';
import type { AdminDeps } from './admin.ts';
import { isRecord } from '../options-checker.ts';
import { DEFAULT_LIMITS } from '../options.ts';

/** Where each provider's Pact provider-states endpoint lives: `<origin>/_runwarden/provider-states/<provider>`. */
export const PROVIDER_STATES_PATH = '/_runwarden/provider-states/';

const fail = (status: number, code: string, message: string): JsonReply => json(status, { error: { code, message } });

/**
 * One provider's Pact provider-states endpoint. `POST` takes Pact's `{state, params, action}`: `setup` (the
 * default) answers 200 `{result}` with the values the state set up, or 400 for a state the provider does not
 * know or unusable parameters; `teardown` forgets the provider's runs and state-made changes and answers 200.
 * `GET` lists the state names.
 */
export function handleProviderStates(req: IncomingMessage, res: ServerResponse, provider: string, deps: AdminDeps): void {
  const catalog = deps.catalogs.get(provider);
  if (catalog === undefined) {
    req.resume();
    writeJson(res, fail(404, 'provider_unknown', `No provider "${provider}" is mounted. Mounted: ${[...deps.catalogs.keys()].join(', ')}.`));
    return;
  }
  if (req.method === 'GET') {
    req.resume();
    writeJson(res, json(200, { states: catalog.states.map((state) => state.name) }));
    return;
  }
  if (req.method !== 'POST') {
    req.resume();
    writeJson(res, fail(405, 'method_not_allowed', 'Use POST {"state", "params", "action"} or GET.'));
    return;
  }
  void readBody(req, 1024 * 1024, DEFAULT_LIMITS.requestTimeoutMs).then((read) => {
    if (read.kind === 'aborted') return;
    if (read.kind !== 'text') {
      writeJson(res, fail(400, 'state_invalid', 'Send a JSON body {"state": "<name>", "params": {...}, "action": "setup"}.'));
      return;
    }
    try {
      writeJson(res, answer(read.text, provider, deps));
    } catch (error) {
      deps.onInternalError(error);
      writeJson(res, fail(500, 'state_handler_error', `The ${provider} state handler failed: ${error instanceof Error ? error.message : String(error)}`));
    }
  });
}

function answer(text: string, provider: string, deps: AdminDeps): JsonReply {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return fail(400, 'state_invalid', 'The body is not valid JSON.');
  }
  if (!isRecord(body)) return fail(400, 'state_invalid', 'The body must be a JSON object {"state", "params", "action"}.');
  const { state, params, action = 'setup' } = body;
  if (action === 'teardown') {
    deps.reset(provider);
    return json(200, { result: {} });
  }
  if (action !== 'setup') return fail(400, 'state_invalid', `"action" must be "setup" or "teardown" (received ${JSON.stringify(action)}).`);
  if (typeof state !== 'string') return fail(400, 'state_invalid', 'The body needs a string "state".');
  if (params !== undefined && params !== null && !isRecord(params)) return fail(400, 'state_invalid', '"params" must be an object.');
  try {
    return json(200, { result: deps.catalogs.get(provider)!.apply(state, (params ?? {}) as Record<string, unknown>, deps.now()) });
  } catch (error) {
    if (error instanceof StateError) return fail(400, 'state_invalid', error.message);
    throw error;
  }
}
