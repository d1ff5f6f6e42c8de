// Test harness: mounts one generic provider on a bare node:http server (127.0.0.1, port 0) with a virtual clock, the
// way the simulator's pipeline does (route, bearer auth, JSON body), without depending on startSimulator.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadProfileFile } from '../../config/index.ts';
import type { ProviderProfile } from '../../core/profile/index.ts';
import { createRouteTable, loadSpec, type LoadedSpec } from '../../spec/index.ts';
import { createValidator, type Validator } from '../../validate/index.ts';
import { createVirtualClock, type VirtualClock } from '../clock.ts';
import { NO_FATE } from '../faults/fault-plan.ts';
import { writeJson, type Reply } from '../http/reply.ts';
import { ExhaustedLimits } from '../limits/exhausted-limits.ts';
import { OptionsChecker } from '../options-checker.ts';
import { resolveOptions, type SimulatorOptions } from '../options.ts';
import type { SimRequest, SimRoute } from '../providers/provider.ts';
import { Scheduler } from '../scheduler.ts';
import { createGenericSim, type GenericSimOptions, type GenericSimProvider } from './index.ts';

export const TOKEN = 'generic-test-token';

/** One exchange, the body parsed when it is JSON. */
export interface Exchange {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
  text: string;
}

export interface Harness {
  provider: GenericSimProvider;
  spec: LoadedSpec;
  profile: ProviderProfile;
  clock: VirtualClock;
  /** A strict validator of the spec, for asserting conformance. */
  validator: Validator;
  /** Calls a path relative to the provider's base path. */
  call(method: string, path: string, options?: { body?: unknown; rawBody?: string; headers?: Record<string, string>; token?: string | null }): Promise<Exchange>;
  close(): Promise<void>;
}

/** Writes a spec and a profile (objects) into a fresh temporary directory and loads both as runwarden does. */
export async function loadFixture(spec: object, profile: object): Promise<{ spec: LoadedSpec; profile: ProviderProfile }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'runwarden-generic-'));
  writeFileSync(path.join(dir, 'openapi.yaml'), stringify(spec));
  writeFileSync(path.join(dir, 'profile.yaml'), stringify({ spec: './openapi.yaml', ...profile }));
  return { spec: await loadSpec(path.join(dir, 'openapi.yaml')), profile: loadProfileFile(path.join(dir, 'profile.yaml')) };
}

/** Starts a harness serving `profile` over `spec`. */
export async function startHarness(profile: ProviderProfile, spec: LoadedSpec, options: { sim?: SimulatorOptions; generic?: GenericSimOptions } = {}): Promise<Harness> {
  const clock = createVirtualClock();
  const config = resolveOptions({ token: TOKEN, ...options.sim, clock });
  const scheduler = new Scheduler(clock);
  const check = new OptionsChecker();
  const runtime = {
    config, scheduler, exhausted: new ExhaustedLimits(), check,
    basePath: (profile.basePath ?? spec.basePath).replace(/\/+$/, ''), sections: config.sectionsOf(profile.name),
  };
  const provider = createGenericSim(profile, spec, runtime, options.generic);
  if (check.problems.length > 0) throw new Error(`option problems: ${check.problems.join('; ')}`);
  const table = createRouteTable(provider.routes.map((route) => ({ method: route.method, path: route.path, target: route })));
  const server = createServer((req, res) => {
    void answer(req).then((reply) => {
      if (reply.kind === 'stream') reply.start(res);
      else writeJson(res, reply);
    });
  });

  async function answer(req: IncomingMessage): Promise<Reply> {
    const url = req.url ?? '/';
    const [pathname = '/', search = ''] = url.split('?');
    const text = await readAll(req);
    if (!pathname.startsWith(provider.basePath)) return provider.errors.notFound('outside the base path');
    const match = table.match(req.method ?? 'GET', pathname.slice(provider.basePath.length) || '/');
    if (!match) return provider.errors.notFound(`No route for ${req.method} ${pathname}.`);
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return provider.errors.unauthorized(req.headers.authorization !== undefined);
    const route: SimRoute = match.target;
    let body: unknown;
    if (route.body === 'json' && text !== '') {
      try {
        body = JSON.parse(text);
      } catch (error) {
        return provider.errors.malformedJson((error as Error).message);
      }
    }
    const scenario = req.headers['x-runwarden-scenario'];
    const request: SimRequest = {
      operationId: route.operationId, method: route.method, url, params: match.params, search,
      query: () => new URLSearchParams(search), headers: req.headers, body, now: clock.now(), token: TOKEN,
      scenario: typeof scenario === 'string' ? scenario : undefined, runFate: () => NO_FATE,
    };
    return route.handle(request);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const validator = createValidator(spec, { strict: true });
  return {
    provider, spec, profile, clock, validator,
    async call(method, relative, callOptions = {}) {
      const headers: Record<string, string> = { ...callOptions.headers };
      const token = callOptions.token === undefined ? TOKEN : callOptions.token;
      if (token !== null) headers.authorization = `Bearer ${token}`;
      let payload = callOptions.rawBody;
      if (callOptions.body !== undefined) {
        payload = JSON.stringify(callOptions.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(`${origin}${provider.basePath}${relative}`, { method, headers, body: payload, signal: AbortSignal.timeout(5000) });
      const text = await response.text();
      const responseHeaders = Object.fromEntries(response.headers.entries());
      const isJson = (responseHeaders['content-type'] ?? '').includes('json') && text !== '';
      return { method, path: relative, status: response.status, headers: responseHeaders, body: isJson ? JSON.parse(text) : text === '' ? undefined : text, text };
    },
    close: () => new Promise<void>((resolve) => {
      scheduler.cancelAll();
      closeServer(server, resolve);
    }),
  };
}

/** Findings of an exchange against the spec, strictly (undocumented properties count). */
export function findingsOf(harness: Harness, operationId: string, exchange: Exchange): string[] {
  return harness.validator.validateResponse(operationId, { status: exchange.status, headers: exchange.headers, body: exchange.body })
    .map((violation) => `${exchange.method} ${exchange.path} → ${exchange.status}: ${violation.code} ${violation.pointer ?? ''} ${violation.message}\n${exchange.text.slice(0, 400)}`);
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function closeServer(server: Server, done: () => void): void {
  server.close(() => done());
  server.closeAllConnections();
}
