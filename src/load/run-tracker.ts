import { checkLifecycle, isTerminal, type Lifecycle, type Observation } from '../core/lifecycle/index.ts';
import type { Violation } from '../core/violation.ts';
import { recordMs } from './histogram.ts';
import type { LoadMetrics } from './metrics.ts';
import { ViolationLog } from './violation-log.ts';

/** What the tracker needs to know about a run's flow. */
export interface TrackedFlow {
  name: string;
  lifecycle: Lifecycle;
  /** Lifecycle violations are reported against this operation (the poll, or the create for synchronous flows). */
  operationId: string;
  /** The create's operation, which findings about its answer name. */
  createOperationId: string;
  successStatuses: ReadonlySet<string>;
  runTimeoutMs: number;
}

/** `unfinished`: a synchronous create answered with a run that had not ended, and nothing polls it (a finding, not a loss). */
export type RunOutcome = 'pending' | 'completed' | 'failed' | 'lost' | 'create-failed' | 'unfinished';

/** One run: from its create request until it is seen terminal, lost, or the test ends. */
export interface RunState {
  readonly flow: TrackedFlow;
  /** performance.now() when the create was due. */
  readonly createdAt: number;
  readonly deadline: number;
  id: string | undefined;
  polls: number;
  wastedPolls: number;
  interactions: number;
  lastStatus: string | undefined;
  /** Only responses that changed the status are kept: enough for the lifecycle check, flat in memory. */
  readonly observations: Observation[];
  outcome: RunOutcome;
  /** performance.now() when a terminal status was first seen. */
  terminalAt: number | undefined;
  /** A poll was sent at or past the deadline: its answer, whatever it is, is the run's last chance to be seen ended. */
  polledPastDeadline: boolean;
}

/** Counts runs by outcome, records completion latency and polls per run, and checks each run's lifecycle. */
export class RunTracker {
  created = 0;
  completed = 0;
  failed = 0;
  createFailed = 0;
  unfinished = 0;
  polls = 0;
  wastedPolls = 0;
  readonly lostIds: string[] = [];
  readonly terminalStatuses = new Map<string, number>();
  readonly lifecycleViolations = new ViolationLog();
  private readonly pending = new Set<RunState>();

  constructor(private readonly metrics: LoadMetrics) {}

  get inFlight(): number {
    return this.pending.size;
  }

  begin(flow: TrackedFlow, createdAt: number): RunState {
    const run: RunState = {
      flow, createdAt, deadline: createdAt + flow.runTimeoutMs, id: undefined,
      polls: 0, wastedPolls: 0, interactions: 0, lastStatus: undefined, observations: [], outcome: 'pending', terminalAt: undefined, polledPastDeadline: false,
    };
    this.pending.add(run);
    return run;
  }

  /** The create succeeded and named the run. */
  identify(run: RunState, id: string): void {
    run.id = id;
    this.created++;
  }

  createFailedFor(run: RunState): void {
    this.settle(run, 'create-failed');
    this.createFailed++;
  }

  /** Notes a response body about the run; returns its status, or undefined when the body carries none. */
  observe(run: RunState, body: unknown): string | undefined {
    const status = run.flow.lifecycle.statusOf(body);
    if (status !== undefined && status !== run.lastStatus) {
      run.observations.push({ body, observedAt: Date.now() });
      run.lastStatus = status;
    }
    return status;
  }

  /** Counts a poll; it is wasted when it taught nothing new (same status, no status, or no response). */
  countPoll(run: RunState, wasted: boolean): void {
    run.polls++;
    this.polls++;
    if (wasted) {
      run.wastedPolls++;
      this.wastedPolls++;
    }
  }

  isTerminal(run: RunState, status: string | undefined): boolean {
    return status !== undefined && isTerminal(run.flow.lifecycle, status);
  }

  /** The run is done with a terminal status: record its completion latency (to the first terminal sighting) and verdict. */
  finish(run: RunState, status: string): void {
    if (run.outcome !== 'pending' || run.terminalAt === undefined) return;
    const success = run.flow.successStatuses.has(status);
    this.settle(run, success ? 'completed' : 'failed');
    if (success) this.completed++;
    else this.failed++;
    this.terminalStatuses.set(status, (this.terminalStatuses.get(status) ?? 0) + 1);
    recordMs(this.metrics.runCompletion, run.terminalAt - run.createdAt);
    this.metrics.pollsPerRun.recordValue(run.polls);
  }

  /** A synchronous create answered with `status`, which is not terminal: a finding on the run, which goes on. */
  syncNotTerminal(run: RunState, status: string | undefined): void {
    const terminal = run.flow.lifecycle.terminal;
    const violation: Violation = {
      operationId: run.flow.createOperationId, where: 'lifecycle', part: 'run', code: 'SYNC_NOT_TERMINAL',
      message: `sync answer not terminal: run ${run.id ?? '(unnamed)'}\nReceived: ${status ?? '(no status)'}\nDocumented: ${terminal.join(', ')} (the create answers with the finished run)`,
      received: status, documented: [...terminal],
    };
    this.lifecycleViolations.add([violation]);
  }

  /** A synchronous run whose answer was not terminal and that nothing polls: over, with its finding, not lost. */
  leaveUnfinished(run: RunState): void {
    if (run.outcome !== 'pending') return;
    this.settle(run, 'unfinished');
    this.unfinished++;
  }

  /** The run's deadline passed without a terminal status. */
  lose(run: RunState): void {
    if (run.outcome !== 'pending') return;
    this.settle(run, 'lost');
    this.lostIds.push(run.id ?? '(unnamed)');
  }

  /** At the end of the test: runs past their deadline are lost; the rest are still in flight. Returns those. */
  close(now: number): RunState[] {
    for (const run of [...this.pending]) {
      if (run.id !== undefined && now >= run.deadline) this.lose(run);
    }
    const inFlight = [...this.pending];
    for (const run of inFlight) this.lifecycleViolations.add(lifecycleFindings(run));
    return inFlight;
  }

  private settle(run: RunState, outcome: RunOutcome): void {
    run.outcome = outcome;
    this.pending.delete(run);
    if (run.observations.length > 0) {
      this.lifecycleViolations.add(lifecycleFindings(run));
    }
  }
}

/** A run's lifecycle findings, each naming the run so a report says which one broke which rule. */
function lifecycleFindings(run: RunState): Violation[] {
  return checkLifecycle(run.flow.lifecycle, run.flow.operationId, run.observations)
    .map((violation) => ({ ...violation, message: `run ${run.id ?? '(unnamed)'}: ${violation.message}` }));
}
