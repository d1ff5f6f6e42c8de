import { bundledProfile } from '../../config/index.ts';
import { createHttpClient } from '../http.ts';
import { segment, type CallOptions, type ClientOptions } from '../options.ts';
import { pollUntilTerminal, type PollOptions, type PollResult } from '../poll.ts';
import type { RefactorErrorResponse, RefactorRun, RefactorRunReference, RefactorRunRequest } from './types/refactor.ts';

/** A sync run blocks until the run ends, so it gets a longer default timeout than other calls. */
export const SYNC_TIMEOUT_MS = 300_000;

/** A typed client for re-factor's runs API (`specs/refactor.openapi.yaml`). */
export interface RefactorClient {
  /** runRunnable?mode=async: starts a run and returns its id at once (202). */
  runAsync(runnableId: string, body?: RefactorRunRequest, options?: CallOptions): Promise<RefactorRunReference>;
  /** runRunnable?mode=sync: starts a run and blocks until it ends or times out (200). */
  runSync(runnableId: string, body?: RefactorRunRequest, options?: CallOptions): Promise<RefactorRun>;
  /** getRunState: reads a run. */
  getRunState(runId: string, options?: CallOptions): Promise<RefactorRun>;
  /** Polls a run until completed, failed, cancelled or timeout. */
  pollUntilTerminal(run: RefactorRun | RefactorRunReference | string, options?: PollOptions): Promise<PollResult<RefactorRun>>;
}

/** `error.code` of a re-factor error body. */
export function refactorErrorCode(body: unknown): string | undefined {
  const code = (body as Partial<RefactorErrorResponse> | undefined)?.error?.code;
  return typeof code === 'string' ? code : undefined;
}

export function createRefactorClient(options: ClientOptions): RefactorClient {
  const http = createHttpClient({ ...options, provider: 'refactor', errorCode: refactorErrorCode });
  const runPath = (runnableId: string): string => `/runnable/${segment(runnableId)}/runs`;

  const client: RefactorClient = {
    async runAsync(runnableId, body = {}, call = {}) {
      const { body: reference } = await http.call<RefactorRunReference>({
        operationId: 'runRunnable', method: 'POST', path: runPath(runnableId), query: { mode: 'async' }, body, ...call,
      }, [202]);
      return reference;
    },
    async runSync(runnableId, body = {}, call = {}) {
      const { body: run } = await http.call<RefactorRun>({
        operationId: 'runRunnable', method: 'POST', path: runPath(runnableId), query: { mode: 'sync' }, body,
        timeoutMs: SYNC_TIMEOUT_MS, ...call,
      }, [200]);
      return run;
    },
    async getRunState(runId, call = {}) {
      const { body } = await http.call<RefactorRun>({ operationId: 'getRunState', method: 'GET', path: `/run/${segment(runId)}`, ...call }, [200]);
      return body;
    },
    pollUntilTerminal(run, pollOptions = {}) {
      const runId = typeof run === 'string' ? run : run.id;
      const initial = typeof run === 'object' && 'status' in run ? run : undefined;
      return pollUntilTerminal<RefactorRun>({
        lifecycle: bundledProfile('refactor').runs[0]!.lifecycle,
        operationId: 'getRunState',
        label: `refactor run ${runId}`,
        initial,
        fetch: (signal) => client.getRunState(runId, { signal }),
        sleep: options.sleep, now: options.now, random: options.random,
      }, pollOptions);
    },
  };
  return client;
}
