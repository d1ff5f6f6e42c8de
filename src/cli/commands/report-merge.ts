import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { SUMMARY_SCHEMA_VERSION, type RunSummary } from '../../core/summary.ts';
import { RunwardenError } from '../../core/errors.ts';
import { makeDirectory } from '../../core/output-files.ts';
import { mergeShardResults, renderSummary, writeResult, type LoadResult, type ShardInput } from '../../load/index.ts';
import { redactSecrets, writeReports } from '../../report/index.ts';
import { displayPath, parseJsonText, readTextFile } from '../../spec/index.ts';
import { loadScenarioSummary, sloCases } from '../ci/load-summary.ts';
import { stringOption, type Command } from '../command.ts';
import { EXIT } from '../exit-codes.ts';
import { RUNWARDEN_VERSION } from '../version.ts';

/** `runwarden report merge <result.json>...`: the shards of one load run merged exactly, gated once. */
export const reportMergeCommand: Command = {
  name: 'report merge',
  positionals: Number.POSITIVE_INFINITY, // the shard results
  usage: 'runwarden report merge <shard-result.json>... [--out reports] [--json]',
  details: [
    'Each argument is the result JSON of one `runwarden load --shard i/n --run-id <id>` (docs/scale-out.md).',
    'Counts are summed, HDR histograms added (no re-binning), lost run ids unioned, timelines aligned on wall-clock',
    'seconds and violations concatenated; the scenario\'s thresholds are then evaluated once on the merged result.',
    'Writes the merged result to <out>/load/ and summary.json, summary.md, junit.xml, index.html to <out>/<run>/.',
    'Exit codes: 0 every gate passed; 1 a gate failed or a shard was interrupted; 2 unusable input (different',
    'scenarios or runs, a missing or duplicate shard, a file that is not a shard\'s result).',
  ].join('\n'),
  options: {
    out: { type: 'string', description: 'Reports folder (default reports)' },
    json: { type: 'boolean', description: 'Print the merged result JSON on stdout (the summary goes to stderr)' },
  },
  async run(args, io) {
    if (args.positionals.length === 0) {
      throw new RunwardenError('USAGE', 'runwarden report merge: name the result JSON of every shard', 'Usage: runwarden report merge shards/*.json');
    }
    const inputs: ShardInput[] = [];
    for (const file of args.positionals) inputs.push({ file: displayPath(file), result: asLoadResult(parseJsonText(await readTextFile(file, 'shard result'), file), file) });
    const merged = mergeShardResults(inputs);
    const out = stringOption(args, 'out') ?? 'reports';
    await makeDirectory(path.join(out, 'load'), 'the merged result to', out);
    const resultFile = await writeResult(merged, path.join(out, 'load'));
    const written = await writeReports(summaryOf(merged), out);
    const summary = renderSummary(merged);
    if (args.values.json === true) {
      io.out(redactSecrets(`${JSON.stringify(merged, null, 2)}\n`));
      io.err(summary);
    } else io.out(summary);
    io.err(`merged ${merged.merged!.shards} shards of run ${merged.merged!.runId}: ${resultFile}\nreports: ${written.runDir}\n`);
    return merged.passed && !merged.aborted ? EXIT.ok : EXIT.findings;
  },
};

/** A parsed file that looks like a load result; anything else is a clear REPORT_INVALID naming the file. */
function asLoadResult(value: unknown, file: string): LoadResult {
  const record = value as Partial<LoadResult> | null;
  if (typeof record !== 'object' || record === null || record.format !== 'runwarden.load.v1') {
    throw new RunwardenError('REPORT_INVALID', `runwarden report merge: ${displayPath(file)} is not a load result (format runwarden.load.v1)`, 'Pass the JSON files `runwarden load --shard i/n` writes to reports/load/.');
  }
  return record as LoadResult;
}

/** The report model for one merged scenario, as `runwarden ci` would write it. */
function summaryOf(result: LoadResult): RunSummary {
  const providers = [...new Set(Object.values(result.endpoints).map((endpoint) => endpoint.provider))];
  const checks = sloCases(result);
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    runId: `${result.startedAt.replace(/[:.]/g, '-')}-${result.merged!.runId}-${randomBytes(2).toString('hex')}`,
    startedAt: result.startedAt,
    finishedAt: result.endedAt,
    durationMs: result.elapsedMs,
    runwardenVersion: RUNWARDEN_VERSION,
    target: { kind: Object.values(result.targets).every(isLoopbackUrl) ? 'simulator' : 'remote', baseUrls: result.targets },
    verdict: result.passed && !result.aborted ? 'pass' : 'fail',
    checks,
    contracts: [],
    load: [loadScenarioSummary(result, providers)],
  };
}

function isLoopbackUrl(url: string): boolean {
  try {
    return ['127.0.0.1', '[::1]', 'localhost'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}
