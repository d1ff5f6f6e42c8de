import type { ServerResponse } from 'node:http';
import type { TimerHandle } from '../../clock.ts';
import type { EngineContext } from '../../generic/engine-context.ts';
import type { GenericRun } from '../../generic/generic-run.ts';
import type { KindEntry } from '../../generic/run-kind.ts';
import type { StreamReply } from '../../http/reply.ts';

/** One documented event stream, split into its frames (`data: {...}\n\n` each), ending in its terminal frame. */
export interface StreamExample {
  frames: readonly string[];
  /** The run id the example's terminal frame names, replaced by the run's own. */
  runId: string;
}

/** The frames of a `text/event-stream` example; undefined when it has none or names no run id at its end. */
export function streamExample(text: string, runIdKey: string): StreamExample | undefined {
  const frames = text.split('\n\n').filter((frame) => frame.trim() !== '').map((frame) => `${frame}\n\n`);
  const last = frames[frames.length - 1];
  const runId = last === undefined ? undefined : new RegExp(`"${runIdKey}": ?"([^"]+)"`).exec(last)?.[1];
  return runId === undefined ? undefined : { frames, runId };
}

/**
 * Rightbrain's agent stream: the spec's example stream for the state the run ends in, its frames spread over the
 * run's plan (the first at once, the terminal one when the run ends, with the run's id), on the engine's clock.
 * A run that never ends keeps the stream open up to the longest sync wait, then ends it without a terminal frame.
 */
export function agentStreamReply(context: EngineContext, entry: KindEntry, run: GenericRun, status: number, pick: (terminal: string) => StreamExample | undefined): StreamReply {
  const { model } = entry.shape;
  const last = run.path.length - 1;
  const endsAt = model.terminal[run.path[last]!] ? run.offsets[last]! : undefined;
  const example = endsAt === undefined ? undefined : pick(model.states[run.path[last]!]!);
  const frames = example ? example.frames.map((frame, index, all) => (index === all.length - 1 ? frame.split(example.runId).join(run.id) : frame)) : [];
  return {
    kind: 'stream',
    status,
    start(res: ServerResponse) {
      res.writeHead(status, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      let sent = 0;
      let timer: TimerHandle | undefined;
      res.on('close', () => timer?.cancel());
      const due = (index: number) => (endsAt === undefined ? 0 : index === frames.length - 1 ? endsAt : Math.floor((endsAt * index) / Math.max(1, frames.length - 1)));
      const send = () => {
        const elapsed = context.scheduler.clock.now() - run.createdAt;
        while (sent < frames.length && due(sent) <= elapsed) res.write(frames[sent++]!);
        if (sent >= frames.length || elapsed >= context.syncMaxWaitMs) {
          res.end();
          return;
        }
        timer = context.scheduler.after(Math.max(1, Math.min(due(sent), context.syncMaxWaitMs) - elapsed), send);
      };
      if (frames.length === 0) {
        timer = context.scheduler.after(context.syncMaxWaitMs, () => res.end());
        return;
      }
      send();
    },
  };
}
