import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthScheme, ProviderProfile, RunIdSource } from '../../core/profile/index.ts';
import { NO_FAULTS, type FaultPlan, type RequestFaults, type RunFate } from '../faults/fault-plan.ts';
import { runIdInReply, runIdSources } from '../faults/run-fault-ledger.ts';
import type { ExhaustedLimits } from '../limits/exhausted-limits.ts';
import type { RateLimiter } from '../limits/rate-limiter.ts';
import type { SimProvider, SimRequest, SimRoute } from '../providers/provider.ts';
import type { Scheduler } from '../scheduler.ts';
import { authCheckFor, type AuthCheck } from './authenticate.ts';
import { readBody } from './body.ts';
import { nestsDeeperThan } from '../../core/json-depth.ts';
import { scanHeaders } from './scan-headers.ts';
import { json, writeJson, type JsonReply, type Reply } from './reply.ts';
import { createRouteTable, type RouteTable } from '../../spec/index.ts';

/** One provider as the pipeline serves it. */
export interface PipelineMount {
  provider: SimProvider;
  /** How its requests authenticate (the profile's scheme, with the simulator's token). */
  auth: AuthScheme;
  rateLimiter?: RateLimiter;
  /** Its profile: where its creates answer with the run id, so faulted runs are listed by id. */
  profile?: ProviderProfile;
}

/** What the request pipeline needs; everything is built once at start-up. */
export interface PipelineDeps {
  mounts: readonly PipelineMount[];
  token: string;
  scheduler: Scheduler;
  faults: FaultPlan;
  bodyLimitBytes: number;
  /** Longest a client may take to send a body it announced; then 408 and the connection closes. */
  bodyTimeoutMs: number;
  /** Deepest nesting a JSON body may have (see `nestsDeeperThan`). */
  jsonDepth: number;
  /** Limits provider states declared exhausted, by provider name. */
  exhausted?: ExhaustedLimits;
  /** Handles `/_runwarden/...` when the admin endpoint is enabled. */
  admin?: (req: IncomingMessage, res: ServerResponse, pathname: string) => void;
  /** Called for bugs (a handler threw); the client gets a 500 in the provider's shape. */
  onInternalError(error: unknown): void;
}

interface Mount {
  prefix: string;
  provider: SimProvider;
  router: RouteTable<SimRoute>;
  rateLimiter: RateLimiter | undefined;
  authenticate: AuthCheck;
  runIds: ReadonlyMap<string, RunIdSource>;
}

/** The one generic 404, for paths outside every provider's base path. */
export const GENERIC_NOT_FOUND = { error: { code: 'not_found', message: 'No runwarden simulator route matches this path.' } };

/**
 * Builds the request listener: route → auth → rate limit → body → faults → handler → write. Routing is
 * precompiled, GETs without a body stay synchronous, and every JSON response is serialized once.
 */
