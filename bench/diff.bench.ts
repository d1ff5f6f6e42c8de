import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** GitHub's REST spec (13 MB, ~1,100 operations), installed by the specs benchmark into bench/.real-specs. */
const GITHUB = path.join(ROOT, 'bench/.real-specs/node_modules/@octokit/openapi/generated/api.github.com.json');
const RUNS = 3;
const CHILD_TIMEOUT_MS = 300_000;
const TARGET = { seconds: 5, maxRssMiB: 1024 };

type Json = Record<string, any>;

/** A handful of changes, each with the rule that must report it. */
function revise(document: Json): string[] {
  const paths = document.paths as Json;
  delete paths['/emojis'];
  const issue = paths['/repos/{owner}/{repo}/issues']!.get;
  const state = issue.parameters.find((parameter: Json) => parameter.name === 'state');
  state.required = true;
  const schemas = document.components.schemas as Json;
  schemas['api-overview'].properties.added_in_bench = { type: 'string' };
  schemas['root'].properties.current_user_url = { type: 'integer' };
  return ['api-removed-without-deprecation', 'request-parameter-became-required', 'response-property-type-changed', 'response-property-optional-added'];
}

interface ChildResult { wallMs: number; cpuMs: number; maxRssMiB: number; code: number; stdout: string; stderr: string }

/**
 * Preloaded next to max-rss.mjs: on exit, writes the process's CPU time (user + system, every thread) in ms. Wall time
 * on a shared 2-core machine mostly measures the other processes; CPU time is what the diff itself costs.
 */
const CPU_TIME = `data:text/javascript,${encodeURIComponent("import{writeFileSync}from'node:fs';const f=process.env.RUNWARDEN_BENCH_CPU_FILE;if(f)process.on('exit',()=>{const u=process.cpuUsage();writeFileSync(f,String((u.user+u.system)/1000))})")}`;

function runNode(args: readonly string[]): Promise<ChildResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'runwarden-bench-'));
  const rssFile = path.join(dir, 'rss');
  const cpuFile = path.join(dir, 'cpu');
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', path.join(ROOT, 'bench/max-rss.mjs'), '--import', CPU_TIME, ...args], {
      cwd: ROOT, timeout: CHILD_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, RUNWARDEN_BENCH_RSS_FILE: rssFile, RUNWARDEN_BENCH_CPU_FILE: cpuFile, CI: '1' },
    }, (error, stdout, stderr) => {
      const wallMs = performance.now() - started;
      const rssKiB = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : Number.NaN;
      const cpuMs = existsSync(cpuFile) ? Number(readFileSync(cpuFile, 'utf8')) : Number.NaN;
      rmSync(dir, { recursive: true, force: true });
      resolve({ wallMs, cpuMs, maxRssMiB: Math.round(rssKiB / 1024), code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const seconds = (ms: number): number => Number((ms / 1000).toFixed(2));

/**
 * `runwarden spec diff` of GitHub's spec against a copy with a handful of changes, process start to exit; the
 * reference is a process that only reads and parses both files, measured in the same run.
 */
export async function benchDiff(): Promise<object> {
  if (!existsSync(GITHUB)) return { skipped: `${path.relative(ROOT, GITHUB)} is missing: run \`npm run bench -- specs\` once to install the real specs` };
  const dir = mkdtempSync(path.join(tmpdir(), 'runwarden-bench-diff-'));
  try {
    const revision = path.join(dir, 'api.github.com.json');
    const document = JSON.parse(readFileSync(GITHUB, 'utf8')) as Json;
    const expected = revise(document);
    writeFileSync(revision, JSON.stringify(document));
    const diffs: ChildResult[] = [];
    const references: ChildResult[] = [];
    const loadBefore = loadavg()[0]!;
    for (let run = 0; run < RUNS; run++) {
      diffs.push(await runNode(['bin/runwarden.js', 'spec', 'diff', GITHUB, revision, '--json']));
      references.push(await runNode(['-e', `const fs=require('fs');for(const f of process.argv.slice(1))JSON.parse(fs.readFileSync(f,'utf8'))`, GITHUB, revision]));
    }
    const report = JSON.parse(diffs[0]!.stdout || '{"specs":[{"changes":[]}]}') as { specs: Array<{ changes: Array<{ id: string; level: string }> }> };
    const found = new Set(report.specs[0]!.changes.map((change) => change.id));
    const diffSeconds = seconds(median(diffs.map((result) => result.wallMs)));
    const referenceSeconds = seconds(median(references.map((result) => result.wallMs)));
    const maxRssMiB = median(diffs.map((result) => result.maxRssMiB));
    const cpuSeconds = seconds(median(diffs.map((result) => result.cpuMs)));
    return {
      spec: path.relative(ROOT, GITHUB), bytes: statSync(GITHUB).size,
      diff: { seconds: diffSeconds, cpuSeconds, maxRssMiB, runs: diffs.map((result) => seconds(result.wallMs)), cpuRuns: diffs.map((result) => seconds(result.cpuMs)), exitCodes: diffs.map((result) => result.code) },
      reference: { what: 'node reading and JSON-parsing both files', seconds: referenceSeconds, cpuSeconds: seconds(median(references.map((result) => result.cpuMs))) },
      // The 1-minute load average before and after: above the 2 cores, wall time measures the other processes too.
      loadAverage: { before: Number(loadBefore.toFixed(1)), after: Number(loadavg()[0]!.toFixed(1)) },
      ratioToReference: Number((diffSeconds / referenceSeconds).toFixed(1)),
      changes: report.specs[0]!.changes.length, expectedRulesFound: expected.filter((id) => found.has(id)), expectedRulesMissed: expected.filter((id) => !found.has(id)),
      target: TARGET, withinTarget: diffSeconds <= TARGET.seconds && maxRssMiB <= TARGET.maxRssMiB && diffs.every((result) => result.code === 1),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
