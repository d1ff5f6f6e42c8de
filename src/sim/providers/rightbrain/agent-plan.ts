import type { Rng } from '../../random.ts';
import { uuidFrom } from '../../ids.ts';
import type { RightbrainTiming } from './rightbrain-options.ts';
import { sampleDuration } from '../../timing/distribution.ts';
import type { AgentEvent, AgentPlan, AgentRun, ToolUse } from './agent-run.ts';
import { stableUuid } from './task-run-render.ts';

const TASK_TOOLS = ['review_sentiment', 'invoice_extractor', 'ticket_classifier'];
const MCP_TOOLS = [['zendesk', 'zendesk_get_ticket'], ['github', 'github_search_issues'], ['slack', 'slack_post_message']] as const;

/**
 * Plans a run from its seed: session_id first, one or two tool calls with results, maybe a memory
 * compaction, text chunks, then `done` — or a failed tool and `error`; `stuck` runs stop emitting after
 * their first tool result and never end.
 */
export function planAgentRun(run: AgentRun, rng: Rng, timing: RightbrainTiming, timeScale: number): AgentPlan {
  rng.reseed(run.seed ^ 0xa9e1);
  const step = () => Math.max(1, sampleDuration(rng, timing.agentStep, timeScale));
  const failed = run.scenario === 'failed';
  const events: AgentEvent[] = [{ at: 0, type: 'session_id' }];
  const tools: ToolUse[] = [];
  let at = 0;
  let waitFrom: number | undefined;
  let waitUntil: number | undefined;
  const toolCount = rng.int(1, 2);
  for (let index = 0; index < toolCount; index++) {
    const useTask = index === 0 ? rng.chance(0.6) : !tools[0]!.taskId;
    const mcp = rng.pick(MCP_TOOLS);
    const name = useTask ? rng.pick(TASK_TOOLS) : mcp[1];
    const tool: ToolUse = {
      kind: useTask ? 'task' : 'mcp',
      name,
      server: useTask ? undefined : mcp[0],
      isError: failed && index === toolCount - 1,
      durationMs: step(),
      taskId: useTask ? stableUuid(rng, name, 0x7a51) : undefined,
      taskRunId: undefined,
      tokens: rng.int(300, 700),
    };
    rng.reseed(run.seed ^ (0x7001 + index));
    if (useTask) tool.taskRunId = uuidFrom(rng);
    tools.push(tool);
    at += step();
    events.push({ at, type: 'tool_call', tool });
    at += tool.durationMs;
    events.push({ at, type: 'tool_result', tool });
    if (run.scenario === 'stuck') break;
    if (index === 0 && run.scenario === 'waiting_for_human') {
      waitFrom = at;
      const drawn = Math.max(1, sampleDuration(rng, timing.agentWaiting, timeScale));
      waitUntil = at + (run.waitOverrideMs > 0 ? run.waitOverrideMs : drawn);
      at = waitUntil;
    }
    if (tool.isError) break;
  }
  let compactionMs = 0;
  if (run.scenario !== 'stuck' && rng.chance(0.3)) {
    compactionMs = step();
    at += compactionMs;
    events.push({ at, type: 'memory_compaction' });
  }
  let endAt: number | undefined;
  if (run.scenario !== 'stuck') {
    if (!failed) {
      const chunks = rng.int(2, 3);
      for (let index = 0; index < chunks; index++) {
        at += step();
        events.push({ at, type: 'text_chunk' });
      }
    }
    at += step();
    events.push({ at, type: failed ? 'error' : 'done' });
    endAt = at;
  }
  return {
    events, waitFrom, waitUntil, endAt, failed, tools, compactionMs,
    inputTokens: run.messageTokens + rng.int(800, 6000),
    outputTokens: rng.int(80, 1000),
    usedFallback: rng.chance(0.1),
  };
}
