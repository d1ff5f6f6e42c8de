import type { Lifecycle } from '../core/lifecycle/lifecycle.ts';
import { runKindOf } from '../core/profile/index.ts';
import type { ContractMatrixCell } from '../core/summary.ts';
import { displayPath, loadSpec } from '../spec/index.ts';
import { createValidator } from '../validate/index.ts';
import { checkInteraction } from './check-spec.ts';
import { selectPacts, type PactSelection } from './pact-selection.ts';
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

/** Which states of one kind of run the pacts' response bodies show. */
export interface RunStateCoverage {
  /** The run kind's name in the profile (`task-run`). */
  run: string;
  /** The lifecycle's name: `<provider>.<run>`, e.g. `jobs.job`. */
  lifecycle: string;
  statuses: string[];
  covered: string[];
}

export interface ProviderCoverage {
  provider: string;
  spec: string;
  operations: OperationCoverage[];
  runStates: RunStateCoverage[];
  /** Interactions whose request matches no documented route (`GET /nowhere`). */
  unrouted: string[];
}

export interface CoverageOptions extends PactSelection {
  /** Spec file per provider, in place of its profile's `spec` (`--spec`). */
  specs?: Readonly<Record<string, string>>;
}

/**
 * Tabulates, per selected provider (those without pacts too: nothing covered), which operations, documented
 * statuses and run states the pacts exercise. Run states come from the profile's runs: an operation that
 * creates, polls, cancels or also returns a kind of run shows that run's states (`runKindOf`, its lifecycle's
 * `statusOf`). Only successful responses count for run states; list responses count every row.
 */
export async function contractCoverage(options: CoverageOptions): Promise<ProviderCoverage[]> {
  const { pacts } = await selectPacts(options);
  const coverage: ProviderCoverage[] = [];
  for (const profile of options.profiles) {
    const file = options.specs?.[profile.name] ?? profile.spec;
    const validator = createValidator(await loadSpec(file));
    const operations = new Map<string, OperationCoverage>(validator.spec.operations.map((operation) => [operation.operationId, {
      operationId: operation.operationId, method: operation.method.toUpperCase(), path: operation.pathTemplate,
      interactions: 0, documented: Object.keys(operation.responses), covered: [], descriptions: [],
    }]));
    const seen = new Map<string, Set<string>>(profile.runs.map((run) => [run.name, new Set<string>()]));
    const unrouted: string[] = [];
    for (const pact of pacts.filter((candidate) => candidate.profile === profile)) {
      for (const interaction of pact.interactions) {
        const check = checkInteraction(validator, profile.name, pact, interaction);
        const entry = check.operationId === undefined ? undefined : operations.get(check.operationId);
        if (entry === undefined) {
          unrouted.push(`${interaction.request.method} ${interaction.request.path} (${interaction.description})`);
          continue;
        }
        entry.interactions += 1;
        entry.descriptions.push(interaction.description);
        if (!entry.covered.includes(check.status)) entry.covered.push(check.status);
        const run = check.status < 300 ? runKindOf(profile, entry.operationId) : undefined;
        if (run === undefined) continue;
        for (const body of runBodies(run.lifecycle, interaction.response.body?.content)) {
          const status = run.lifecycle.statusOf(body);
          if (status !== undefined && run.lifecycle.statuses.includes(status)) seen.get(run.name)!.add(status);
        }
      }
    }
    coverage.push({
      provider: profile.name,
      spec: displayPath(file),
      operations: [...operations.values()].map((entry) => ({ ...entry, covered: entry.covered.sort((a, b) => a - b) })),
      runStates: profile.runs.map((run) => {
        const statuses = flowOrder(run.lifecycle);
        return { run: run.name, lifecycle: run.lifecycle.name, statuses, covered: statuses.filter((status) => seen.get(run.name)!.has(status)) };
      }),
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

/** A lifecycle's statuses as a reader expects them: the non-terminal ones from the initial states on, then the terminal ones. */
function flowOrder(lifecycle: Lifecycle): string[] {
  const terminal = new Set<string>(lifecycle.terminal);
  const order: string[] = [];
  const queue = [...lifecycle.initial];
  while (queue.length > 0) {
    const status = queue.shift()!;
    if (order.includes(status) || terminal.has(status)) continue;
    order.push(status);
    queue.push(...((lifecycle.transitions as Record<string, readonly string[]>)[status] ?? []));
  }
  const rest = lifecycle.statuses.filter((status) => !order.includes(status) && !terminal.has(status));
  return [...order, ...rest, ...lifecycle.terminal];
}

/**
 * The runs in a response body: the body itself when it carries a status, else the rows of a list (a top-level
 * array, or the arrays among its top-level fields, e.g. `data` or `results`).
 */
function runBodies(lifecycle: Lifecycle, body: unknown): unknown[] {
  if (typeof body !== 'object' || body === null) return [];
  if (Array.isArray(body)) return body;
  if (lifecycle.statusOf(body) !== undefined) return [body];
  return Object.values(body).filter(Array.isArray).flat();
}
