import { RunwardenError } from '../../core/errors.ts';
import { readSummary, writeReports } from '../../report/index.ts';
import { stringOption, type Command } from '../command.ts';
import { EXIT } from '../exit-codes.ts';

/** `runwarden report render <run>`: rewrites every report of a run from its summary.json (e.g. after an upgrade). */
export const reportRenderCommand: Command = {
  name: 'report render',
  positionals: Number.POSITIVE_INFINITY, // counted by run()
  usage: 'runwarden report render <summary.json | run folder> [--out reports]',
  details: 'Writes reports/<run>/ and refreshes reports/latest/. Exit code 0 when written, whatever the run\'s verdict.',
  options: {
    out: { type: 'string', description: 'Reports folder (default reports)' },
  },
  async run(args, io) {
    const [source, ...extra] = args.positionals;
    if (!source || extra.length > 0) {
      throw new RunwardenError('USAGE', `runwarden report render: expected one summary.json or run folder\nReceived: ${args.positionals.length} argument(s)`, 'Usage: runwarden report render reports/latest');
    }
    const summary = await readSummary(source);
    const written = await writeReports(summary, stringOption(args, 'out') ?? 'reports');
    io.out(`${Object.values(written.files).join('\n')}\nCopied to ${written.latestDir}\n`);
    return EXIT.ok;
  },
};
