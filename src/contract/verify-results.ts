import type { PactFile } from './pact-file.ts';

/** One way a provider's response departed from an interaction (status, header, body, or an error sending it). */
export interface Mismatch {
  /** The verifier's mismatch type: `StatusMismatch`, `HeaderMismatch`, `BodyMismatch`, `error`, … */
  kind: string;
  /** JSON path into the body (`$.status`) or the header name. */
  path?: string;
  expected?: unknown;
  actual?: unknown;
  message: string;
}

/** The verification of one interaction: one JUnit test case. */
export interface InteractionResult {
  provider: string;
  /** The pact file, as shown to the user. */
  pact: string;
  description: string;
  states: string[];
  ok: boolean;
  /** A pending interaction: reported, but its failure does not fail the verification. */
  pending: boolean;
  durationMs?: number;
  mismatches: Mismatch[];
}

interface VerifierJson {
  result?: boolean;
  interactionResults?: Array<{ description?: string; duration?: string; result?: string }>;
  errors?: VerifierError[];
  pendingErrors?: VerifierError[];
}

interface VerifierError {
  interaction?: string;
  mismatch?: { type?: string; message?: string; mismatches?: Array<Record<string, unknown>> };
}

/** Parses `1s 20ms`, `77ms`, `0.4s` into milliseconds. */
export function parseDuration(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  let total = 0;
  let found = false;
  for (const [, value, unit] of text.matchAll(/(\d+(?:\.\d+)?)\s*(ms|s|m)\b/g)) {
    found = true;
    total += Number(value) * (unit === 'ms' ? 1 : unit === 's' ? 1000 : 60_000);
  }
  return found ? Math.round(total) : undefined;
}

/**
 * Turns the verifier's result document for one pact into one result per interaction of the pact, in the pact's
 * order, each under its description in `descriptions` (default: the pact's). An interaction the verifier did not report on is a failure ("not verified"), never silently a pass.
 */
export function interactionResults(json: string, pact: PactFile, provider: string, shownAs: string, descriptions?: readonly string[]): InteractionResult[] {
  const document = JSON.parse(json) as VerifierJson;
  const reported = document.interactionResults ?? [];
  const errors = [...(document.errors ?? []), ...(document.pendingErrors ?? [])];
  return pact.interactions.map((interaction, position) => {
    // `descriptions`: what the verifier was given (see verifierCopies), unique even where the pact repeats one.
    const description = descriptions?.[position] ?? interaction.description;
    const row = reported.find((candidate) => candidate.description === description);
    const own = errors.filter((error) => error.interaction?.endsWith(` - ${description}`) || error.interaction === description);
    const mismatches = own.flatMap((error) => mismatchesOf(error.mismatch));
    const ok = (row?.result === 'OK' || row?.result === undefined) && own.length === 0 && row !== undefined;
    if (row === undefined && mismatches.length === 0) mismatches.push({ kind: 'error', message: 'The verifier did not report on this interaction.' });
    return {
      provider,
      pact: shownAs,
      description,
      states: interaction.providerStates.map((state) => state.name),
      ok,
      pending: interaction.pending,
      durationMs: parseDuration(row?.duration),
      mismatches,
    };
  });
}

function mismatchesOf(mismatch: VerifierError['mismatch']): Mismatch[] {
  if (mismatch === undefined) return [{ kind: 'error', message: 'verification failed' }];
  if (mismatch.type !== 'mismatches') return [{ kind: mismatch.type ?? 'error', message: String(mismatch.message ?? 'verification failed') }];
  return (mismatch.mismatches ?? []).map((item) => ({
    kind: String(item.type ?? 'Mismatch'),
    path: typeof item.path === 'string' ? item.path : typeof item.key === 'string' ? item.key : undefined,
    expected: item.expected,
    actual: item.actual,
    message: String(item.mismatch ?? item.message ?? 'mismatch'),
  }));
}
