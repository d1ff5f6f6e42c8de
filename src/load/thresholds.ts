import { RunwardenError } from '../core/errors.ts';

/** SLO limits for one endpoint (by operationId), in milliseconds of HTTP latency. */
export interface EndpointThresholds {
  p50Ms?: number;
  p90Ms?: number;
  p99Ms?: number;
}

/**
 * Service-level gates, as data: in a scenario or a JSON config file. A run passes when every limit given holds.
 * `p99Ms` at the top applies to every endpoint without its own.
 */
export interface Thresholds {
  p99Ms?: number;
  endpoints?: Readonly<Record<string, EndpointThresholds>>;
  /** Run completion (creation → terminal observed), 95th percentile. */
  runP95Ms?: number;
  /** Failed requests (no response, or status ≥ 400) over requests sent. */
  maxErrorRate?: number;
  /** Runs that ended in a failure terminal state (the profile's `failure`), over runs that ended. */
  maxFailedRunRate?: number;
  maxLostRuns?: number;
  /** Contract plus lifecycle violations. */
  maxViolations?: number;
  /** Open model: how far behind schedule arrivals may fall (99th percentile). */
  maxGeneratorLagMs?: number;
}

const LIMITS = ['p99Ms', 'runP95Ms', 'maxErrorRate', 'maxFailedRunRate', 'maxLostRuns', 'maxViolations', 'maxGeneratorLagMs'] as const;
/** Limits that are shares, from 0 to 1. */
const RATIOS: readonly string[] = ['maxErrorRate', 'maxFailedRunRate'];
const ENDPOINT_LIMITS = ['p50Ms', 'p90Ms', 'p99Ms'] as const;

/** Everything wrong with a thresholds object of unknown origin, as sentences. */
export function thresholdProblems(value: unknown, where = 'thresholds'): string[] {
  if (!isRecord(value)) return [`${where} must be an object`];
  const problems: string[] = [];
  for (const [key, limit] of Object.entries(value)) {
    if (key === 'endpoints') {
      if (!isRecord(limit)) {
        problems.push(`${where}.endpoints must be an object keyed by operationId`);
        continue;
      }
      for (const [operationId, endpoint] of Object.entries(limit)) {
        if (!isRecord(endpoint)) {
          problems.push(`${where}.endpoints.${operationId} must be an object`);
          continue;
        }
        for (const [name, ms] of Object.entries(endpoint)) {
          if (!(ENDPOINT_LIMITS as readonly string[]).includes(name)) problems.push(`${where}.endpoints.${operationId}.${name} is not a threshold (known: ${ENDPOINT_LIMITS.join(', ')})`);
          else if (!isLimit(ms)) problems.push(`${where}.endpoints.${operationId}.${name} must be a number ≥ 0 (received ${JSON.stringify(ms)})`);
        }
      }
    } else if (!(LIMITS as readonly string[]).includes(key)) {
      problems.push(`${where}.${key} is not a threshold (known: ${[...LIMITS, 'endpoints'].join(', ')})`);
    } else if (!isLimit(limit) || (RATIOS.includes(key) && limit > 1)) {
      problems.push(`${where}.${key} must be a number ≥ 0${RATIOS.includes(key) ? ' and ≤ 1' : ''} (received ${JSON.stringify(limit)})`);
    }
  }
  return problems;
}

/** Parses thresholds from a config file's JSON, reporting every problem at once. */
export function parseThresholds(value: unknown, source: string): Thresholds {
  const problems = thresholdProblems(value);
  if (problems.length > 0) {
    throw new RunwardenError('CONFIG_INVALID', `invalid thresholds in ${source}:\n  ${problems.join('\n  ')}`, 'Thresholds look like {"p99Ms": 500, "maxErrorRate": 0.01, "endpoints": {"getTaskRun": {"p99Ms": 50}}}.');
  }
  return value as Thresholds;
}

/** Overlays `over` on `base`; endpoint limits merge per operation. */
export function mergeThresholds(base: Thresholds | undefined, over: Thresholds | undefined): Thresholds {
  const endpoints: Record<string, EndpointThresholds> = { ...base?.endpoints };
  for (const [operationId, limits] of Object.entries(over?.endpoints ?? {})) endpoints[operationId] = { ...endpoints[operationId], ...limits };
  const merged: Thresholds = { ...base, ...over };
  if (Object.keys(endpoints).length > 0) merged.endpoints = endpoints;
  return merged;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLimit(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
