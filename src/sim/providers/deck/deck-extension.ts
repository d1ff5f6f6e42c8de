import type { GenericRun } from '../../generic/generic-run.ts';
import { rejectInvalid } from '../../generic/engine-context.ts';
import type { RunTemplate } from '../../generic/run-template.ts';
import { json, type JsonReply, type Reply } from '../../http/reply.ts';
import type { RateLimit } from '../../limits/rate-limiter.ts';
import type { SimExtension } from '../extension.ts';
import type { SimRequest } from '../provider.ts';
import { stringOptions } from '../extension-options.ts';
import { ANSWER_WINDOW_MS, holdNextWait } from './answer-window.ts';
import { deckPage } from './deck-list.ts';
import { deckExamples, promptFields, visibleInput, type DeckRunDetails } from './deck-run-details.ts';
import { deckStates } from './deck-states.ts';

/** Deck's documented limit: 200 requests per 10 seconds per organization. */
export const DECK_RATE_LIMIT: RateLimit = { requests: 200, windowMs: 10_000 };

/** The sections `include=` adds to a run (`input` brings `vaulted_fields`); unnamed ones are absent, not null. */
const SECTIONS = ['input', 'storage', 'artifacts'] as const;

/** Deck's words for outcomes a request may pick (`X-Runwarden-Scenario`), as lifecycle outcomes. */
const SCENARIOS: Readonly<Record<string, string>> = { success: 'completed', failure: 'completed', unknown: 'completed', review: 'completed', failed: 'failed', stuck: 'stuck' };

/** The three prompts a run waiting for interaction shows: the field each asks for. */
const PROMPTS: Readonly<Record<string, { message: string; field: { name: string; type: string; label: string } }>> = {
  mfa: { message: 'Enter the 6-digit code sent by text message to the phone number ending in 4821.', field: { name: 'code', type: 'text', label: 'Verification code' } },
  security_question: { message: 'What is the name of your first elementary school?', field: { name: 'answer', type: 'text', label: 'Answer' } },
  account_selection: { message: 'This login has access to several service accounts. Choose the account to retrieve documents for.', field: { name: 'account', type: 'select', label: 'Service account' } },
};

/**
 * `extension: deck`, on the generic engine. Deck's interaction loop: `submitInteractionInput` answers the prompt of
 * a run in `interaction_required` (every field it names), which resumes it (`running`, then on to its end).
 * What a run's body shows beyond its lifecycle comes from its create (task, credential, source, input) or the
 * provider state that placed it (result, prompt), and `include=input,storage,artifacts` adds those sections.
 */
