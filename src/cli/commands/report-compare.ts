import { RunwardenError } from '../../core/errors.ts';
import { compareRuns, readSummary, redactSecrets, renderComparisonMarkdown, renderComparisonText } from '../../report/index.ts';
import { stringOption, type Command } from '../command.ts';
import { EXIT } from '../exit-codes.ts';

/** Parses `10%`, `10` (percent) or `2.5%` into a fraction, with a usage error naming the option. */
function percentOption(raw: string | undefined, name: string, fallback: number, bounds: { min: number; max: number }): number {
  if (raw === undefined) return fallback;
  const match = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(raw);
  const value = match ? Number(match[1]) / 100 : Number.NaN;
  if (!(value >= bounds.min && value <= bounds.max)) {
    throw new RunwardenError('USAGE', `runwarden report compare: --${name} must be a percentage from ${bounds.min * 100}% to ${bounds.max * 100}%\nReceived: ${raw}`, `For example --${name} ${fallback * 100}%.`);
  }
  return value;
}

/** `runwarden report compare <baseline> <current>`: significant regressions between two runs; exit 1 on any. */
export const reportCompareCommand: Command = {
  name: 'report compare',
  positionals: Number.POSITIVE_INFINITY, // counted by run()
  usage: 'runwarden report compare <baseline> <current> [--tolerance 10%] [--confidence 95%] [--json | --markdown]',
  details: [
    'Each argument is a summary.json or a run folder (reports/<run>, reports/latest).',
    'Per endpoint and scenario: latency p50/p99, request rate and error rate; run completion p50/p99, run rate and',
    'failed + lost runs. A metric regresses only when its bootstrap confidence interval (from both runs\' HDR',
    'histograms) excludes zero in the worse direction AND the change exceeds the tolerance. The confidence level is',
    'family-wise over all tested metrics. Metrics without histograms or with too few samples are "not testable".',
    'Exit codes: 0 no significant regression, 1 regression, 2 unusable input.',
  ].join('\n'),
  options: {
    tolerance: { type: 'string', description: 'Smallest relative change that counts as a regression (default 10%)' },
    confidence: { type: 'string', description: 'Family-wise confidence level (default 95%)' },
    json: { type: 'boolean', description: 'Print the comparison as JSON' },
    markdown: { type: 'boolean', description: 'Print the comparison as Markdown (for a PR comment)' },
  },
  async run(args, io) {
    const [baselinePath, currentPath, ...extra] = args.positionals;
    if (!baselinePath || !currentPath || extra.length > 0) {
      throw new RunwardenError('USAGE', `runwarden report compare: expected two runs, a baseline and a current\nReceived: ${args.positionals.length} argument(s)`, 'Usage: runwarden report compare <baseline> <current>, e.g. reports/main/summary.json reports/latest');
    }
    if (args.values.json && args.values.markdown) {
      throw new RunwardenError('USAGE', 'runwarden report compare: --json and --markdown are exclusive', 'Pick one output format.');
    }
    const tolerance = percentOption(stringOption(args, 'tolerance'), 'tolerance', 0.1, { min: 0, max: 10 });
    const confidence = percentOption(stringOption(args, 'confidence'), 'confidence', 0.95, { min: 0.5, max: 0.9999 });
    const [baseline, current] = await Promise.all([readSummary(baselinePath), readSummary(currentPath)]);
    const comparison = compareRuns(baseline, current, { tolerance, confidence });
    if (args.values.json) io.out(redactSecrets(`${JSON.stringify(comparison, null, 2)}\n`));
    else if (args.values.markdown) io.out(renderComparisonMarkdown(comparison));
    else io.out(renderComparisonText(comparison));
    return comparison.verdict === 'regression' ? EXIT.findings : EXIT.ok;
  },
};
