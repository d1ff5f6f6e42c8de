import { describeError, RunwardenError } from '../core/errors.ts';
import type { ProviderName } from '../core/providers.ts';
import { displayPath } from '../spec/index.ts';
import { redact } from '../client/redact.ts';
import { readPacts, type PactFile } from './pact-file.ts';
import { runVerifier } from './run-verifier.ts';
import { assumeStates, type ProviderStateSetup } from './state-setup.ts';
import { startVerifyGateway, type GatewayProblem, type VerifyGateway } from './verify-gateway.ts';
import { interactionResults, type InteractionResult } from './verify-results.ts';

export interface VerifyOptions {
  /** A pact file or a directory of pacts. */
  pacts: string;
  /** Only this provider's pacts. */
  provider?: ProviderName;
  /** The API base URL of each provider to verify (the simulator's `urls`, or --base-url). */
  baseUrls: Partial<Record<ProviderName, string>>;
  /** The token each provider is called with, in place of the pacts' placeholder. Never written anywhere. */
  tokens?: Partial<Record<ProviderName, string>>;
  /** How provider states are set up; by default they are assumed to hold. */
  states?: ProviderStateSetup;
  /** Per-request timeout of the verifier (ms). Default 30 000. */
  timeoutMs?: number;
}

/** Which pacts were verified against which provider. */
export interface VerifiedPact {
  pact: string;
  provider: ProviderName;
  consumer: string;
  baseUrl: string;
  interactions: number;
}

export interface VerifyReport {
  pacts: VerifiedPact[];
  /** One result per interaction, in pact order. */
  results: InteractionResult[];
  durationMs: number;
  /** The Pact verifier's own report (tokens redacted), for --verbose. */
  output: string;
}

/**
 * Verifies pacts against providers with the Pact Verifier and returns one result per interaction.
 * A contract failure is data (`ok: false`); unusable input throws: PACT_INVALID, PROVIDER_UNKNOWN,
 * HOST_UNREACHABLE (naming the URL), STATE_HANDLER_FAILED (naming the state), USAGE (no base URL for a provider).
 */
export async function verifyPacts(options: VerifyOptions): Promise<VerifyReport> {
  const started = performance.now();
  const states = options.states ?? assumeStates;
  const pacts = await readPacts(options.pacts, options.provider);
  for (const pact of pacts) {
    if (options.baseUrls[pact.provider] === undefined) {
      throw new RunwardenError('USAGE', `no base URL for the ${pact.provider} provider (needed by ${displayPath(pact.file)})`, `Pass --base-url for ${pact.provider} with --provider ${pact.provider}, or omit --base-url to verify against the embedded simulator.`);
    }
  }
  const unmapped = pacts.flatMap((pact) => pact.interactions.flatMap((interaction) => interaction.providerStates
    .filter((state) => states.knows !== undefined && !states.knows(pact.provider, state.name))
    .map((state) => `${pact.provider}: "${state.name}" (${displayPath(pact.file)}, "${interaction.description}")`)));
  if (unmapped.length > 0) {
    throw new RunwardenError('STATE_HANDLER_FAILED', `no handler for ${unmapped.length} provider state(s) used by the pacts:\n  ${[...new Set(unmapped)].join('\n  ')}`,
      'Add each state to PROVIDER_STATES in src/contract/provider-states.ts, or rename it in the consumer test.');
  }
  for (const baseUrl of new Set(pacts.map((pact) => options.baseUrls[pact.provider]!))) await assertReachable(baseUrl);
  // Start from a clean provider (the simulator resets; a real provider's teardown does nothing).
  for (const provider of new Set(pacts.map((pact) => pact.provider))) await states.teardown(provider);

  const gateways: VerifyGateway[] = [];
  try {
    for (const pact of pacts) {
      gateways.push(await startVerifyGateway({ provider: pact.provider, target: options.baseUrls[pact.provider]!, token: options.tokens?.[pact.provider], states }));
    }
    const run = await runVerifier(pacts.map((pact, index) => ({
      pactFile: pact.file, providerBaseUrl: gateways[index]!.url, stateUrl: gateways[index]!.stateUrl, timeoutMs: options.timeoutMs ?? 30_000,
    })));
    const secrets = Object.values(options.tokens ?? {});
    const problems = gateways.flatMap((gateway, index) => gateway.problems.map((problem) => ({ ...problem, pact: pacts[index]! })));
    // A state that fails only for pending interactions fails those interactions; any other problem stops the run.
    const blocking = problems.filter((problem) => problem.state === undefined
      || problem.pact.interactions.some((interaction) => !interaction.pending && interaction.providerStates.some((state) => state.name === problem.state)));
    const first = blocking.sort((a, b) => rank(a.error) - rank(b.error))[0];
    if (first) throw first.error;
    const results = pacts.flatMap((pact, index) => {
      const answer = run.answers.find((candidate) => candidate.index === index);
      if (answer?.json === undefined) {
        throw new RunwardenError('INTERNAL', `the Pact verifier could not verify ${displayPath(pact.file)}: ${redact(answer?.error ?? 'no answer', secrets)}`, 'Run with RUNWARDEN_DEBUG=1 and --verbose to see the verifier\'s output.');
      }
      return withStateFailures(interactionResults(redact(answer.json, secrets), pact, pact.provider, displayPath(pact.file)), pact, problems);
    });
    return {
      pacts: pacts.map((pact) => ({ pact: displayPath(pact.file), provider: pact.provider, consumer: pact.consumer, baseUrl: options.baseUrls[pact.provider]!, interactions: pact.interactions.length })),
      results,
      durationMs: performance.now() - started,
      output: redact(run.output, secrets),
    };
  } finally {
    await Promise.all(gateways.map((gateway) => gateway.close()));
  }
}

/** Fails every interaction whose provider state could not be set up, with the state's error first. */
function withStateFailures(results: InteractionResult[], pact: PactFile, problems: ReadonlyArray<GatewayProblem & { pact: PactFile }>): InteractionResult[] {
  return results.map((result, position) => {
    const states = pact.interactions[position]!.providerStates;
    const failed = problems.filter((problem) => problem.pact === pact && states.some((state) => state.name === problem.state));
    if (failed.length === 0) return result;
    const messages = [...new Set(failed.map((problem) => problem.error.message))];
    return { ...result, ok: false, mismatches: [...messages.map((message) => ({ kind: 'state', message })), ...result.mismatches] };
  });
}

/** State failures explain more than the unreachable provider they may cause. */
function rank(problem: RunwardenError): number {
  return problem.code === 'STATE_HANDLER_FAILED' ? 0 : 1;
}

/** HOST_UNREACHABLE naming the URL unless something answers HTTP there (any status will do). */
async function assertReachable(baseUrl: string): Promise<void> {
  try {
    const response = await fetch(baseUrl, { method: 'GET', signal: AbortSignal.timeout(10_000) });
    await response.body?.cancel();
  } catch (error) {
    throw new RunwardenError(
      'HOST_UNREACHABLE',
      `cannot reach the provider at ${baseUrl}: ${describeError((error as { cause?: unknown }).cause ?? error)}`,
      'Start the provider or fix --base-url; without --base-url runwarden verifies against its embedded simulator.',
    );
  }
}
