// Child process for bench/load.bench.ts: runs the simulator apart from the load generators (as a real target
// would be), creates one Deck run that never finishes, and reports {deck, token, liveRunUrl} over IPC.
import { startSimulator } from '../src/sim/start-simulator.ts';

const simulator = await startSimulator({ port: 0 });
const deck = simulator.urls.deck!;
const headers = { authorization: `Bearer ${simulator.config.token}`, 'content-type': 'application/json', 'x-runwarden-scenario': 'stuck' };
const created = await fetch(`${deck}/tasks/task_8mQ2vX4nR7pL1zK6/run`, { method: 'POST', headers, body: '{"input":{}}' });
const { id } = await created.json() as { id: string };
process.send!({ deck, token: simulator.config.token, liveRunUrl: `${deck}/task-runs/${id}` });
