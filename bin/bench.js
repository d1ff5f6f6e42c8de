#!/usr/bin/env node
// `npm run bench`: runs every benchmark in bench/ and writes figures to reports/bench/.
import { register } from 'tsx/esm/api';

register();
const { runBenchmarks } = await import('../bench/run-all.ts');
process.exitCode = await runBenchmarks(process.argv.slice(2));
