// Child process for bench/soak.ts: the simulator with the soak's faults, apart from the harness so each process's
// RSS is its own. Argv[2] is the simulator options as JSON. Reports {type: 'ready', urls, token} over IPC, then
// answers {id, type: 'faults' | 'rss'} requests (an RSS sample right after a full GC). SIGINT is the parent's to
// handle (it still needs the fault ledger after a Ctrl-C reaches the whole process group); the child ends when the
// parent disconnects.
import { startSimulator, type SimulatorOptions } from '../src/sim/index.ts';
import { fullGc } from './full-gc.ts';

type Request = { id: number; type: 'faults' | 'rss' };

const options = JSON.parse(process.argv[2] ?? '{}') as SimulatorOptions;
const simulator = await startSimulator({ ...options, port: 0, host: '127.0.0.1' });
process.on('SIGINT', () => undefined);
process.on('disconnect', () => {
  void simulator.close().finally(() => process.exit(0));
});
process.on('message', (message: Request) => {
  if (message.type === 'rss') fullGc();
  const memory = process.memoryUsage();
  const answer = message.type === 'rss'
    ? { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, storedRuns: simulator.stats().runs }
    : { faults: simulator.faults, stats: simulator.stats() };
  process.send!({ id: message.id, ...answer });
});
process.send!({ type: 'ready', urls: simulator.urls, token: simulator.config.token });