export function createRequestListener(deps: PipelineDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const mounts: Mount[] = deps.mounts.map(({ provider, auth, rateLimiter, profile }) => ({
    prefix: provider.basePath,
    provider,
    router: createRouteTable(provider.routes.map((route) => ({ method: route.method, path: route.path, target: route }))),
    rateLimiter,
    authenticate: authCheckFor(auth, deps.token),
    runIds: profile ? runIdSources(profile) : new Map(),
  }));
  // Longest base path first, so `/api/v1` is never mistaken for `/v1`-something.
  mounts.sort((a, b) => b.prefix.length - a.prefix.length);
  const clock = deps.scheduler.clock;

  const fail = (res: ServerResponse, provider: SimProvider, error: unknown) => {
    deps.onInternalError(error);
    if (!res.headersSent) writeJson(res, provider.errors.serverError(500));
    else res.destroy();
  };

  const write = (res: ServerResponse, provider: SimProvider, reply: Reply) => {
    if (res.destroyed) return;
    try {
      if (reply.kind === 'stream') reply.start(res);
      else writeJson(res, reply);
    } catch (error) {
      fail(res, provider, error);
    }
  };

  const finish = (res: ServerResponse, provider: SimProvider, reply: Reply, delayMs: number) => {
    if (delayMs > 0) deps.scheduler.after(delayMs, () => write(res, provider, reply));
    else write(res, provider, reply);
  };

  const run = (req: IncomingMessage, res: ServerResponse, mount: Mount, route: SimRoute, params: Record<string, string>,
    search: string, body: unknown, faults: RequestFaults, scenario: string | undefined) => {
    const request = new PipelineRequest(req, mount, route, params, search, body, clock.now(), deps, scenario);
    let reply: Reply | Promise<Reply>;
    try {
      reply = route.handle(request);
    } catch (error) {
      fail(res, mount.provider, error);
      return;
    }
    if (reply instanceof Promise) {
      reply.then((value) => {
        identifyFaultedRun(request, mount, value);
        finish(res, mount.provider, value, faults.slowFirstByteMs);
      }, (error) => fail(res, mount.provider, error));
    } else {
      identifyFaultedRun(request, mount, reply);
      finish(res, mount.provider, reply, faults.slowFirstByteMs);
    }
  };

  /** A run given run-level faults is listed by the id its create answers with (RunFaultLedger). */
  const identifyFaultedRun = (request: PipelineRequest, mount: Mount, reply: Reply) => {
    if (request.fate === undefined) return;
    const source = mount.runIds.get(request.operationId);
    deps.faults.identify(request.fate, mount.provider.name, request.operationId, source && runIdInReply(reply, source));
  };

  const afterBody = (req: IncomingMessage, res: ServerResponse, mount: Mount, route: SimRoute, params: Record<string, string>,
    search: string, body: unknown, scenario: string | undefined) => {
    const faults = deps.faults.empty ? NO_FAULTS : deps.faults.decide(mount.provider.name, route.operationId, clock.now());
    if (faults === NO_FAULTS) {
      run(req, res, mount, route, params, search, body, faults, scenario);
      return;
    }
    if (faults.reset) {
      req.socket.destroy();
      return;
    }
    let early: JsonReply | undefined;
    if (faults.burstRetryAfter !== undefined) {
      const reply = mount.provider.errors.rateLimited('Too many requests (injected burst).', faults.burstRetryAfter);
      early = { ...reply, headers: { ...reply.headers, 'retry-after': String(faults.burstRetryAfter) } };
    } else if (faults.errorStatus !== undefined) {
      early = mount.provider.errors.serverError(faults.errorStatus);
    }
    const go = () => {
      if (res.destroyed) return;
      if (early) finish(res, mount.provider, early, faults.slowFirstByteMs);
      else run(req, res, mount, route, params, search, body, faults, scenario);
    };
    if (faults.latencyMs > 0) deps.scheduler.after(faults.latencyMs, go);
    else go();
  };

  return (req, res) => {
    const url = req.url ?? '/';
    const mark = url.indexOf('?');
    const pathname = mark === -1 ? url : url.slice(0, mark);
    const search = mark === -1 ? '' : url.slice(mark + 1);

    if (deps.admin && pathname.startsWith('/_runwarden/')) {
      deps.admin(req, res, pathname);
      return;
    }
    let mount: Mount | undefined;
    for (const candidate of mounts) {
      if (pathname.startsWith(candidate.prefix) && (pathname.length === candidate.prefix.length || pathname.charCodeAt(candidate.prefix.length) === 47)) {
        mount = candidate;
        break;
      }
    }
    if (mount === undefined) {
      req.resume();
      writeJson(res, json(404, GENERIC_NOT_FOUND));
      return;
    }
    const provider = mount.provider;
    const match = mount.router.match(req.method ?? 'GET', pathname.slice(mount.prefix.length));
    if (match === undefined) {
      req.resume();
      writeJson(res, provider.errors.notFound(`No route for ${req.method} ${pathname}.`));
      return;
    }
    const route = match.target;
    const headers = scanHeaders(req);
    const auth = mount.authenticate(headers.authorization, req, search);
    if (auth !== 'ok') {
      req.resume();
      writeJson(res, provider.errors.unauthorized(auth === 'wrong'));
      return;
    }
    if (mount.rateLimiter && !mount.rateLimiter.allow(deps.token, clock.now())) {
      req.resume();
      writeJson(res, provider.errors.rateLimited(`Too many requests. Your organization is limited to ${mount.rateLimiter.describe()}.`));
      return;
    }
    if (deps.exhausted?.take(provider.name, clock.now())) {
      req.resume();
      writeJson(res, provider.errors.rateLimited('Too many requests. Your organization is over its rate limit.'));
      return;
    }
    if (route.method === 'GET' && route.body === 'none' && headers.contentLength === undefined && headers.transferEncoding === undefined) {
      afterBody(req, res, mount, route, match.params, search, undefined, headers.scenario);
      return;
    }
    readBody(req, deps.bodyLimitBytes, deps.bodyTimeoutMs).then((read) => {
      if (read.kind === 'aborted') return;
      if (read.kind === 'stalled') {
        answerStalled(res, deps.bodyTimeoutMs);
        return;
      }
      if (read.kind === 'too-large') {
        // GET operations document no 413: their bodies are ignored, whatever the size.
        if (route.method === 'GET') afterBody(req, res, mount, route, match.params, search, undefined, headers.scenario);
        else writeJson(res, provider.errors.payloadTooLarge(deps.bodyLimitBytes));
        return;
      }
      let body: unknown;
      if (read.kind === 'text' && route.body === 'json') {
        if (nestsDeeperThan(read.text, deps.jsonDepth)) {
          writeJson(res, provider.errors.malformedJson(`nested deeper than ${deps.jsonDepth} levels of arrays and objects`));
          return;
        }
        try {
          body = JSON.parse(read.text);
        } catch (error) {
          writeJson(res, provider.errors.malformedJson(error instanceof Error ? error.message : 'invalid JSON'));
          return;
        }
      }
      afterBody(req, res, mount, route, match.params, search, body, headers.scenario);
    }, (error: unknown) => fail(res, provider, error));
  };
}

