// `npm run soak`: owns SIGINT before anything else loads, so a Ctrl-C at any moment still ends in a written
// reports/bench/soak.json (bench/soak.ts stops traffic, asks the simulator for its fault ledger, writes, exits 130).
import { register } from 'tsx/esm/api';

const controller = new AbortController();
process.on('SIGINT', () => {
  if (controller.signal.aborted) return;
  process.stderr.write('soak: interrupted; stopping traffic and writing what was measured…\n');
  controller.abort();
});
register();
const { main } = await import('./soak-cli.ts');
process.exitCode = await main(process.argv.slice(2), controller.signal);
