// Preloaded (`node --import`) into a process the specs benchmark times from start to exit: on exit, writes the
// process's peak resident memory (KiB) and the CPU time it used (user + system, ms) as JSON to the file named by
// RUNWARDEN_BENCH_USAGE_FILE. CPU time does not count waiting for a core, so it holds steadier than wall time on a
// machine that other work shares.
import { writeFileSync } from 'node:fs';

const target = process.env.RUNWARDEN_BENCH_USAGE_FILE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ maxRssKiB: usage.maxRSS, cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000) }));
  });
}
