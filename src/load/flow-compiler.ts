import { RunwardenError } from '../core/errors.ts';
import { credentialsFor, secretNames, type AuthScheme, type RunIdSource } from '../core/profile/index.ts';
import { ConnectionPool, type PoolLimits } from './connection-pool.ts';
import type { WireRequest } from './connection.ts';
import type { EndpointStats, LoadMetrics } from './metrics.ts';
import { compileRequest, type CompiledRequest } from './request-template.ts';
import type { TrackedFlow } from './run-tracker.ts';
import { endpointKeys } from './endpoint-keys.ts';
import type { SampledEndpoint } from './exchange-sampler.ts';
import { StatusKeyEvidence } from './status-sniff.ts';
import type { Flow, RequestTemplate } from './scenario.ts';

/** A request template bound to its target: wire bytes, the stats it counts into, the pool it goes through. */
export interface Endpoint {
  provider: string;
  request: CompiledRequest;
  stats: EndpointStats;
  pool: ConnectionPool;
  /** What the exchange sampler records of this endpoint: names, origin and the secrets to redact. */
  sample: SampledEndpoint;
}

export interface CompiledCreatePoll {
  kind: 'create-poll';
  name: string;
  /** Whether unchanged polls may skip JSON parsing (see status-sniff.ts). */
  statusKey: StatusKeyEvidence;
  tracked: TrackedFlow;
  runId: RunIdSource;
  /** The create answers with the finished run; a non-terminal answer is a finding. */
  sync: boolean;
  create: Endpoint;
  poll: (Endpoint & { intervalMs: number; minPolls: number }) | undefined;
  interact: (Endpoint & { whenStatus: string; max: number; answer: { fieldsAt: string; into: string; value: string } | undefined }) | undefined;
}

export interface CompiledRead {
  kind: 'read';
  name: string;
  seed: Endpoint & { count: number; runId: RunIdSource };
  read: Endpoint;
  /** Filled by seeding, before traffic. */
  ids: string[];
  cursor: number;
}

export type CompiledFlow = CompiledCreatePoll | CompiledRead;

export interface CompileContext {
  /** Base URL of each provider by name, with its base path (e.g. http://127.0.0.1:4010/v2). */
  targets: Readonly<Record<string, string>>;
  /** Each provider's token, sent as its flows' auth scheme says. */
  tokens: Readonly<Record<string, string | undefined>>;
  metrics: LoadMetrics;
  /** Seeding requests count here, not in the run's metrics. */
  seedStats: (operationId: string, provider: string) => EndpointStats;
  poolLimits: PoolLimits;
  onFailure: (request: WireRequest, reason: 'timeout' | 'connection') => void;
  /** Overrides every flow's poll interval (e.g. 0 for a throughput test). */
  pollIntervalMs?: number;
}

/** One pool per origin, shared by every flow that targets it. */
export class PoolSet {
  private readonly pools = new Map<string, ConnectionPool>();

  constructor(private readonly context: CompileContext) {}

  for(url: URL): ConnectionPool {
    let pool = this.pools.get(url.origin);
    if (pool === undefined) {
      const protocol = url.protocol === 'https:' ? 'https:' : 'http:';
      const port = url.port === '' ? (protocol === 'https:' ? 443 : 80) : Number(url.port);
      pool = new ConnectionPool({ hostname: url.hostname.replace(/^\[|\]$/g, ''), port, protocol }, this.context.poolLimits, this.context.onFailure);
      this.pools.set(url.origin, pool);
    }
    return pool;
  }

  all(): ConnectionPool[] {
    return [...this.pools.values()];
  }
}

const BEARER: AuthScheme = { type: 'bearer' };
const ID_IN_BODY: RunIdSource = { from: 'body', pointer: '/id' };

/** Compiles every flow before traffic: templates to bytes, ids to targets. Misconfiguration fails here. */
export function compileFlows(flows: readonly Flow[], context: CompileContext, pools: PoolSet): CompiledFlow[] {
  const key = endpointKeys(flows);
  // Every provider's token is redacted from every kept exchange: one provider may echo another's.
  const tokenValues = Object.values(context.tokens).filter((token): token is string => token !== undefined);
  return flows.map((flow) => {
    const base = context.targets[flow.provider];
    if (base === undefined) throw new RunwardenError('CONFIG_INVALID', `flow ${flow.name}: no base URL for provider ${flow.provider}`, `Pass --base-url ${flow.provider}=<url>.`);
    const url = new URL(base);
    const params = flow.params ?? {};
    const credentials = credentialsFor(flow.auth ?? BEARER, context.tokens[flow.provider]);
    const names = secretNames(flow.auth ?? BEARER);
    const secrets = { headers: new Set(names.headers), query: new Set(names.query), values: tokenValues };
    const endpoint = (template: RequestTemplate, stats = context.metrics.endpoint(key(flow.provider, template.operationId), template.operationId, flow.provider)): Endpoint => ({
      provider: flow.provider, request: compileRequest(template, url, params, credentials), stats, pool: pools.for(url),
      sample: { provider: flow.provider, operationId: template.operationId, origin: url.origin, secrets },
    });
    if (flow.kind === 'read') {
      return {
        kind: 'read', name: flow.name, ids: [], cursor: 0, read: endpoint(flow.read),
        seed: { ...endpoint(flow.seed.create, context.seedStats(flow.seed.create.operationId, flow.provider)), count: flow.seed.count, runId: flow.seed.runId ?? ID_IN_BODY },
      };
    }
    return {
      kind: 'create-poll',
      name: flow.name,
      statusKey: new StatusKeyEvidence(),
      runId: flow.runId ?? ID_IN_BODY,
      sync: flow.sync === true,
      tracked: {
        name: flow.name,
        lifecycle: flow.lifecycle,
        operationId: flow.poll?.operationId ?? flow.create.operationId,
        createOperationId: flow.create.operationId,
        successStatuses: new Set(flow.successStatuses ?? ['completed']),
        runTimeoutMs: flow.runTimeoutMs,
      },
      create: endpoint(flow.create),
      poll: flow.poll && { ...endpoint(flow.poll), intervalMs: context.pollIntervalMs ?? flow.poll.intervalMs, minPolls: flow.poll.minPolls ?? 0 },
      interact: flow.interact && { ...endpoint(flow.interact.request), whenStatus: flow.interact.whenStatus, max: flow.interact.maxPerRun ?? 5, answer: flow.interact.answer },
    };
  });
}

