import { renderGateTable } from './gates.ts';
import type { LoadResult } from './result.ts';

/** A short human summary of a result: per-endpoint latency, runs, violations, and the gate table. */
export function renderSummary(result: LoadResult): string {
  const lines: string[] = [];
  const { requests, runs } = result;
  lines.push(`${result.scenario}: ${requests.responses} responses, ${requests.ratePerSecond} req/s, ${requests.errors} errors (${(requests.errorRate * 100).toFixed(2)}%), ${requests.timeouts} timeouts${result.aborted ? '  [aborted: partial results]' : ''}`);
  lines.push('endpoint                        req/s     p50      p90      p99      p99.9    max      status');
  for (const [key, endpoint] of Object.entries(result.endpoints)) {
    if (endpoint.sent === 0) continue;
    const l = endpoint.latencyMs;
    const cell = (ms: number): string => `${ms.toFixed(2)}`.padStart(8);
    const statuses = Object.entries(endpoint.statusCounts).map(([status, count]) => `${status}×${count}`).join(' ');
    lines.push(`${key.padEnd(28)} ${String(endpoint.ratePerSecond).padStart(8)} ${cell(l.p50)} ${cell(l.p90)} ${cell(l.p99)} ${cell(l.p99_9)} ${cell(l.max)}  ${statuses}`);
  }
  if (runs.created + runs.createFailed > 0) {
    const c = runs.completionMs;
    lines.push(`runs: ${runs.created} created, ${runs.completed} completed, ${runs.failed} failed, ${runs.createFailed} refused, ${runs.lost} lost,${runs.unfinished > 0 ? ` ${runs.unfinished} unfinished,` : ''} ${runs.inFlight} in flight; completion p50 ${c.p50} ms, p95 ${c.p95} ms, max ${c.max} ms; polls ${runs.polls.total} (${runs.polls.wasted} wasted, p50 ${runs.polls.perRun.p50}/run)`);
    if (runs.lost > 0) lines.push(`lost runs: ${runs.lostIds.slice(0, 20).join(', ')}${runs.lost > 20 ? ` … (+${runs.lost - 20}, all in the JSON)` : ''}`);
  }
  const v = result.violations;
  lines.push(`violations: ${v.contract} contract (${v.sampledResponses} responses checked${v.validateEvery ? `, 1 in ${v.validateEvery}` : ', validation off'}), ${v.lifecycle} lifecycle`);
  for (const [key, count] of Object.entries(v.byCode)) lines.push(`  ${key} ×${count}`);
  if (result.generator.arrivals > 0 && result.model.kind === 'open') lines.push(`generator lag: p99 ${result.generator.lagMs.p99} ms, max ${result.generator.lagMs.max} ms over ${result.generator.arrivals} arrivals`);
  const text = `${lines.join('\n')}\n`;
  return result.gates.length > 0 ? `${text}\n${renderGateTable(result.gates)}` : text;
}
