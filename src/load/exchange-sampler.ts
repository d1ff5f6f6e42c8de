import { headerValue } from './response-body.ts';
import { bodyShape } from './body-shape.ts';
import { redactedExchange, type ExchangeSecrets, type SampledExchange } from './sampled-exchange.ts';

/** How many exchanges a load run keeps for `runwarden spec drift` and `runwarden validate --har`. */
export interface SampleLimits {
  /** Exchanges kept per operation × status × content type: the first ones seen. */
  perKind: number;
  /** Distinct response shapes (keys, value types, short token-like strings) recorded besides those, each its first exchange. */
  maxShapes: number;
  /** Exchanges kept in all. */
  maxExchanges: number;
  /** Bytes of request and response text kept in all. */
  maxBytes: number;
  /** A response body longer than this is not kept (a truncated JSON body would read as broken). */
  maxBodyBytes: number;
}

export const DEFAULT_SAMPLE_LIMITS: SampleLimits = { perKind: 5, maxShapes: 200, maxExchanges: 1000, maxBytes: 8 * 1024 * 1024, maxBodyBytes: 256 * 1024 };

/** What the sampler needs to know of the endpoint a response came from. */
export interface SampledEndpoint {
  provider: string;
  operationId: string;
  /** `http://127.0.0.1:4010`: the request line carries only the path. */
  origin: string;
  secrets: ExchangeSecrets;
}

/** The request as it went on the wire. */
export interface SentRequest {
  readonly buffer: Buffer;
  /** performance.now() when it was written. */
  readonly sentAt: number;
}

/**
 * Keeps a bounded sample of a load run's exchanges: the first `perKind` of each operation × status × content type,
 * and the first exchange of each new response shape among the bodies the engine parsed anyway. Credentials are
 * redacted as an exchange is kept. `offer` is called for every response: once the kind is full it costs three map
 * lookups; it never parses a body itself.
 */
export class ExchangeSampler {
  readonly exchanges: SampledExchange[] = [];
  /** Responses offered, kept or not. */
  offered = 0;
  /** Responses not kept because their body was longer than `maxBodyBytes`. */
  tooLarge = 0;
  private bytes = 0;
  private full = false;
  /** Kept per operation key, then status, then raw Content-Type. */
  private readonly kinds = new Map<string, Map<number, Map<string, number>>>();
  private readonly shapes = new Set<string>();

  constructor(readonly limits: SampleLimits = DEFAULT_SAMPLE_LIMITS) {}

  /** Called once per response, with its body when the engine has parsed it (else undefined); must stay cheap. */
  offer(endpoint: SampledEndpoint, request: SentRequest, status: number, text: string, headers: Record<string, string | string[]>, body: unknown): void {
    this.offered++;
    if (this.full) return;
    const contentType = headerValue(headers, 'content-type') ?? '';
    const kind = this.kindCounts(`${endpoint.provider}\u0000${endpoint.operationId}`, status);
    const kept = kind.get(contentType) ?? 0;
    const shape = (): string => `${endpoint.provider}\u0000${endpoint.operationId}\u0000${status}\u0000${bodyShape(body)}`;
    if (kept < this.limits.perKind) {
      if (!this.keep(endpoint, request, status, text, headers, 'first')) return;
      kind.set(contentType, kept + 1);
      // The shapes of the first few count as seen, so a later body like them is not kept again.
      if (body !== undefined && this.shapes.size < this.limits.maxShapes) this.shapes.add(shape());
      return;
    }
    if (body === undefined || this.shapes.size >= this.limits.maxShapes) return;
    const seen = shape();
    if (this.shapes.has(seen)) return;
    if (this.keep(endpoint, request, status, text, headers, 'shape')) this.shapes.add(seen);
  }

  private kindCounts(operation: string, status: number): Map<string, number> {
    let byStatus = this.kinds.get(operation);
    if (byStatus === undefined) this.kinds.set(operation, byStatus = new Map());
    let byType = byStatus.get(status);
    if (byType === undefined) byStatus.set(status, byType = new Map());
    return byType;
  }

  private keep(endpoint: SampledEndpoint, request: SentRequest, status: number, text: string, headers: Record<string, string | string[]>, why: SampledExchange['why']): boolean {
    if (text.length > this.limits.maxBodyBytes) {
      this.tooLarge++;
      return false;
    }
    const size = request.buffer.length + text.length;
    if (this.bytes + size > this.limits.maxBytes || this.exchanges.length >= this.limits.maxExchanges) {
      this.full = true;
      return false;
    }
    this.bytes += size;
    this.exchanges.push(redactedExchange(endpoint, request, status, text, headers, why));
    return true;
  }
}
