import { json, type JsonReply, type Reply } from '../../http/reply.ts';
import type { SimRequest, SimRoute } from '../provider.ts';
import { asScenario } from '../runtime.ts';
import { agentSessionId, renderAgentRun } from './agent-run-render.ts';
import { agentStatusAt, type AgentRun } from './agent-run.ts';
import { agentStream } from './agent-stream.ts';
import { notFound, validationError } from './rightbrain-errors.ts';
import { RIGHTBRAIN_AGENT_SCENARIOS } from './rightbrain-options.ts';
import { specIssuesOf } from './spec-issues.ts';
import { accessReply, pageOf, pagination, type RightbrainContext } from './rightbrain-context.ts';
import { QueryReader, checkPathIds, parseRunAgentBody } from './rightbrain-requests.ts';

const AGENT_PATH = ['org_id', 'project_id', 'task_agent_id'] as const;

/** The task-agent routes: runTaskAgent (SSE), listTaskAgentRuns, getTaskAgentRun. */
export function agentRoutes(context: RightbrainContext): SimRoute[] {
  const { runtime, runs, scratch } = context;
  const render = (run: AgentRun, now: number) => renderAgentRun(scratch, context.userId, run, runs.plan(run), now);

  const runTaskAgent = (request: SimRequest): Reply => {
    const bad = checkPathIds(request.params, AGENT_PATH);
    if (bad) return bad;
    const query = new QueryReader(request.query());
    const revisionId = query.uuid('revision_id');
    const body = parseRunAgentBody(request.body);
    const issues = [...(Array.isArray(body) ? body : []), ...query.issues];
    if (issues.length > 0 || Array.isArray(body)) return validationError(issues);
    const specIssues = specIssuesOf(request);
    if (specIssues.length > 0) return validationError(specIssues);
    const denied = accessReply(context, request.params, AGENT_PATH);
    if (denied) return denied;
    const agentId = context.ids.intern(request.params.task_agent_id!);
    const run = runs.createAgentRun({
      orgId: context.ids.intern(request.params.org_id!), projectId: context.ids.intern(request.params.project_id!), taskAgentId: agentId,
      sessionId: body.sessionId ?? null, revisionId: revisionId ?? null, message: body.message,
      scenario: asScenario(RIGHTBRAIN_AGENT_SCENARIOS, request.scenario) ?? context.pins.agent.get(agentId.toLowerCase()) ?? runs.options.scenarios.agent[agentId],
      fate: request.runFate(), now: request.now,
    });
    return agentStream(runtime.scheduler, runtime.faker, run, runs.plan(run), agentSessionId(scratch, run));
  };

  const getTaskAgentRun = (request: SimRequest): JsonReply => {
    const bad = checkPathIds(request.params, [...AGENT_PATH, 'run_id']);
    if (bad) return bad;
    const denied = accessReply(context, request.params, AGENT_PATH);
    if (denied) return denied;
    const id = request.params.run_id!;
    const run = runs.findAgentRun(id, request.now);
    const { org_id: org, project_id: project, task_agent_id: agent } = request.params;
    if (run === undefined || run.orgId !== org || run.projectId !== project || run.taskAgentId !== agent) return notFound(`Task agent run ${id} not found`);
    return json(200, render(run, request.now));
  };

  const listTaskAgentRuns = (request: SimRequest): JsonReply => {
    const bad = checkPathIds(request.params, AGENT_PATH);
    if (bad) return bad;
    const query = new QueryReader(request.query());
    const filters = {
      sessionId: query.string('session_id'),
      isError: query.boolean('is_error'),
      taskToolFail: query.boolean('had_task_tool_fail'),
      mcpToolFail: query.boolean('had_mcp_tool_fail'),
      status: query.oneOf('status', runs.agentStatuses),
      createdAfter: query.dateTime('created_after'),
      createdBefore: query.dateTime('created_before'),
      minDuration: query.integer('min_duration_ms', 0, undefined, -1),
      revision: query.uuid('task_agent_revision_id'),
    };
    const limit = query.integer('page_limit', 1, 100, 100);
    const cursor = query.string('cursor');
    if (query.issues.length > 0) return validationError(query.issues);
    const denied = accessReply(context, request.params, AGENT_PATH);
    if (denied) return denied;
    const { org_id: org, project_id: project, task_agent_id: agent } = request.params;
    const now = request.now;
    const keep = (run: AgentRun): boolean => {
      if (run.orgId !== org || run.projectId !== project || run.taskAgentId !== agent || now >= run.vanishAt) return false;
      if (filters.createdAfter !== undefined && run.createdAt < filters.createdAfter) return false;
      if (filters.createdBefore !== undefined && run.createdAt > filters.createdBefore) return false;
      if (filters.revision !== undefined && run.revisionId !== filters.revision) return false;
      if (filters.sessionId !== undefined && agentSessionId(scratch, run) !== filters.sessionId) return false;
      if (filters.isError === undefined && filters.taskToolFail === undefined && filters.mcpToolFail === undefined
        && filters.status === undefined && filters.minDuration < 0) return true;
      const body = render(run, now);
      if (filters.status !== undefined && agentStatusAt(runs.plan(run), now - run.createdAt) !== filters.status) return false;
      if (filters.isError !== undefined && body.is_error !== filters.isError) return false;
      if (filters.taskToolFail !== undefined && body.had_task_tool_fail !== filters.taskToolFail) return false;
      if (filters.mcpToolFail !== undefined && body.had_mcp_tool_fail !== filters.mcpToolFail) return false;
      if (filters.minDuration >= 0 && !(typeof body.duration_ms === 'number' && body.duration_ms >= filters.minDuration)) return false;
      return true;
    };
    const page = pageOf(runs.agents, cursor, limit, keep);
    if (!('rows' in page)) return page;
    return json(200, { results: page.rows.map((run) => render(run, now)), pagination: pagination(page.rows, page.hasNext, limit) });
  };

  return [
    { operationId: 'runTaskAgent', method: 'POST', path: '/org/{org_id}/project/{project_id}/task-agent/{task_agent_id}/run', body: 'json', handle: runTaskAgent },
    { operationId: 'listTaskAgentRuns', method: 'GET', path: '/org/{org_id}/project/{project_id}/task-agent/{task_agent_id}/run', body: 'none', handle: listTaskAgentRuns },
    { operationId: 'getTaskAgentRun', method: 'GET', path: '/org/{org_id}/project/{project_id}/task-agent/{task_agent_id}/run/{run_id}', body: 'none', handle: getTaskAgentRun },
  ];
}
