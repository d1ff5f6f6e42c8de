import { json, type JsonReply, type Reply } from '../../http/reply.ts';
import type { SimRequest, SimRoute } from '../provider.ts';
import { asScenario } from '../runtime.ts';
import { notFound, validationError } from './rightbrain-errors.ts';
import { RIGHTBRAIN_TASK_SCENARIOS } from './rightbrain-options.ts';
import { specIssuesOf } from './spec-issues.ts';
import { accessReply, pageOf, pagination, type RightbrainContext } from './rightbrain-context.ts';
import { QueryReader, checkPathIds, parseRunTaskBody } from './rightbrain-requests.ts';
import type { TaskRun } from './task-run.ts';
import { renderTaskRun, stableUuid } from './task-run-render.ts';

const TASK_PATH = ['org_id', 'project_id', 'task_id'] as const;

/** The task-run routes: runTask (synchronous), fetchTaskRun, listTaskRuns, listProjectTaskRuns. */
export function taskRoutes(context: RightbrainContext): SimRoute[] {
  const { runtime, runs } = context;
  const { scheduler } = runtime;
  const scratch = context.scratch;
  const render = (run: TaskRun) => renderTaskRun(runtime.faker, scratch, context.userId, run);

  const runTask = (request: SimRequest): Reply | Promise<Reply> => {
    const bad = checkPathIds(request.params, TASK_PATH);
    if (bad) return bad;
    const query = new QueryReader(request.query());
    const revisionId = query.uuid('revision_id');
    query.string('revision_tag');
    const reportingGroup = query.string('reporting_group', 64);
    const useFallback = query.boolean('use_fallback_model') ?? false;
    const body = parseRunTaskBody(request.body);
    const issues = [...(Array.isArray(body) ? body : []), ...query.issues];
    if (issues.length > 0 || Array.isArray(body)) return validationError(issues);
    const specIssues = specIssuesOf(request);
    if (specIssues.length > 0) return validationError(specIssues);
    const denied = accessReply(context, request.params, TASK_PATH);
    if (denied) return denied;
    const fate = request.runFate();
    const run = runs.newTaskRun({
      orgId: context.ids.intern(request.params.org_id!), projectId: context.ids.intern(request.params.project_id!),
      taskId: context.ids.intern(request.params.task_id!), revisionId: revisionId ?? null,
      scenario: asScenario(RIGHTBRAIN_TASK_SCENARIOS, request.scenario) ?? context.pins.task.get(request.params.task_id!.toLowerCase())
        ?? runs.options.scenarios.task[request.params.task_id!],
      fallbackRequested: useFallback, taskInput: body.taskInput, fileNames: body.fileNames, reference: body.reference,
      reportingGroup: reportingGroup ?? null, fate, now: request.now,
    });
    // A stuck run never answers: the client sees a request that hangs until its own timeout.
    if (fate.stuck) return new Promise<Reply>(() => undefined);
    return scheduler.delay(run.llmMs).then(() => {
      runs.tasks.add(run);
      const rendered = render(run);
      return json(200, rendered, { 'x-task-run-id': run.id, 'x-task-revision-id': String(rendered.task_revision_id) });
    });
  };

  const fetchTaskRun = (request: SimRequest): JsonReply => {
    const bad = checkPathIds(request.params, [...TASK_PATH, 'task_run_id']);
    if (bad) return bad;
    const denied = accessReply(context, request.params, TASK_PATH);
    if (denied) return denied;
    const id = request.params.task_run_id!;
    const run = runs.findTask(id, request.now);
    if (run === undefined) return notFound(`Task run ${id} not found`);
    const { org_id: org, project_id: project, task_id: task } = request.params;
    if (run.orgId !== org || run.projectId !== project || run.taskId !== task) return notFound(`Task run ${id} not found for task ${task}`);
    return json(200, render(run));
  };

  const list = (request: SimRequest, scope: 'task' | 'project'): JsonReply => {
    const names = scope === 'task' ? TASK_PATH : (['org_id', 'project_id'] as const);
    const bad = checkPathIds(request.params, names);
    if (bad) return bad;
    const query = new QueryReader(request.query());
    const limit = query.integer('page_limit', 1, 100, 100);
    const cursor = query.uuid('cursor');
    const status = scope === 'task' ? query.string('status') : undefined;
    const revision = scope === 'task' ? query.uuid('task_revision_id') : undefined;
    if (query.issues.length > 0) return validationError(query.issues);
    const denied = accessReply(context, request.params, names);
    if (denied) return denied;
    const { org_id: org, project_id: project, task_id: task } = request.params;
    const errorsOnly = status === 'error' || status === 'failed' ? true : status === 'completed' || status === 'success' ? false : undefined;
    const page = pageOf(runs.tasks, cursor, limit, (run) => run.orgId === org && run.projectId === project
      && (scope === 'project' || run.taskId === task) && request.now < run.vanishAt
      && (errorsOnly === undefined || (run.scenario === 'error' || run.scenario === 'fallback_error') === errorsOnly)
      && (revision === undefined || (run.revisionId ?? stableUuid(scratch, run.taskId, 0x4e71)) === revision));
    if (!('rows' in page)) return page;
    return json(200, { results: page.rows.map(render), pagination: pagination(page.rows, page.hasNext, limit) });
  };

  return [
    { operationId: 'runTask', method: 'POST', path: '/org/{org_id}/project/{project_id}/task/{task_id}/run', body: 'json', handle: runTask },
    { operationId: 'listTaskRuns', method: 'GET', path: '/org/{org_id}/project/{project_id}/task/{task_id}/run', body: 'none', handle: (request) => list(request, 'task') },
    { operationId: 'fetchTaskRun', method: 'GET', path: '/org/{org_id}/project/{project_id}/task/{task_id}/run/{task_run_id}', body: 'none', handle: fetchTaskRun },
    { operationId: 'listProjectTaskRuns', method: 'GET', path: '/org/{org_id}/project/{project_id}/task_run', body: 'none', handle: (request) => list(request, 'project') },
  ];
}
