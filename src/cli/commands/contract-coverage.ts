import { contractCoverage, type ProviderCoverage } from '../../contract/index.ts';
import type { Command, Io, ParsedArgs } from '../command.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { renderTextTable } from '../text-table.ts';
import { defaultConfigNote } from '../config-option.ts';
import { CONTRACT_OPTIONS, contractScope, SPEC_OPTION, specsOf } from './contract-args.ts';

const NAME = 'contract coverage';

/** `runwarden contract coverage`: which operations, statuses and run states the pacts exercise, per provider. */
export const contractCoverageCommand: Command = {
  name: NAME,
  usage: 'runwarden contract coverage [--config file] [--pacts dir|file] [--provider name [--spec file]] [--json]',
  options: { ...CONTRACT_OPTIONS, ...SPEC_OPTION },
  details: [
    'Operations and documented statuses come from each provider\'s spec (--spec: another one); run states from the',
    'runs of its profile. A provider without pacts covers nothing. Informational: exits 0 whatever the coverage',
    '(2 for unusable pacts or specs).',
  ].join('\n'),
  run: runCoverage,
};

async function runCoverage(args: ParsedArgs, io: Io): Promise<ExitCode> {
  const scope = contractScope(args);
  io.err(defaultConfigNote(scope.config));
  const specs = specsOf(args, scope.profiles, NAME);
  const coverage = await contractCoverage({ ...scope, ...(specs ? { specs } : {}) });
  if (args.values.json) io.out(`${JSON.stringify({ providers: coverage }, null, 2)}\n`);
  else io.out(coverage.map(renderProvider).join('\n'));
  return EXIT.ok;
}

function renderProvider(provider: ProviderCoverage): string {
  const covered = provider.operations.filter((operation) => operation.interactions > 0).length;
  const documented = provider.operations.reduce((sum, operation) => sum + operation.documented.length, 0);
  const statuses = provider.operations.reduce((sum, operation) => sum + operation.documented.filter((status) => operation.covered.includes(Number(status))).length, 0);
  const table = renderTextTable(
    ['OPERATION', 'INTERACTIONS', 'STATUSES COVERED', 'NOT COVERED'],
    provider.operations.map((operation) => [
      `${operation.operationId}\n${operation.method} ${operation.path}`,
      String(operation.interactions),
      operation.covered.join(', ') || '-',
      operation.documented.filter((status) => !operation.covered.includes(Number(status))).join(', ') || '-',
    ]),
  );
  const states = provider.runStates.map((run) => `  ${run.run} states ${run.covered.length}/${run.statuses.length}: `
    + run.statuses.map((status) => `${run.covered.includes(status) ? '✓' : '✗'} ${status}`).join('  '));
  return [
    `${provider.provider} (${provider.spec}): ${covered}/${provider.operations.length} operations, ${statuses}/${documented} documented statuses`,
    table,
    ...states,
    ...(provider.unrouted.length > 0 ? [`  not in the spec: ${provider.unrouted.join('; ')}`] : []),
    '',
  ].join('\n');
}
