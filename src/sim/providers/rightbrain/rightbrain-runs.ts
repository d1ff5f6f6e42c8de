import type { RunFate } from '../../faults/fault-plan.ts';
import { isUuid, uuidFrom } from '../../ids.ts';
import { pickWeighted } from '../../random.ts';
import type { RunStore } from '../../store.ts';
import { sampleDuration } from '../../timing/distribution.ts';
import type { ProviderSeeds } from '../runtime.ts';
import { StateError } from '../state-error.ts';
import { planAgentRun } from './agent-plan.ts';
import { AGENT_SIM_STATUSES, AgentRun, agentStatusAt, type AgentPlan, type RightbrainAgentStatus } from './agent-run.ts';
import type { RightbrainAgentScenario, RightbrainOptions, RightbrainTaskScenario } from './rightbrain-options.ts';
import { TaskRun } from './task-run.ts';

/** Where a run lives: `/org/{org_id}/project/{project_id}/...`. */
export interface RunScope {
  orgId: string;
  projectId: string;
}

/** A new task run (stored once it finishes). */
export interface NewTaskRun extends RunScope {
  taskId: string;
  revisionId: string | null;
  scenario: RightbrainTaskScenario | undefined;
  fallbackRequested: boolean;
  taskInput: Record<string, unknown>;
  fileNames: string[];
  reference: string | null;
  reportingGroup: string | null;
  fate: RunFate;
  now: number;
  id?: string;
}

/** A new task-agent run. */
export interface NewAgentRun extends RunScope {
  taskAgentId: string;
  sessionId: string | null;
  scenario: RightbrainAgentScenario | undefined;
  revisionId: string | null;
  message: string;
  fate: RunFate;
  now: number;
  id?: string;
}

/** Rough token count of a value as sent to a model (4 characters a token, plus the prompt template). */
function tokensOf(value: unknown): number {
  return 120 + Math.ceil(JSON.stringify(value).length / 4);
}

/** Creates, finds and places Rightbrain task runs and task-agent runs. */
export class RightbrainRuns {
  constructor(
    readonly tasks: RunStore<TaskRun>,
    readonly agents: RunStore<AgentRun>,
    readonly options: RightbrainOptions,
    private readonly seeds: ProviderSeeds,
    /** The statuses of the profile's agent-run lifecycle. */
    readonly agentStatuses: readonly string[],
  ) {}

  /** Draws a task run (not stored yet: Run Task stores it when the model call finishes). */
  newTaskRun(spec: NewTaskRun): TaskRun {
    const seq = this.tasks.nextSeq();
    const seed = this.seeds.runSeed('task-run', seq);
    const drawn = spec.scenario ?? (spec.fallbackRequested ? 'fallback'
      : pickWeighted(this.seeds.derive(seed, 2), this.options.outcomes.task, 'success'));
    const scenario: RightbrainTaskScenario = spec.fate.fail ? (drawn === 'fallback' ? 'fallback_error' : 'error') : drawn;
    const rng = this.seeds.derive(seed, 1);
    const id = spec.id ?? uuidFrom(rng);
    const llmMs = Math.max(1, sampleDuration(rng, this.options.timing.llm, this.options.timeScale));
    return new TaskRun(
      id, seq, seed, spec.now, spec.orgId, spec.projectId, spec.taskId, spec.revisionId, scenario, spec.fallbackRequested,
      llmMs, tokensOf(spec.taskInput), spec.taskInput, spec.fileNames, spec.reference, spec.reportingGroup,
      spec.fate.dropAfterMs === undefined ? Number.POSITIVE_INFINITY : spec.now + spec.fate.dropAfterMs,
    );
  }

  findTask(id: string, now: number): TaskRun | undefined {
    const run = this.tasks.get(id);
    if (run !== undefined && now >= run.vanishAt) {
      this.tasks.delete(id);
      return undefined;
    }
    return run;
  }

  /** Creates and stores an agent run (its stream starts at once). */
  createAgentRun(spec: NewAgentRun): AgentRun {
    const seq = this.agents.nextSeq();
    const seed = this.seeds.runSeed('agent-run', seq);
    const drawn = spec.scenario ?? pickWeighted(this.seeds.derive(seed, 2), this.options.outcomes.agent, 'completed');
    const scenario: RightbrainAgentScenario = spec.fate.stuck ? 'stuck' : spec.fate.fail ? 'failed' : drawn;
    const id = spec.id ?? uuidFrom(this.seeds.derive(seed, 1));
    const run = new AgentRun(
      id, seq, seed, spec.now, spec.orgId, spec.projectId, spec.taskAgentId, spec.sessionId, scenario, spec.revisionId,
      tokensOf(spec.message), spec.fate.dropAfterMs === undefined ? Number.POSITIVE_INFINITY : spec.now + spec.fate.dropAfterMs,
    );
    this.agents.add(run);
    return run;
  }

