import { contractCoverage, type ProviderCoverage } from '../../contract/index.ts';
import type { Command, Io, ParsedArgs } from '../command.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { renderTextTable } from '../text-table.ts';
import { CONTRACT_OPTIONS, pactsOf, providerOf } from './contract-args.ts';

const NAME = 'contract coverage';

/** `runwarden contract coverage`: which operations, statuses and run states the pacts exercise, per provider. */
export const contractCoverageCommand: Command = {
  name: NAME,
  usage: 'runwarden contract coverage [--pacts dir|file] [--provider deck] [--json]',
  options: { ...CONTRACT_OPTIONS },
  details: 'Informational: exits 0 whatever the coverage (2 for unusable pacts or specs).',
  run: runCoverage,
};

async function runCoverage(args: ParsedArgs, io: Io): Promise<ExitCode> {
  const coverage = await contractCoverage({ pacts: pactsOf(args), provider: providerOf(args, NAME) });
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
  const states = provider.runStates.map((lifecycle) => `  ${lifecycle.lifecycle} run states ${lifecycle.covered.length}/${lifecycle.statuses.length}: `
    + lifecycle.statuses.map((status) => `${lifecycle.covered.includes(status) ? '✓' : '✗'} ${status}`).join('  '));
  return [
    `${provider.provider} (${provider.spec}): ${covered}/${provider.operations.length} operations, ${statuses}/${documented} documented statuses`,
    table,
    ...states,
    ...(provider.unrouted.length > 0 ? [`  not in the spec: ${provider.unrouted.join('; ')}`] : []),
    '',
  ].join('\n');
}
