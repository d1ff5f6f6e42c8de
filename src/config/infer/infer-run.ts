import type { LoadedSpec, Operation, SchemaObject } from '../../spec/index.ts';
import { createBody, createValues, parameterValue, type ValueGuess } from './call-values.ts';
import type { RunPair } from './find-runs.ts';
import { inferLifecycle } from './infer-lifecycle.ts';
import { describeOperation, jsonSchemaOf, pathParams, readResponseOf, successStatuses } from './operation-facts.ts';
import type { DraftRun, InferenceNote } from './profile-draft.ts';
import { findAlsoReturnedBy, findCancel } from './related-operations.ts';
import { findRunId } from './run-id.ts';
import { sameSchema } from './schema-walk.ts';
import { findStatusField } from './status-field.ts';

/** One run kind inferred from a create/poll pair, or why it could not be. */
export type RunInference = { run: DraftRun; notes: InferenceNote[] } | { missing: string };

/** Operations every run kind of the spec names as its create, poll or cancel: not listed in `alsoReturnedBy`. */
export function namedOperations(spec: LoadedSpec, pairs: readonly RunPair[]): Set<string> {
  return new Set(pairs.flatMap((pair) => [pair.create.operationId, pair.poll.operationId, findCancel(spec, pair.poll, pair.runIdParam)?.operation.operationId ?? '']));
}

/** Builds the run kind `name` from a pair: calls, run id, lifecycle, cancel, related operations; each with its note. */
export function inferRun(spec: LoadedSpec, pair: RunPair, name: string, named: ReadonlySet<string>): RunInference {
  const { create, poll, runIdParam, runSchema } = pair;
  const examples = readResponseOf(poll)?.response ? Object.values(readResponseOf(poll)!.response.content).flatMap((media) => media.examples.map((example) => example.value)) : [];
  const status = findStatusField(runSchema, examples);
  if (!status) return { missing: `${describeOperation(poll)} returns no status field (an enum such as status/state/phase) and no error flag (is_error)` };
  const notes: InferenceNote[] = [];
  const note = (item: string, at: readonly string[], confidence: InferenceNote['confidence'], reason: string, check?: string): void => {
    notes.push({ run: name, item, confidence, reason, ...(check ? { check } : {}), at: ['runs', name, ...at] });
  };
  const runId = findRunId(create, runIdParam) ?? { runId: { body: '/id' }, status: successStatuses(create)[0] ?? '200', confidence: 'low' as const, reason: 'no id field or Location header found: /id is a guess' };
  note('create', ['create'], pair.confidence, `${describeOperation(create)}, read from its ${runId.status} answer`);
  const cancel = findCancel(spec, poll, runIdParam);
  const { lifecycle, sync, notes: lifecycleNotes } = inferLifecycle(status, create, runSchema, cancel !== undefined);
  for (const item of lifecycleNotes) note(item.item, item.at, item.confidence, item.reason, item.check);
  const values = createValues(create);
  const bodyGuess = createBody(create);
  const also = findAlsoReturnedBy(spec, runSchema, named);
  const placeholders = Object.entries({ ...values.params, ...values.query, ...values.headers }).filter(([, value]) => value.source === 'placeholder').map(([key]) => key);
  const run: DraftRun = {
    create: {
      operationId: create.operationId,
      ...nonEmpty('params', values.params),
      ...nonEmpty('query', values.query),
      ...nonEmpty('headers', values.headers),
      ...(bodyGuess ? { body: bodyGuess.body } : {}),
      runId: runId.runId,
      ...(sync ? { sync: true } : {}),
    },
    poll: { operationId: poll.operationId, ...otherParams(poll, runIdParam, values.params), runIdParam },
    ...(cancel ? { cancel: { operationId: cancel.operation.operationId, ...otherParams(cancel.operation, cancel.runIdParam, values.params), runIdParam: cancel.runIdParam } } : {}),
    ...(also.length > 0 ? { alsoReturnedBy: also } : {}),
    lifecycle,
  };
  if (Object.keys(values.params).length > 0) {
    note('params', ['create', 'params'], placeholders.length > 0 ? 'low' : 'medium', 'path parameters of the create, from the spec\'s examples',
      placeholders.length > 0 ? `replace the placeholder${placeholders.length > 1 ? 's' : ''} for ${placeholders.join(', ')} with real values` : 'use ids that exist in your account when testing the real API');
  }
  if (Object.keys(values.query).length > 0) note('query', ['create', 'query'], 'medium', `required query parameters: ${Object.entries(values.query).map(([key, value]) => `${key}=${value.value} (${value.source})`).join(', ')}`);
  if (bodyGuess) note('body', ['create', 'body'], bodyGuess.confidence, bodyGuess.reason, bodyGuess.confidence === 'low' ? 'write a body your API accepts' : undefined);
  note('runId', ['create', 'runId'], runId.confidence, runId.reason);
  note('poll', ['poll'], pair.confidence, `${describeOperation(poll)}: ${pair.reason}; the run id goes into {${runIdParam}}`);
  if (cancel) note('cancel', ['cancel'], 'medium', `${describeOperation(cancel.operation)} acts on the polled run`);
  if (also.length > 0) note('alsoReturnedBy', ['alsoReturnedBy'], 'medium', 'operations whose answers carry runs of this kind (lists, actions on a run): coverage and HAR checks read their states');
  const syncAnswer = syncAlternative(create, runId.status, runSchema);
  if (syncAnswer && !sync) {
    note('sync mode', ['create'], 'medium', `${describeOperation(create)} also answers ${syncAnswer} with the run itself (a synchronous mode)`,
      `this run kind covers the ${runId.status} answer; a second run kind with \`sync: true\` and the parameter that selects ${syncAnswer} would cover the other`);
  }
  return { run, notes: notes.sort((a, b) => ITEM_ORDER.indexOf(a.item) - ITEM_ORDER.indexOf(b.item)) };
}

/** The order notes are reported in: how a run is made, then how it moves. */
const ITEM_ORDER = ['create', 'runId', 'params', 'query', 'body', 'sync mode', 'poll', 'cancel', 'alsoReturnedBy', 'status', 'initial', 'terminal', 'transitions', 'pauses', 'cancel path', 'timestamps'];

function nonEmpty(key: 'params' | 'query' | 'headers', values: Record<string, ValueGuess>): Record<string, Record<string, string>> {
  return Object.keys(values).length === 0 ? {} : { [key]: Object.fromEntries(Object.entries(values).map(([name, guess]) => [name, guess.value])) };
}

/** Path parameters of a poll or cancel that neither the run id nor the create's parameters fill. */
function otherParams(operation: Operation, runIdParam: string, createParams: Record<string, ValueGuess>): { params?: Record<string, string> } {
  const missing = operation.parameters.path.filter((parameter) => parameter.name !== runIdParam && createParams[parameter.name] === undefined
    && pathParams(operation.pathTemplate).some((param) => param.name === parameter.name));
  return missing.length === 0 ? {} : { params: Object.fromEntries(missing.map((parameter) => [parameter.name, parameterValue(parameter).value])) };
}

/** Another 2xx of the create that answers with the run itself, when the one used carries only its id. */
function syncAlternative(create: Operation, used: string, runSchema: SchemaObject | undefined): string | undefined {
  if (sameSchema(jsonSchemaOf(create.responses[used]), runSchema)) return undefined;
  return successStatuses(create).find((code) => code !== used && sameSchema(jsonSchemaOf(create.responses[code]), runSchema));
}

