import { rejectInvalid, rejectUnknown } from '../../generic/engine-context.ts';
import { runReply, scenarioOf, syncAnswer } from '../../generic/run-routes.ts';
import type { SimExtension } from '../extension.ts';
import type { SimRequest } from '../provider.ts';
import { stringOptions } from '../extension-options.ts';
import { refactorStates } from './refactor-pact-states.ts';

/**
 * `extension: refactor`, on the generic engine: `runRunnable?mode=sync` blocks until the run ends and answers the
 * spec's 200 with the run (`mode=async` is the profile's create, answered 202), a body's `timeout_seconds` ends a
 * run still going then in the `timeout` state, and re-factor's pacts name their provider states in its words.
 */
export const refactorExtension: SimExtension = {
  name: 'refactor',
  extend(engine) {
    const { timeoutState } = stringOptions(engine.profile, 'refactor', { timeoutState: 'timeout' });
    const create = 'runRunnable';
    const entry = engine.kindOf(create, 'refactor');
    const { context } = engine;
    const operation = entry.create.operation;
    const syncTemplate = engine.runTemplate(entry, create, 200);
    const runRunnable = (request: SimRequest) => {
      const rejected = rejectInvalid(context, operation, request) ?? rejectUnknown(context, operation, request);
      if (rejected) return rejected;
      const run = entry.runs.create(request.now, request.runFate(), scenarioOf(context, request));
      const timeoutSeconds = timeoutOf(request.body);
      if (timeoutSeconds > 0) entry.runs.endBy(run, timeoutSeconds * 1000, timeoutState);
      if (request.query().get('mode') === 'sync') return syncAnswer(context, entry, run, request, syncTemplate);
      return runReply(entry.create.template, run, entry.runs.stepOf(run, request.now), request);
    };
    return { routes: { [create]: runRunnable }, states: refactorStates(engine) };
  },
};

/** `timeout_seconds` of a RunRequest: whole seconds ≥ 1, else no timeout (null or below 1 means none). */
function timeoutOf(body: unknown): number {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).timeout_seconds : undefined;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : 0;
}
