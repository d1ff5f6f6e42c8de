import { RunwardenError } from '../core/errors.ts';
import type { InteractionResult, ProviderPact } from '../contract/index.ts';
import { displayPath } from '../spec/index.ts';

const AUTH_STATUSES = new Set([401, 403]);

/** True when the provider answered this interaction 401 or 403 though the pact expected another status. */
function answeredAuthFailure(result: InteractionResult): boolean {
  return !result.ok && result.mismatches.some((mismatch) => mismatch.kind === 'StatusMismatch' && AUTH_STATUSES.has(Number(mismatch.actual)));
}

/**
 * The real providers that refused the token: every interaction of theirs that expects a status other than 401/403
 * was answered 401 or 403. One such interaction that passed means the token works, and the failures are findings.
 */
export function providersRefusingToken(pacts: readonly ProviderPact[], results: readonly InteractionResult[], real: (provider: string) => boolean): string[] {
  const verdicts = new Map<string, boolean>();
  for (const pact of pacts) {
    if (!real(pact.provider)) continue;
    const own = results.filter((result) => result.pact === displayPath(pact.file));
    pact.interactions.forEach((interaction, index) => {
      const result = own[index];
      if (result === undefined || AUTH_STATUSES.has(interaction.response.status)) return;
      verdicts.set(pact.provider, (verdicts.get(pact.provider) ?? true) && answeredAuthFailure(result));
    });
  }
  return [...verdicts].filter(([, refused]) => refused).map(([provider]) => provider);
}

/** AUTH_FAILED for the providers that refused the token, naming each with its URL; the token is never shown. */
export function tokenRefused(providers: readonly string[], baseUrls: Readonly<Record<string, string>>, tokenSource: (provider: string) => string): RunwardenError {
  const lines = providers.map((provider) => `${provider} at ${baseUrls[provider]} refused the token from ${tokenSource(provider)}: every interaction expecting another status was answered 401 or 403`);
  return new RunwardenError('AUTH_FAILED', `the target refused the token\n${lines.join('\n')}`, 'Check that the variable holds a valid token for this API (and that --base-url is the API it belongs to).');
}
