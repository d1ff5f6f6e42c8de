import { RunwardenError } from '../../core/errors.ts';
import { bundledProfile } from '../../config/index.ts';
import { createHttpClient } from '../http.ts';
import { segment, type CallOptions, type ClientOptions } from '../options.ts';
import { pollUntilTerminal, type PollOptions, type PollResult } from '../poll.ts';
import { parseEventStream } from '../sse.ts';
import type {
  RightbrainAgentEvent, RightbrainAgentStream, RightbrainListTaskAgentRunsQuery, RightbrainListTaskRunsQuery, RightbrainPage,
  RightbrainRunTaskAgentRequest, RightbrainRunTaskQuery, RightbrainRunTaskRequest, RightbrainTaskAgentRun, RightbrainTaskRun,
} from './types/rightbrain.ts';

/** Run Task is synchronous and waits for the model, so it gets a longer default timeout than other calls. */
export const RUN_TIMEOUT_MS = 300_000;

export interface RightbrainClientOptions extends ClientOptions {
  /** Organization and project of every path (Rightbrain takes them from the URL, not the token). */
  orgId: string;
  projectId: string;
}

/** A typed client for Rightbrain's task and task-agent runs (`specs/rightbrain.openapi.yaml`). */
export interface RightbrainClient {
  /** runTask: runs a task synchronously and returns the finished run (`is_error` marks failure). */
  runTask(taskId: string, body: RightbrainRunTaskRequest, query?: RightbrainRunTaskQuery, options?: CallOptions): Promise<RightbrainTaskRun>;
  /** fetchTaskRun: reads a task run back. */
  fetchTaskRun(taskId: string, taskRunId: string, options?: CallOptions): Promise<RightbrainTaskRun>;
  /** Runs a task, then fetches the run it created: the two must agree (the caller compares). */
  runTaskThenFetch(taskId: string, body: RightbrainRunTaskRequest, query?: RightbrainRunTaskQuery, options?: CallOptions): Promise<{ run: RightbrainTaskRun; fetched: RightbrainTaskRun }>;
  /** listTaskRuns: one page of a task's runs. */
  listTaskRuns(taskId: string, query?: RightbrainListTaskRunsQuery, options?: CallOptions): Promise<RightbrainPage<RightbrainTaskRun>>;
  /** listProjectTaskRuns: one page of the project's task runs. */
  listProjectTaskRuns(query?: Pick<RightbrainListTaskRunsQuery, 'page_limit' | 'cursor'>, options?: CallOptions): Promise<RightbrainPage<RightbrainTaskRun>>;
  /** runTaskAgent: runs an agent and reads its event stream to the end. */
  runTaskAgent(taskAgentId: string, body: RightbrainRunTaskAgentRequest, query?: { revision_id?: string }, options?: CallOptions): Promise<RightbrainAgentStream>;
  /** getTaskAgentRun: reads an agent run. */
  getTaskAgentRun(taskAgentId: string, runId: string, options?: CallOptions): Promise<RightbrainTaskAgentRun>;
  /** listTaskAgentRuns: one page of an agent's runs. */
  listTaskAgentRuns(taskAgentId: string, query?: RightbrainListTaskAgentRunsQuery, options?: CallOptions): Promise<RightbrainPage<RightbrainTaskAgentRun>>;
  /** Polls an agent run until completed or failed. */
  pollUntilTerminal(taskAgentId: string, run: RightbrainTaskAgentRun | string, options?: PollOptions): Promise<PollResult<RightbrainTaskAgentRun>>;
}

/** `detail.reason` of an application error, `HTTP_401` for the gateway's 401, `VALIDATION_ERROR` for a 422. */
export function rightbrainErrorCode(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { detail, error } = body as { detail?: unknown; error?: { code?: unknown } };
  if (Array.isArray(detail)) return 'VALIDATION_ERROR';
  const reason = (detail as { reason?: unknown } | undefined)?.reason;
  if (typeof reason === 'string') return reason;
  return typeof error?.code === 'number' ? `HTTP_${error.code}` : undefined;
}