/** The handler's view of one request. A class, so the hot path allocates no closures. */
class PipelineRequest implements SimRequest {
  readonly operationId: string;
  readonly method: string;
  readonly url: string;
  readonly token: string;
  private parsedQuery: URLSearchParams | undefined;

  constructor(
    private readonly req: IncomingMessage,
    private readonly mount: Mount,
    private readonly route: SimRoute,
    readonly params: Record<string, string>,
    readonly search: string,
    readonly body: unknown,
    readonly now: number,
    private readonly deps: PipelineDeps,
    readonly scenario: string | undefined,
  ) {
    this.operationId = route.operationId;
    this.method = route.method;
    this.url = req.url ?? '/';
    this.token = deps.token;
  }

  /** Node builds the full header object only when a handler asks for it. */
  get headers(): IncomingMessage['headers'] {
    return this.req.headers;
  }

  query(): URLSearchParams {
    return (this.parsedQuery ??= new URLSearchParams(this.search));
  }

  /** The run fate decided for this request, if the handler asked for one. */
  fate: RunFate | undefined;

  runFate(): RunFate {
    this.fate = this.deps.faults.runFate(this.mount.provider.name, this.route.operationId);
    return this.fate;
  }

  wrongStatus(): string | undefined {
    return this.deps.faults.empty ? undefined : this.deps.faults.wrongStatus(this.mount.provider.name, this.route.operationId);
  }
}

/** A 408 that closes the connection: the rest of a stalled body would otherwise be read as the next request. */
function answerStalled(res: ServerResponse, timeoutMs: number): void {
  const text = JSON.stringify({ error: { code: 'REQUEST_TIMEOUT', message: `The request body did not arrive within ${timeoutMs} ms.` } });
  res.writeHead(408, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), connection: 'close' });
  res.end(text, () => res.socket?.destroy());
}
