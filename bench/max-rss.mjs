// Preloaded (`node --import`) into a process the specs benchmark times from start to exit: on exit, writes the
// process's peak resident memory (KiB) to the file named by RUNWARDEN_BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

const target = process.env.RUNWARDEN_BENCH_RSS_FILE;
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