/** Reads the agent events out of an event stream body; a data line that is not a JSON object is a provider error. */
export function readAgentStream(text: string): RightbrainAgentStream {
  const events: RightbrainAgentEvent[] = [];
  for (const { data } of parseEventStream(text)) {
    let event: unknown;
    try {
      event = JSON.parse(data);
    } catch {
      throw new RunwardenError('REMOTE_REFUSED', `rightbrain runTaskAgent: an event is not JSON\nReceived: ${data.slice(0, 120)}`);
    }
    if (typeof event !== 'object' || event === null || typeof (event as { event_type?: unknown }).event_type !== 'string') {
      throw new RunwardenError('REMOTE_REFUSED', `rightbrain runTaskAgent: an event has no event_type\nReceived: ${data.slice(0, 120)}`);
    }
    events.push(event as RightbrainAgentEvent);
  }
  const metadata = (key: string): string | undefined => {
    for (const event of [...events].reverse()) {
      const value = event.metadata?.[key];
      if (typeof value === 'string') return value;
    }
    return undefined;
  };
  const terminal = events.findLast((event) => event.event_type === 'done' || event.event_type === 'error');
  return {
    events,
    sessionId: metadata('session_id'),
    runId: metadata('run_id'),
    outcome: terminal?.event_type as 'done' | 'error' | undefined,
    text: events.filter((event) => event.event_type === 'text_chunk').map((event) => String(event.data?.text ?? '')).join(''),
  };
}

export function createRightbrainClient(options: RightbrainClientOptions): RightbrainClient {
  const http = createHttpClient({ ...options, provider: 'rightbrain', errorCode: rightbrainErrorCode });
  const project = `/org/${segment(options.orgId)}/project/${segment(options.projectId)}`;
  const task = (taskId: string): string => `${project}/task/${segment(taskId)}`;
  const agent = (taskAgentId: string): string => `${project}/task-agent/${segment(taskAgentId)}`;
  const query = <T extends object>(value: T | undefined): Record<string, string | number | boolean | undefined> => ({ ...value }) as Record<string, string | number | boolean | undefined>;

  const client: RightbrainClient = {
    async runTask(taskId, body, runQuery, call = {}) {
      const { body: run } = await http.call<RightbrainTaskRun>({
        operationId: 'runTask', method: 'POST', path: `${task(taskId)}/run`, query: query(runQuery), body, timeoutMs: RUN_TIMEOUT_MS, ...call,
      }, [200]);
      return run;
    },
    async fetchTaskRun(taskId, taskRunId, call = {}) {
      const { body } = await http.call<RightbrainTaskRun>({ operationId: 'fetchTaskRun', method: 'GET', path: `${task(taskId)}/run/${segment(taskRunId)}`, ...call }, [200]);
      return body;
    },
    async runTaskThenFetch(taskId, body, runQuery, call = {}) {
      const run = await client.runTask(taskId, body, runQuery, call);
      const fetched = await client.fetchTaskRun(taskId, run.id, { signal: call.signal });
      return { run, fetched };
    },
    async listTaskRuns(taskId, listQuery, call = {}) {
      const { body } = await http.call<RightbrainPage<RightbrainTaskRun>>({ operationId: 'listTaskRuns', method: 'GET', path: `${task(taskId)}/run`, query: query(listQuery), ...call }, [200]);
      return body;
    },
    async listProjectTaskRuns(listQuery, call = {}) {
      const { body } = await http.call<RightbrainPage<RightbrainTaskRun>>({ operationId: 'listProjectTaskRuns', method: 'GET', path: `${project}/task_run`, query: query(listQuery), ...call }, [200]);
      return body;
    },
    async runTaskAgent(taskAgentId, body, runQuery, call = {}) {
      const { body: text } = await http.call<unknown>({
        operationId: 'runTaskAgent', method: 'POST', path: `${agent(taskAgentId)}/run`, query: query(runQuery), body,
        accept: 'text/event-stream', timeoutMs: RUN_TIMEOUT_MS, ...call,
      }, [200]);
      return readAgentStream(typeof text === 'string' ? text : '');
    },
    async getTaskAgentRun(taskAgentId, runId, call = {}) {
      const { body } = await http.call<RightbrainTaskAgentRun>({ operationId: 'getTaskAgentRun', method: 'GET', path: `${agent(taskAgentId)}/run/${segment(runId)}`, ...call }, [200]);
      return body;
    },
    async listTaskAgentRuns(taskAgentId, listQuery, call = {}) {
      const { body } = await http.call<RightbrainPage<RightbrainTaskAgentRun>>({ operationId: 'listTaskAgentRuns', method: 'GET', path: `${agent(taskAgentId)}/run`, query: query(listQuery), ...call }, [200]);
      return body;
    },
    pollUntilTerminal(taskAgentId, run, pollOptions = {}) {
      const runId = typeof run === 'string' ? run : run.id;
      return pollUntilTerminal<RightbrainTaskAgentRun>({
        lifecycle: bundledProfile('rightbrain').runs[1]!.lifecycle,
        operationId: 'getTaskAgentRun',
        label: `rightbrain agent run ${runId}`,
        initial: typeof run === 'string' ? undefined : run,
        fetch: (signal) => client.getTaskAgentRun(taskAgentId, runId, { signal }),
        sleep: options.sleep, now: options.now, random: options.random,
      }, pollOptions);
    },
  };
  return client;
}
