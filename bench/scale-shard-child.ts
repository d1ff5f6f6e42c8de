// One worker of the scale bench: shard i/n of a closed-model scenario against the minimal server; result over IPC.
import { lifecycleFromDefinition } from '../src/core/profile/index.ts';
import { defineScenario, runLoad } from '../src/load/index.ts';

const [url, index, count, seconds, connections] = process.argv.slice(2);
const finished = lifecycleFromDefinition('bench.run', { status: '/status', initial: ['completed'], success: ['completed'], failure: [] });
const scenario = defineScenario({
  name: 'scale', description: 'minimal server', model: { kind: 'closed', connections: Number(connections) }, durationMs: Number(seconds) * 1000,
  flows: [{ kind: 'create-poll', name: 'one-shot', provider: 'bench', lifecycle: finished, successStatuses: ['completed'], create: { operationId: 'get', method: 'GET', path: '/' }, runTimeoutMs: 10_000 }],
});
const result = await runLoad({ scenario, targets: { bench: url! }, shard: { index: Number(index), count: Number(count), runId: 'bench' }, gates: false, drainMs: 0 });
process.send!(result, () => process.exit(0));
