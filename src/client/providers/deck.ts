import { bundledProfile } from '../../config/index.ts';
import { ProviderError } from '../errors.ts';
import { createHttpClient } from '../http.ts';
import { segment, type CallOptions, type ClientOptions } from '../options.ts';
import { pollUntilTerminal, type PollOptions, type PollResult } from '../poll.ts';
import type {
  DeckErrorResponse, DeckInclude, DeckInteraction, DeckListTaskRunsQuery, DeckRunTaskRequest, DeckTaskRun, DeckTaskRunList,
} from './types/deck.ts';

/** Answers a run's interaction prompt: one value per `interaction.fields[].name`, or undefined to leave it unanswered. */
export type OnInteraction = (interaction: DeckInteraction, run: DeckTaskRun) => Promise<Record<string, string> | undefined> | Record<string, string> | undefined;

export interface DeckPollOptions extends PollOptions {
  /** Answers `interaction_required`; without it the poller keeps waiting (someone else may answer). */
  onInteraction?: OnInteraction;
  include?: DeckInclude[];
}

/** A typed client for Deck's v2 task-run API (`specs/deck.openapi.yaml`). */
export interface DeckClient {
  /** runTask: starts a run (201, status queued). An idempotency key makes the POST safe to retry. */
  runTask(taskId: string, body?: DeckRunTaskRequest, options?: CallOptions & { idempotencyKey?: string }): Promise<DeckTaskRun>;
  /** getTaskRun: reads a run; `include` adds the input, storage and artifacts sections. */
  getTaskRun(runId: string, options?: CallOptions & { include?: DeckInclude[] }): Promise<DeckTaskRun>;
  /** listTaskRuns: one page of runs, newest first. */
  listTaskRuns(query?: DeckListTaskRunsQuery, options?: CallOptions): Promise<DeckTaskRunList>;
  /** submitInteractionInput: answers the prompt of a run in `interaction_required`. */
  submitInteractionInput(runId: string, input: Record<string, string>, options?: CallOptions): Promise<DeckTaskRun>;
  /** cancelTaskRun: requests cancellation; the run comes back `canceling`. */
  cancelTaskRun(runId: string, options?: CallOptions): Promise<DeckTaskRun>;
  /** Polls a run until completed, failed or canceled, answering prompts through `onInteraction`. */
  pollUntilTerminal(run: DeckTaskRun | string, options?: DeckPollOptions): Promise<PollResult<DeckTaskRun>>;
}

/** `type/code` of the first error in a Deck error envelope. */
export function deckErrorCode(body: unknown): string | undefined {
  const first = (body as Partial<DeckErrorResponse> | undefined)?.errors?.[0];
  return first && typeof first.type === 'string' && typeof first.code === 'string' ? `${first.type}/${first.code}` : undefined;
}

export function createDeckClient(options: ClientOptions): DeckClient {
  const http = createHttpClient({ ...options, provider: 'deck', errorCode: deckErrorCode });

  const client: DeckClient = {
    async runTask(taskId, body = {}, { idempotencyKey, ...call } = {}) {
      const { body: run } = await http.call<DeckTaskRun>({
        operationId: 'runTask', method: 'POST', path: `/tasks/${segment(taskId)}/run`, body,
        headers: { 'idempotency-key': idempotencyKey }, idempotent: idempotencyKey !== undefined, ...call,
      }, [201]);
      return run;
    },
    async getTaskRun(runId, { include, ...call } = {}) {
      const query = include && include.length > 0 ? { include: include.join(',') } : undefined;
      const { body } = await http.call<DeckTaskRun>({ operationId: 'getTaskRun', method: 'GET', path: `/task-runs/${segment(runId)}`, query, ...call }, [200]);
      return body;
    },
    async listTaskRuns(query = {}, call = {}) {
      const { body } = await http.call<DeckTaskRunList>({ operationId: 'listTaskRuns', method: 'GET', path: '/task-runs', query: { ...query }, ...call }, [200]);
      return body;
    },
    async submitInteractionInput(runId, input, call = {}) {
      const { body } = await http.call<DeckTaskRun>({
        operationId: 'submitInteractionInput', method: 'POST', path: `/task-runs/${segment(runId)}/interaction`, body: { input }, ...call,
      }, [200]);
      return body;
    },
    async cancelTaskRun(runId, call = {}) {
      const { body } = await http.call<DeckTaskRun>({ operationId: 'cancelTaskRun', method: 'POST', path: `/task-runs/${segment(runId)}/cancel`, ...call }, [200]);
      return body;
    },
    pollUntilTerminal(run, { onInteraction, include, ...pollOptions } = {}) {
      const runId = typeof run === 'string' ? run : run.id;
      return pollUntilTerminal<DeckTaskRun>({
        lifecycle: bundledProfile('deck').runs[0]!.lifecycle,
        operationId: 'getTaskRun',
        label: `deck run ${runId}`,
        initial: typeof run === 'string' ? undefined : run,
        fetch: (signal) => client.getTaskRun(runId, { include, signal }),
        onObserved: async (current, status, signal) => {
          if (status !== 'interaction_required' || !onInteraction || !current.interaction) return undefined;
          const input = await onInteraction(current.interaction, current);
          if (input === undefined) return undefined;
          try {
            return await client.submitInteractionInput(runId, input, { signal });
          } catch (error) {
            // The run moved on before the answer arrived (409 run_not_interactive): keep polling.
            if (error instanceof ProviderError && error.status === 409) return undefined;
            throw error;
          }
        },
        sleep: options.sleep, now: options.now, random: options.random,
      }, pollOptions);
    },
  };
  return client;
}
