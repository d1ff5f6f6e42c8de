import { deckLifecycle } from '../core/lifecycle/deck.ts';
import type { Lifecycle } from '../core/lifecycle/lifecycle.ts';
import { refactorLifecycle } from '../core/lifecycle/refactor.ts';
import { rightbrainAgentLifecycle, rightbrainTaskLifecycle } from '../core/lifecycle/rightbrain.ts';
import { bundledSpecPath, type ProviderName } from '../core/providers.ts';
import type { ContractMatrixCell } from '../core/summary.ts';
import { displayPath, loadSpec } from '../spec/index.ts';
import { createValidator } from '../validate/index.ts';
import { checkInteraction } from './check-spec.ts';
import { readPacts } from './pact-file.ts';
import type { InteractionResult } from './verify-results.ts';

/** How much of one operation the pacts exercise. */
export interface OperationCoverage {
  operationId: string;
  method: string;
  path: string;
  interactions: number;
  /** Documented response statuses (`200`, `4XX`, `default`), in the spec's order. */
  documented: string[];
  /** Statuses the pacts' interactions expect. */
  covered: number[];
  /** The pact interactions that exercise the operation, for linking verification results. */
  descriptions: string[];
}

/** Which statuses of one lifecycle the pacts' response bodies show. */
export interface RunStateCoverage {
  lifecycle: string;
  statuses: string[];
  covered: string[];
}

export interface ProviderCoverage {
  provider: ProviderName;
  spec: string;
  operations: OperationCoverage[];
  runStates: RunStateCoverage[];
  /** Interactions whose request matches no documented route (`GET /nowhere`). */
  unrouted: string[];
}

/** Lifecycles whose statuses a provider's response bodies carry, and which operations return which. */
const LIFECYCLES: Record<ProviderName, Array<{ lifecycle: Lifecycle; operations: RegExp }>> = {
  deck: [{ lifecycle: deckLifecycle, operations: /./ }],
  refactor: [{ lifecycle: refactorLifecycle, operations: /^(getRunState|runRunnable)$/ }],
  rightbrain: [
    { lifecycle: rightbrainTaskLifecycle, operations: /^(runTask|fetchTaskRun|listTaskRuns|listProjectTaskRuns)$/ },
    { lifecycle: rightbrainAgentLifecycle, operations: /^(getTaskAgentRun|listTaskAgentRuns)$/ },
  ],
};

/**
 * Tabulates, per provider, which operations, documented statuses and run states the pacts exercise. Only
 * successful responses count for run states; list responses count every row.
 */
export async function contractCoverage(options: { pacts: string; provider?: ProviderName; specs?: Partial<Record<ProviderName, string>> }): Promise<ProviderCoverage[]> {
  const pacts = await readPacts(options.pacts, options.provider);
  const coverage: ProviderCoverage[] = [];
  for (const provider of new Set(pacts.map((pact) => pact.provider))) {
    const file = options.specs?.[provider] ?? bundledSpecPath(provider);
    const validator = createValidator(await loadSpec(file));
    const operations = new Map<string, OperationCoverage>(validator.spec.operations.map((operation) => [operation.operationId, {
      operationId: operation.operationId, method: operation.method.toUpperCase(), path: operation.pathTemplate,
      interactions: 0, documented: Object.keys(operation.responses), covered: [], descriptions: [],
    }]));
    const seen = new Map<string, Set<string>>(LIFECYCLES[provider].map(({ lifecycle }) => [lifecycle.name, new Set<string>()]));
    const unrouted: string[] = [];
    for (const pact of pacts.filter((candidate) => candidate.provider === provider)) {
      for (const interaction of pact.interactions) {
        const check = checkInteraction(validator, provider, pact, interaction);
        const entry = check.operationId === undefined ? undefined : operations.get(check.operationId);
        if (entry === undefined) {
          unrouted.push(`${interaction.request.method} ${interaction.request.path} (${interaction.description})`);
          continue;
        }
        entry.interactions += 1;
        entry.descriptions.push(interaction.description);
        if (!entry.covered.includes(check.status)) entry.covered.push(check.status);
        if (check.status >= 300) continue;
        for (const { lifecycle, operations: pattern } of LIFECYCLES[provider]) {
          if (!pattern.test(entry.operationId)) continue;
          for (const body of runBodies(interaction.response.body?.content)) {
            const status = lifecycle.statusOf(body);
            if (status !== undefined && (lifecycle.statuses as readonly string[]).includes(status)) seen.get(lifecycle.name)!.add(status);
          }
        }
      }
    }
    coverage.push({
      provider,
      spec: displayPath(file),
      operations: [...operations.values()].map((entry) => ({ ...entry, covered: entry.covered.sort((a, b) => a - b) })),
      runStates: LIFECYCLES[provider].map(({ lifecycle }) => ({
        lifecycle: lifecycle.name,
        statuses: [...lifecycle.statuses],
        covered: lifecycle.statuses.filter((status) => seen.get(lifecycle.name)!.has(status)),
      })),
      unrouted,
    });
  }
  return coverage;
}

/** The provider × operation matrix of the run summary; with verification results, cells say pass or fail. */
export function contractMatrix(coverage: readonly ProviderCoverage[], results: readonly InteractionResult[] = []): ContractMatrixCell[] {
  return coverage.flatMap(({ provider, operations }) => operations.map((operation) => {
    const verified = results.filter((result) => result.provider === provider && operation.descriptions.includes(result.description));
    const failed = verified.some((result) => !result.ok && !result.pending);
    return {
      provider,
      operationId: operation.operationId,
      state: operation.interactions === 0 ? 'not-covered' as const : failed ? 'fail' as const : 'pass' as const,
      interactions: operation.interactions,
      statuses: operation.covered,
    };
  }));
}

/** A run body, or each row of a list (`data` for Deck, `results` for Rightbrain). */
function runBodies(body: unknown): unknown[] {
  if (typeof body !== 'object' || body === null) return [];
  const { data, results } = body as { data?: unknown; results?: unknown };
  if (Array.isArray(data)) return data;
  if (Array.isArray(results)) return results;
  return [body];
}
