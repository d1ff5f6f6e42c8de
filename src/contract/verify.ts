import { redact } from '../client/redact.ts';
import { deadline } from '../core/deadline.ts';
import { describeError, RunwardenError } from '../core/errors.ts';
import type { ProviderStatesEndpoint } from '../core/profile/index.ts';
import { displayPath } from '../spec/index.ts';
import { selectPacts, type PactSelection, type ProviderPact } from './pact-selection.ts';
import { runVerifier } from './run-verifier.ts';
import { skippedInteractionNotes, type SkippedNote } from './skipped-interactions.ts';
import { verifierCopies } from './verifier-copy.ts';
import { assumeStates, httpStates, type ProviderStateSetup } from './state-setup.ts';
import { startVerifyGateway, type GatewayProblem, type VerifyGateway } from './verify-gateway.ts';
import { interactionResults, type InteractionResult } from './verify-results.ts';

export interface VerifyOptions extends PactSelection {
  /** The API base URL of each provider (the simulator's, or --base-url); default: the profile's `baseUrl`. */
  baseUrls?: Readonly<Record<string, string>>;
  /** The token each provider is called with, in place of the pacts' placeholder. Never written anywhere. */
  tokens?: Readonly<Record<string, string | undefined>>;
  /** Each provider's provider-states endpoint (the simulator's, or `profile.providerStates`); without one, states are assumed to hold. */
  states?: Readonly<Record<string, ProviderStatesEndpoint | undefined>>;
  /** Per-request timeout of the verifier (ms). Default 30 000. */
  timeoutMs?: number;
}

/** Which pacts were verified against which provider. */
export interface VerifiedPact {
  pact: string;
  provider: string;
  consumer: string;
  baseUrl: string;
  interactions: number;
}

/** A selected provider that was not verified (no pacts), or a message interaction, and why: a note, not a failure. */
export type SkippedProvider = SkippedNote;

export interface VerifyReport {
  pacts: VerifiedPact[];
  /** One result per interaction, in pact order. */
  results: InteractionResult[];
  skipped: SkippedProvider[];
  durationMs: number;
  /** The Pact verifier's own report (secrets redacted), for --verbose. */
  output: string;
}

/**
 * Verifies pacts against providers with the Pact Verifier and returns one result per interaction. A provider
 * without pacts is skipped with a note. A contract failure is data (`ok: false`); unusable input throws:
 * PACT_INVALID, PROVIDER_UNKNOWN, HOST_UNREACHABLE (naming the URL), STATE_HANDLER_FAILED (naming the state),
 * USAGE (no base URL for a provider, a states header naming an unset variable).
 */
export async function verifyPacts(options: VerifyOptions): Promise<VerifyReport> {
  const started = performance.now();
  const { pacts, withoutPacts } = await selectPacts(options);
  const skipped: SkippedNote[] = [...withoutPacts.map(({ profile, note }) => ({ provider: profile.name, note })), ...skippedInteractionNotes(pacts)];
  if (pacts.length === 0) return { pacts: [], results: [], skipped, durationMs: performance.now() - started, output: '' };
  const baseUrls = baseUrlsOf(pacts, options.baseUrls ?? {});
  const setups = new Map<string, ProviderStateSetup>();
  for (const { provider } of pacts) {
    const endpoint = options.states?.[provider];
    if (!setups.has(provider)) setups.set(provider, endpoint === undefined ? assumeStates : httpStates(provider, endpoint));
  }
  const secrets = [...Object.values(options.tokens ?? {}), ...[...setups.values()].flatMap((setup) => setup.secrets)];
  try {
    await assertStatesKnown(pacts, setups);
    for (const baseUrl of new Set(baseUrls.values())) await assertReachable(baseUrl);
  } catch (error) {
    throw redacted(error, secrets);
  }

  const gateways: VerifyGateway[] = [];
  const copies = await verifierCopies(pacts);
  try {
    for (const pact of pacts) {
      gateways.push(await startVerifyGateway({
        provider: pact.provider, target: baseUrls.get(pact.provider)!, auth: pact.profile.auth, token: options.tokens?.[pact.provider], states: setups.get(pact.provider)!,
      }));
    }
    // A pact of messages only has nothing for the verifier: its notes are in `skipped`.
    const verified = pacts.flatMap((pact, index) => (pact.interactions.length > 0 ? [index] : []));
    const run = verified.length === 0 ? { answers: [], output: '' } : await runVerifier(verified.map((index) => ({
      pactFile: copies.files[index]!, providerBaseUrl: gateways[index]!.url, stateUrl: gateways[index]!.stateUrl, timeoutMs: options.timeoutMs ?? 30_000,
    })));
    const problems = gateways.flatMap((gateway, index) => gateway.problems.map((problem) => ({ ...problem, pact: pacts[index]! })));
    // A state that fails only for pending interactions fails those interactions; any other problem stops the run.
    const blocking = problems.filter((problem) => problem.state === undefined
      || problem.pact.interactions.some((interaction) => !interaction.pending && interaction.providerStates.some((state) => state.name === problem.state)));
    const first = blocking.sort((a, b) => rank(a) - rank(b))[0];
    if (first) throw redacted(first.error, secrets);
    const results = pacts.flatMap((pact, index) => {
      if (pact.interactions.length === 0) return [];
      const answer = run.answers.find((candidate) => verified[candidate.index] === index);
      if (answer?.json === undefined) {
        throw new RunwardenError('INTERNAL', `the Pact verifier could not verify ${displayPath(pact.file)}: ${redact(answer?.error ?? 'no answer', secrets)}`, 'Run with RUNWARDEN_DEBUG=1 and --verbose to see the verifier\'s output.');
      }
      return withStateFailures(interactionResults(redact(answer.json, secrets), pact, pact.provider, displayPath(pact.file), copies.descriptions[index]), pact, problems, secrets);
    });
    return {
      pacts: pacts.map((pact) => ({ pact: displayPath(pact.file), provider: pact.provider, consumer: pact.consumer, baseUrl: baseUrls.get(pact.provider)!, interactions: pact.interactions.length })),
      results,
      skipped,
      durationMs: performance.now() - started,
      output: redact(run.output, secrets),
    };
  } finally {
    await Promise.all(gateways.map((gateway) => gateway.close()));
    await copies.remove();
  }
}

