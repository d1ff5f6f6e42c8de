import { rejectInvalid, rejectUnknown } from '../../generic/engine-context.ts';
import { scenarioOf } from '../../generic/run-routes.ts';
import { documentedResponse } from '../../generic/spec-operations.ts';
import type { JsonReply, Reply } from '../../http/reply.ts';
import type { Operation } from '../../../spec/index.ts';
import type { SimExtension } from '../extension.ts';
import type { SimRequest, SimRoute } from '../provider.ts';
import { agentStreamReply, streamExample, type StreamExample } from './agent-stream.ts';
import { rightbrainStates } from './rightbrain-states.ts';

/**
 * `extension: rightbrain`, on the generic engine: the agent run's Server-Sent Events in Rightbrain's frames (the
 * spec's example stream for how the run ends, paced over its plan, the run's id in the terminal frame), and
 * projects a provider state denies (every route under them answers the spec's 403).
 */
export const rightbrainExtension: SimExtension = {
  name: 'rightbrain',
  extend(engine) {
    const entry = engine.kindOf('getTaskAgentRun', 'rightbrain');
    const { context } = engine;
    const create = entry.create.operation;
    const denied = new Set<string>();
    const streams = (documentedResponse(create, 200)?.response.content['text/event-stream']?.examples ?? [])
      .flatMap((example) => (typeof example.value === 'string' ? [streamExample(example.value, 'run_id')] : []))
      .filter((example): example is StreamExample => example !== undefined);
    const pick = (terminal: string) => streams.find((stream) => stream.frames.at(-1)!.includes(`"${terminal === 'completed' ? 'done' : 'error'}"`));
    const runTaskAgent = (request: SimRequest): Reply => {
      const rejected = rejectInvalid(context, create, request) ?? rejectUnknown(context, create, request);
      if (rejected) return rejected;
      const run = entry.runs.create(request.now, request.runFate(), scenarioOf(context, request));
      return agentStreamReply(context, entry, run, 200, pick);
    };
    /** The spec's 403 with the reason Rightbrain gives a missing permission (its first 403 example is another). */
    const forbidden = (operation: Operation, projectId: string): JsonReply => {
      const reply = context.errors.reply(operation, 403, `Permission check failed: the API client lacks the required permission on project ${projectId}.`);
      const detail = (reply.body as { detail?: Record<string, unknown> } | undefined)?.detail;
      if (detail && typeof detail.reason === 'string') detail.reason = 'PERMISSION_CHECK_FAILED';
      return reply;
    };
    /** Every route under a denied project answers the operation's 403 before anything else. */
    const guarded = (operationId: string, handle: SimRoute['handle']): SimRoute['handle'] => {
      const operation = engine.operation(operationId);
      return (request) => (denied.size > 0 && denied.has(request.params.project_id ?? '') ? forbidden(operation, request.params.project_id!) : handle(request));
    };
    const routes = Object.fromEntries(engine.operationIds.map((operationId) => [operationId,
      guarded(operationId, operationId === create.operationId ? runTaskAgent : engine.handler(operationId))]));
    return { routes, states: rightbrainStates(engine, { deny: (projectId) => denied.add(projectId) }), reset: () => denied.clear() };
  },
};
