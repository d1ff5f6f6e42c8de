import type { LoadListener } from './events.ts';
import type { WorkloadModel } from './scenario.ts';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(0)}s`;

/**
 * A listener that prints progress. On a terminal one line is redrawn in place every tick; in CI (not a TTY)
 * a plain line is printed every `quietEveryMs` instead, so logs stay short.
 */
export function progressPrinter(write: (text: string) => void, isTty: boolean, quietEveryMs = 5_000): LoadListener {
  let lastQuiet = 0;
  let drawn = false;
  return (event) => {
    switch (event.type) {
      case 'start':
        write(`load ${event.scenario}: ${describeModel(event.model)} for ${seconds(event.durationMs)} (drain ≤ ${seconds(event.drainMs)}) → ${Object.values(event.targets).join(', ')}\n`);
        return;
      case 'progress': {
        const line = `${event.phase === 'drain' ? 'drain ' : ''}${seconds(event.elapsedMs)}/${seconds(event.totalMs)}  ${event.ratePerSecond.toFixed(0)} req/s  ${event.runsInFlight} runs in flight  ${event.errors} errors  ${event.responses} responses`;
        if (isTty) {
          write(`\r\x1b[2K${line}`);
          drawn = true;
        } else if (event.elapsedMs - lastQuiet >= quietEveryMs) {
          lastQuiet = event.elapsedMs;
          write(`${line}\n`);
        }
        return;
      }
      case 'drain':
        if (!isTty) write(`arrivals over; following ${event.runsInFlight} runs in flight\n`);
        return;
      case 'end':
        if (drawn) write('\r\x1b[2K');
        return;
    }
  };
}

function describeModel(model: WorkloadModel): string {
  if (model.kind === 'closed') return `closed, ${model.connections} clients`;
  if ('rate' in model) return `open, ${model.rate} runs/s`;
  return `open, ramp ${model.ramp.fromRate} → ${model.ramp.stages.map((stage) => stage.toRate).join(' → ')} runs/s`;
}