/** Each provider's base URL: the one given, else its profile's; USAGE when it has neither. */
function baseUrlsOf(pacts: readonly ProviderPact[], given: Readonly<Record<string, string>>): Map<string, string> {
  const urls = new Map<string, string>();
  for (const pact of pacts) {
    const url = given[pact.provider] ?? pact.profile.baseUrl;
    if (url === undefined) {
      throw new RunwardenError('USAGE', `no base URL for the ${pact.provider} provider (needed by ${displayPath(pact.file)})`,
        `Set baseUrl in its profile or pass --base-url with --provider ${pact.provider}; without either, runwarden verifies against its embedded simulator.`);
    }
    urls.set(pact.provider, url);
  }
  return urls;
}

/** Fails fast, before verifying anything, on pact states a provider says it cannot set up. */
async function assertStatesKnown(pacts: readonly ProviderPact[], setups: ReadonlyMap<string, ProviderStateSetup>): Promise<void> {
  const unknown: string[] = [];
  const labels = new Set<string>();
  for (const [provider, setup] of setups) {
    const known = await setup.knownStates?.();
    if (known === undefined) continue;
    for (const pact of pacts.filter((candidate) => candidate.provider === provider)) {
      for (const interaction of pact.interactions) {
        for (const state of interaction.providerStates.filter((candidate) => !known.includes(candidate.name))) {
          unknown.push(`${provider}: "${state.name}" (${displayPath(pact.file)}, "${interaction.description}")`);
          labels.add(setup.label);
        }
      }
    }
  }
  if (unknown.length > 0) {
    throw new RunwardenError('STATE_HANDLER_FAILED', `no handler for ${unknown.length} provider state(s) used by the pacts:\n  ${[...new Set(unknown)].join('\n  ')}`,
      `Add each state to the provider-states endpoint (${[...labels].join(', ')}; for the embedded simulator, the provider's extension), or rename it in the consumer test.`);
  }
}

/** Fails every interaction whose provider state could not be set up, with the state's error first. */
function withStateFailures(results: InteractionResult[], pact: ProviderPact, problems: ReadonlyArray<GatewayProblem & { pact: ProviderPact }>, secrets: ReadonlyArray<string | undefined>): InteractionResult[] {
  return results.map((result, position) => {
    const states = pact.interactions[position]!.providerStates;
    const failed = problems.filter((problem) => problem.pact === pact && states.some((state) => state.name === problem.state));
    if (failed.length === 0) return result;
    const messages = [...new Set(failed.map((problem) => redact(problem.error.message, secrets)))];
    return { ...result, ok: false, mismatches: [...messages.map((message) => ({ kind: 'state', message })), ...result.mismatches] };
  });
}

/** A named state's failure explains more than a reset's, and both more than the unreachable provider they may cause. */
function rank(problem: GatewayProblem): number {
  if (problem.error.code !== 'STATE_HANDLER_FAILED') return 2;
  return problem.state === undefined ? 1 : 0;
}

/** The same error with every secret taken out of its message (a states endpoint may echo its headers). */
function redacted(error: unknown, secrets: ReadonlyArray<string | undefined>): unknown {
  if (!(error instanceof RunwardenError)) return error;
  const message = redact(error.message, secrets);
  return message === error.message ? error : new RunwardenError(error.code, message, error.hint);
}

/** How long the provider has to answer the reachability probe. */
const REACHABLE_WITHIN_MS = 10_000;

/** HOST_UNREACHABLE (or TIMEOUT) naming the URL unless something answers HTTP there (any status will do). */
async function assertReachable(baseUrl: string): Promise<void> {
  const wait = deadline(REACHABLE_WITHIN_MS);
  try {
    const response = await fetch(baseUrl, { method: 'GET', signal: wait.signal });
    await response.body?.cancel();
  } catch (error) {
    if (wait.signal.aborted) {
      throw new RunwardenError('TIMEOUT', `cannot reach the provider at ${baseUrl}: no HTTP answer within ${REACHABLE_WITHIN_MS} ms`, 'Is it up and answering HTTP? A target that accepts connections and closes them without a response ends here too.');
    }
    throw new RunwardenError(
      'HOST_UNREACHABLE',
      `cannot reach the provider at ${baseUrl}: ${describeError((error as { cause?: unknown }).cause ?? error)}`,
      'Start the provider or fix its baseUrl / --base-url; without either, runwarden verifies against its embedded simulator.',
    );
  } finally {
    wait.clear();
  }
}
