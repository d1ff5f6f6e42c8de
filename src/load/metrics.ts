import { createMicrosecondHistogram, recordMs, type Histogram } from './histogram.ts';

/** Counters and the latency histogram of one endpoint (operationId). Latency is measured from the request's due time. */
export class EndpointStats {
  readonly latency: Histogram = createMicrosecondHistogram();
  sent = 0;
  responses = 0;
  /** Responses with status ≥ 400 plus requests that got no response. */
  errors = 0;
  timeouts = 0;
  connectionErrors = 0;
  readonly statusCounts = new Map<number, number>();

  constructor(readonly operationId: string, readonly provider: string) {}

  recordResponse(status: number, latencyMs: number): void {
    this.responses++;
    recordMs(this.latency, latencyMs);
    this.statusCounts.set(status, (this.statusCounts.get(status) ?? 0) + 1);
    if (status >= 400) this.errors++;
  }

  recordFailure(reason: 'timeout' | 'connection'): void {
    this.errors++;
    if (reason === 'timeout') this.timeouts++;
    else this.connectionErrors++;
  }
}

/** Every histogram and counter of one load run: per endpoint, run completion, polls per run, generator lag. */
export class LoadMetrics {
  readonly endpoints = new Map<string, EndpointStats>();
  readonly runCompletion: Histogram = createMicrosecondHistogram();
  /** Plain counts, not microseconds. */
  readonly pollsPerRun: Histogram = createMicrosecondHistogram();
  readonly generatorLag: Histogram = createMicrosecondHistogram();

  /** The stats object of an endpoint (by its key in results); looked up when flows are compiled, never per request. */
  endpoint(key: string, operationId: string, provider: string): EndpointStats {
    let stats = this.endpoints.get(key);
    if (stats === undefined) {
      stats = new EndpointStats(operationId, provider);
      this.endpoints.set(key, stats);
    }
    return stats;
  }

  totals(): { sent: number; responses: number; errors: number; timeouts: number } {
    let sent = 0, responses = 0, errors = 0, timeouts = 0;
    for (const stats of this.endpoints.values()) {
      sent += stats.sent;
      responses += stats.responses;
      errors += stats.errors;
      timeouts += stats.timeouts;
    }
    return { sent, responses, errors, timeouts };
  }

  recordLag(lagMs: number): void {
    recordMs(this.generatorLag, lagMs);
  }
}
