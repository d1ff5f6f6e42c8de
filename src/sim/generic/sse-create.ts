import type { ServerResponse } from 'node:http';
import { setAtPointer, type RunIdSource } from '../../core/profile/index.ts';
import type { TimerHandle } from '../clock.ts';
import type { StreamReply } from '../http/reply.ts';
import type { EngineContext } from './engine-context.ts';
import type { GenericRun } from './generic-run.ts';
import type { KindEntry } from './run-kind.ts';

/**
 * A create that answers with Server-Sent Events: one event per state the run enters, each carrying the run id at the
 * profile's pointer and the state at the status pointer, until a terminal state (or the longest sync wait) ends the
 * stream. Events follow the clock, so a virtual clock drives them too.
 */
export function sseCreateReply(context: EngineContext, entry: KindEntry, run: GenericRun, source: Extract<RunIdSource, { from: 'sse' }>): StreamReply {
  const { model, statusPointer } = entry.shape;
  const { clock } = context.scheduler;
  const event = (state: number) => {
    const data: Record<string, unknown> = {};
    setAtPointer(data, source.pointer, run.id);
    setAtPointer(data, statusPointer, model.states[state]);
    return `${source.event ? `event: ${source.event}\n` : ''}data: ${JSON.stringify(data)}\n\n`;
  };
  return {
    kind: 'stream',
    status: entry.create.template.status,
    start(res: ServerResponse) {
      res.writeHead(entry.create.template.status, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      let sent = -1;
      let timer: TimerHandle | undefined;
      res.on('close', () => timer?.cancel());
      const send = () => {
        const now = clock.now();
        const step = entry.runs.stepOf(run, now);
        for (let next = sent + 1; next <= step; next++) res.write(event(run.path[next]!));
        sent = step;
        const elapsed = now - run.createdAt;
        const nextAt = run.offsets[step + 1];
        if (model.terminal[run.path[step]!] || elapsed >= context.syncMaxWaitMs) {
          res.end();
          return;
        }
        timer = context.scheduler.after(Math.min(nextAt ?? Number.POSITIVE_INFINITY, context.syncMaxWaitMs) - elapsed, send);
      };
      send();
    },
  };
}