  findAgentRun(id: string, now: number): AgentRun | undefined {
    const run = this.agents.get(id);
    if (run !== undefined && now >= run.vanishAt) {
      this.agents.delete(id);
      return undefined;
    }
    return run;
  }

  /** The agent run's plan (a pure function of the run and the timing config). */
  plan(run: AgentRun): AgentPlan {
    return planAgentRun(run, this.seeds.scratch, this.options.timing, this.options.timeScale);
  }

  /** Stores a finished task run with the given ids (provider state). */
  placeTaskRun(params: { org_id?: string; project_id?: string; task_id?: string; task_run_id?: string; is_error?: boolean }, now: number): TaskRun {
    for (const name of ['org_id', 'project_id', 'task_id', 'task_run_id'] as const) {
      const value = params[name];
      if (value !== undefined && !isUuid(value)) throw new StateError(`${name} must be a UUID.`);
    }
    if (params.task_run_id !== undefined) this.tasks.delete(params.task_run_id);
    const run = this.newTaskRun({
      id: params.task_run_id, orgId: params.org_id ?? this.options.defaults.orgId, projectId: params.project_id ?? this.options.defaults.projectId,
      taskId: params.task_id ?? this.options.defaults.taskId, revisionId: null,
      scenario: params.is_error ? 'error' : 'success', fallbackRequested: false,
      taskInput: { text: 'Provider-state input' }, fileNames: [], reference: null, reportingGroup: null,
      fate: { stuck: false, fail: false, dropAfterMs: undefined }, now: now - 5000,
    });
    this.tasks.add(run);
    return run;
  }

  /** Stores an agent run whose plan puts it in `status` at `now` (running and waiting hold for the configured hold). */
  placeAgentRun(params: { org_id?: string; project_id?: string; task_agent_id?: string; run_id?: string; session_id?: string; status?: string }, now: number): AgentRun {
    for (const name of ['org_id', 'project_id', 'task_agent_id', 'run_id'] as const) {
      const value = params[name];
      if (value !== undefined && !isUuid(value)) throw new StateError(`${name} must be a UUID.`);
    }
    const asked = params.status ?? 'completed';
    if (!this.agentStatuses.includes(asked) || !(AGENT_SIM_STATUSES as readonly string[]).includes(asked)) {
      throw new StateError(`Unknown agent run status ${asked}; one of ${this.agentStatuses.join(', ')}.`);
    }
    const status = asked as RightbrainAgentStatus;
    if (params.run_id !== undefined) this.agents.delete(params.run_id);
    const scenario: RightbrainAgentScenario = status === 'failed' ? 'failed' : status === 'waiting_for_human' ? 'waiting_for_human' : status === 'running' ? 'stuck' : 'completed';
    const run = this.createAgentRun({
      id: params.run_id, orgId: params.org_id ?? this.options.defaults.orgId, projectId: params.project_id ?? this.options.defaults.projectId,
      taskAgentId: params.task_agent_id ?? this.options.defaults.taskAgentId, sessionId: params.session_id ?? null,
      scenario, revisionId: null, message: 'Provider-state message', fate: { stuck: false, fail: false, dropAfterMs: undefined }, now,
    });
    const plan = this.plan(run);
    if (status === 'completed' || status === 'failed') {
      // Created long enough ago that the whole plan has played out.
      const placed = new AgentRun(run.id, run.seq, run.seed, now - (plan.endAt ?? 0) - 1000, run.orgId, run.projectId, run.taskAgentId,
        run.continuedSession, run.scenario, run.revisionId, run.messageTokens, run.vanishAt);
      this.agents.add(placed);
      return placed;
    }
    if (status === 'waiting_for_human') {
      const placed = new AgentRun(run.id, run.seq, run.seed, now - (plan.waitFrom ?? 0) - 1, run.orgId, run.projectId, run.taskAgentId,
        run.continuedSession, run.scenario, run.revisionId, run.messageTokens, run.vanishAt, this.options.stateHoldMs);
      this.agents.add(placed);
      if (agentStatusAt(this.plan(placed), now - placed.createdAt) !== 'waiting_for_human') throw new StateError('Internal: placed agent run is not waiting.');
      return placed;
    }
    return run;
  }
}
