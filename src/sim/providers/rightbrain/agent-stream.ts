import type { StreamReply } from '../../http/reply.ts';
import type { Scheduler } from '../../scheduler.ts';
import type { SeededFaker } from '../../seeded-faker.ts';
import type { AgentEvent, AgentPlan, AgentRun } from './agent-run.ts';

function payload(seeded: SeededFaker, run: AgentRun, event: AgentEvent, index: number, sessionId: string): Record<string, unknown> {
  seeded.seed(run.seed ^ (0x55e0 + index));
  const { faker, rng } = seeded;
  switch (event.type) {
    case 'session_id': return { event_type: 'session_id', metadata: { session_id: sessionId } };
    case 'tool_call': return { event_type: 'tool_call', data: { tool_name: event.tool!.name, arguments: { query: faker.lorem.words({ min: 2, max: 5 }), limit: rng.int(1, 10) } } };
    case 'tool_result': return {
      event_type: 'tool_result',
      data: {
        tool_name: event.tool!.name,
        is_error: event.tool!.isError,
        result: event.tool!.isError ? { error: 'Task run failed: input file could not be downloaded (HTTP 403)' } : { summary: faker.lorem.sentence(), items: rng.int(0, 5) },
      },
    };
    case 'text_chunk': return { event_type: 'text_chunk', data: { text: `${faker.lorem.sentence()} ` } };
    case 'memory_compaction': return { event_type: 'memory_compaction', metadata: { trigger: 'auto', token_threshold: 6000, event_retention_size: 20 } };
    case 'done': return { event_type: 'done', metadata: { session_id: sessionId, run_id: run.id } };
    case 'error': return {
      event_type: 'error',
      data: { message: 'Agent stopped: a required tool failed and no alternative tool is available.' },
      metadata: { session_id: sessionId, run_id: run.id },
    };
  }
}

/**
 * Streams a run's events as Server-Sent Events (`data: <json>\n\n`, no `event:` field), each at its
 * scheduled clock time; the stream ends after the terminal event. A client that goes away cancels the rest
 * (the run itself carries on: its state is computed from the same plan).
 */
export function agentStream(scheduler: Scheduler, seeded: SeededFaker, run: AgentRun, plan: AgentPlan, sessionId: string): StreamReply {
  return {
    kind: 'stream',
    status: 200,
    start(res) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
      res.flushHeaders();
      const timers = plan.events.map((event, index) => scheduler.after(Math.max(0, run.createdAt + event.at - scheduler.clock.now()), () => {
        if (res.destroyed || res.writableEnded) return;
        res.write(`data: ${JSON.stringify(payload(seeded, run, event, index, sessionId))}\n\n`);
        if (event.type === 'done' || event.type === 'error') res.end();
      }));
      res.on('close', () => {
        for (const timer of timers) timer.cancel();
      });
    },
  };
}
