import { createServer, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { describeError, isRunwardenError, RunwardenError } from '../core/errors.ts';
import type { AuthScheme } from '../core/profile/index.ts';
import type { ProviderStateSetup } from './state-setup.ts';
import { swapCredentials } from './swap-credentials.ts';

/** Path on the gateway that the Pact verifier posts provider-state changes to. */
export const STATE_PATH = '/__runwarden/provider-state';

/** A problem the gateway met that makes the verification itself unusable (not a contract failure). */
export interface GatewayProblem {
  error: RunwardenError;
  /** The provider state being set up, when that is what failed. */
  state?: string;
}

/**
 * A local HTTP server between the Pact verifier and one provider: it answers state-change calls through a
 * ProviderStateSetup and forwards every other request to the provider's base URL, replacing the pact's placeholder
 * credentials with the real ones where the profile's auth says. The token stays in this process; the verifier
 * never sees it.
 */
export interface VerifyGateway {
  url: string;
  stateUrl: string;
  /** Problems seen so far (state handlers that failed, a provider that could not be reached). */
  problems: GatewayProblem[];
  close(): Promise<void>;
}

export interface GatewayOptions {
  provider: string;
  /** The provider's API base URL; request paths from the pact are appended to it. */
  target: string;
  /** Where the credentials go (the profile's `auth`). */
  auth: AuthScheme;
  token?: string;
  states: ProviderStateSetup;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'host', 'te', 'trailer']);

/** Starts a gateway on 127.0.0.1, port 0. */
export async function startVerifyGateway(options: GatewayOptions): Promise<VerifyGateway> {
  const problems: GatewayProblem[] = [];
  const target = options.target.replace(/\/+$/, '');
  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === STATE_PATH) void handleState(req, res);
    else forward(req, res);
  });

  async function handleState(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let change: { state?: unknown; params?: unknown; action?: unknown } = {};
    try {
      change = JSON.parse(await readAll(req)) as typeof change;
      const state = change.state ?? '';
      if (typeof state !== 'string') throw new RunwardenError('STATE_HANDLER_FAILED', `the verifier sent a state change without a state: ${JSON.stringify(change)}`);
      const params = typeof change.params === 'object' && change.params !== null ? change.params as Record<string, unknown> : {};
      if (change.action === 'teardown') {
        // Forwarded as Pact sends it, an empty state included: the simulator resets the provider after every interaction.
        await options.states.teardown(state, params);
        send(res, 200, {});
        return;
      }
      // Interactions without provider states still get a setup call, with an empty name: nothing to set up.
      send(res, 200, state === '' ? {} : await options.states.setup(state, params));
    } catch (error) {
      const problem = isRunwardenError(error) ? error : new RunwardenError('STATE_HANDLER_FAILED', `provider state "${String(change.state)}": ${describeError(error)}`);
      problems.push({ error: problem, state: typeof change.state === 'string' && change.state !== '' ? change.state : undefined });
      // Acknowledged so the verifier does not retry: verifyPacts fails (or, if pending, marks) every interaction
      // that needed this state, from `problems`.
      send(res, 200, {});
    }
  }

  function forward(req: IncomingMessage, res: ServerResponse): void {
    const forwarded: IncomingMessage['headers'] = {};
    for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(name)) forwarded[name] = value;
    const outgoing = swapCredentials(req.url ?? '/', forwarded, options.auth, options.token);
    const url = new URL(`${target}${outgoing.url}`);
    const headers: OutgoingHttpHeaders = outgoing.headers;
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const upstream = send(url, { method: req.method, headers }, (answer) => {
      const responseHeaders: OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(answer.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) responseHeaders[name] = value;
      res.writeHead(answer.statusCode ?? 502, responseHeaders);
      answer.pipe(res);
    });
    upstream.on('error', (error) => {
      problems.push({ error: new RunwardenError(
        'HOST_UNREACHABLE',
        `the ${options.provider} provider at ${target} stopped answering during verification: ${describeError(error)}`,
        'Check that the provider stays up for the whole verification (and --base-url).',
      ) });
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('runwarden: provider unreachable');
    });
    req.pipe(upstream);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    stateUrl: `${url}${STATE_PATH}`,
    problems,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readAll(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