export const deckExtension: SimExtension = {
  name: 'deck',
  documentedRateLimit: DECK_RATE_LIMIT,
  outcomeNames: SCENARIOS,
  extend(engine) {
    const entry = engine.kindOf('getTaskRun', 'deck');
    const { context } = engine;
    const { model } = entry.shape;
    const { taskId: placedTaskId, waitingState, resumeState } = stringOptions(engine.profile, 'deck', {
      taskId: entry.kind.create.params?.task_id ?? 'task_8mQ2vX4nR7pL1zK6', waitingState: 'interaction_required', resumeState: 'running',
    });
    const details = new WeakMap<GenericRun, DeckRunDetails>();
    const examples = deckExamples(engine.tools, entry.poll!.operation);
    const failure = examples.find((run) => run.status === 'completed' && run.result === 'failure');
    const included = examples.find((run) => SECTIONS.some((section) => section !== 'input' && run[section] !== undefined));
    const answered = engine.runTemplate(entry, 'submitInteractionInput', 200);
    const waiting = model.states.indexOf(waitingState);
    /** The run's next wait for an answer, from step `from` of its plan on, lasts at least ANSWER_WINDOW_MS of clock. */
    const waitForAnswers = (run: GenericRun, from: number): void => {
      const plan = waiting === -1 ? undefined : holdNextWait(run, waiting, ANSWER_WINDOW_MS, from);
      if (plan !== undefined) run.offsets = plan.offsets;
    };

    /** The run's body as the template renders it at `now`, with what the run carries written in. */
    const render = (template: RunTemplate, run: GenericRun, now: number, include: ReadonlySet<string>): Record<string, unknown> => {
      const body = JSON.parse(template.render(run, entry.runs.stepOf(run, now))) as Record<string, unknown>;
      const known = details.get(run) ?? {};
      body.task_id = known.taskId ?? placedTaskId;
      if ('credential_id' in body) body.credential_id = known.credentialId ?? null;
      if ('source_id' in body) body.source_id = known.sourceId ?? null;
      if (body.status === 'completed' && known.result === 'failure' && failure) Object.assign(body, { result: 'failure', output: failure.output, errors: failure.errors });
      if (body.status === 'completed' && known.result === 'unknown') Object.assign(body, { result: 'unknown', output: null, errors: [] });
      if (body.status === waitingState && known.interaction !== undefined) {
        const prompt = PROMPTS[known.interaction]!;
        body.interaction = { type: known.interaction, message: prompt.message, fields: [{ ...prompt.field }] };
      }
      for (const section of SECTIONS) {
        if (!include.has(section)) {
          delete body[section];
          if (section === 'input') delete body.vaulted_fields;
        } else if (section === 'input') {
          const shown = visibleInput(known.input);
          body.input = shown.input;
          // The spec lists vaulted fields only when there are some.
          if (shown.vaulted.length > 0) body.vaulted_fields = shown.vaulted;
          else delete body.vaulted_fields;
        } else {
          body[section] = body.status === 'completed' && included ? structuredClone(included[section]) : section === 'storage' ? [] : { screenshots: [] };
        }
      }
      return body;
    };
    const runOf = (request: SimRequest) => entry.runs.find(request.params[entry.poll!.param] ?? '', request.now);
    const reply = (template: RunTemplate, run: GenericRun, request: SimRequest, include: ReadonlySet<string> = NONE): JsonReply =>
      json(template.status, render(template, run, request.now, include), template.headers);

    const runTask = async (request: SimRequest): Promise<Reply> => {
      const answer = await engine.handler('runTask')(request);
      if (answer.kind === 'stream' || answer.status !== entry.create.template.status) return answer;
      const id = (answer.kind === 'text' ? JSON.parse(answer.text) : answer.body)?.id;
      const run = typeof id === 'string' ? entry.runs.find(id, request.now) : undefined;
      if (!run) return answer;
      if (!details.has(run)) {
        const result = request.scenario === 'failure' || request.scenario === 'unknown' ? { result: request.scenario } as const : {};
        details.set(run, { ...detailsOf(request), ...result });
        waitForAnswers(run, 0);
      }
      return reply(entry.create.template, run, request);
    };
    const getTaskRun = async (request: SimRequest): Promise<Reply> => {
      const answer = await engine.handler('getTaskRun')(request);
      const run = answer.status === 200 ? runOf(request) : undefined;
      return run ? reply(entry.poll!.template, run, request, includeOf(request)) : answer;
    };
    const cancelTaskRun = async (request: SimRequest): Promise<Reply> => {
      const answer = await engine.handler('cancelTaskRun')(request);
      const run = answer.status === 200 ? runOf(request) : undefined;
      return run ? reply(entry.cancel!.template, run, request) : answer;
    };
    const submitInteractionInput = (request: SimRequest): Reply => {
      const own = engine.operation('submitInteractionInput');
      const invalid = rejectInvalid(context, own, request);
      if (invalid) return invalid;
      const run = runOf(request);
      if (!run) return context.errors.reply(own, 404, `No task run with id ${request.params.run_id ?? ''} exists in this organization.`);
      const state = model.states[run.path[entry.runs.stepOf(run, request.now)]!];
      if (state !== waitingState) return context.errors.reply(own, 409, `Task run ${run.id} is ${state} and is not waiting for interaction input.`);
      const given = (request.body as { input?: Record<string, unknown> } | undefined)?.input ?? {};
      const missing = promptFields(render(entry.poll!.template, run, request.now, NONE)).find((name) => given[name] === undefined);
      if (missing !== undefined) return context.errors.reply(own, 400, `input.${missing} is required by the pending interaction.`);
      if (entry.runs.divert(run, request.now, resumeState)) waitForAnswers(run, entry.runs.stepOf(run, request.now));
      return reply(answered, run, request);
    };
    const listTaskRuns = async (request: SimRequest): Promise<Reply> => {
      const answer = await engine.handler('listTaskRuns')(request);
      if (answer.kind === 'stream' || answer.status !== 200) return answer;
      const list = engine.operation('listTaskRuns');
      const page = deckPage(entry, request, (run) => details.get(run) ?? {}, resultOf, placedTaskId);
      if (!page) return context.errors.reply(list, 400, 'The cursor is invalid or has expired. Start again from the first page.');
      const envelope = (answer.kind === 'text' ? JSON.parse(answer.text) : structuredClone(answer.body)) as Record<string, unknown>;
      const data = page.rows.map((run) => {
        const row = render(entry.poll!.template, run, request.now, NONE);
        delete row.request_id;
        return row;
      });
      return json(200, { ...envelope, data, has_more: page.hasMore, next_cursor: page.nextCursor }, answer.headers);
    };
    const resultOf = (run: GenericRun, state: string): string | null => (state === 'completed' ? details.get(run)?.result ?? 'success' : null);
    const states = deckStates(engine, {
      placedTaskId,
      promptTypes: Object.keys(PROMPTS),
      remember: (runId, known) => {
        const run = entry.runs.find(runId, Number.NEGATIVE_INFINITY);
        if (run) details.set(run, known);
      },
    });
    return { routes: { runTask, getTaskRun, listTaskRuns, cancelTaskRun, submitInteractionInput }, states };
  },
};

const NONE: ReadonlySet<string> = new Set();

/** The sections a read names in `include` (the engine has checked the query against the spec). */
function includeOf(request: SimRequest): ReadonlySet<string> {
  if (request.search === '') return NONE;
  const include = request.query().get('include');
  return include ? new Set(include.split(',')) : NONE;
}

/** What a create sends that the run shows: its task, credential, source and input. */
function detailsOf(request: SimRequest): DeckRunDetails {
  const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const input = typeof body.input === 'object' && body.input !== null && !Array.isArray(body.input) ? body.input as Record<string, unknown> : undefined;
  return { taskId: request.params.task_id, credentialId: text(body.credential_id), sourceId: text(body.source_id), ...(input ? { input } : {}) };
}
