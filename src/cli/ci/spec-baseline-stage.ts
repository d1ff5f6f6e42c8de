import path from 'node:path';
import type { ProviderSet } from '../../config/index.ts';
import { RunwardenError } from '../../core/errors.ts';
import type { ProviderProfile } from '../../core/profile/index.ts';
import type { CheckCase, SpecBaselineEntry, SpecBaselineSummary } from '../../core/summary.ts';
import { displayPath, loadSpec, type LoadedSpec } from '../../spec/index.ts';
import { baseAvailability, diffLifecycles, diffSpecs, orderChanges, specAtGitRef, type SpecChange } from '../../spec/diff/index.ts';
import { brokenInteractions } from '../commands/spec-diff-consumers.ts';

export interface SpecBaselineOptions {
  ref: string;
  profiles: readonly ProviderProfile[];
  configured: ProviderSet;
  /** The run's pacts; without them no consumer impact is computed. */
  pacts?: string;
}

/** Most changes a failing check's message lists; the summary's `specBaseline` has them all. */
const MAX_LISTED = 20;

/**
 * Refuses a ref no provider's repository knows, before the run starts (exit 2). A spec outside git, or new since the
 * ref, is not an error: its check is skipped with a note.
 */
export async function checkSpecBaseline(ref: string, profiles: readonly ProviderProfile[]): Promise<void> {
  for (const profile of profiles) {
    if ((await baseAvailability(ref, profile.spec)) === 'unknown-ref') {
      throw new RunwardenError('USAGE', `runwarden ci: --spec-baseline ${ref} is not a commit in the repository of ${displayPath(profile.spec)} (provider ${profile.name})`,
        'Name a branch, tag or commit that exists (git branch -a); in CI fetch the base branch first (actions/checkout with fetch-depth: 0).');
    }
  }
}

const counts = (changes: readonly SpecChange[]): SpecBaselineEntry['counts'] => ({
  breaking: changes.filter((change) => change.level === 'breaking').length,
  warning: changes.filter((change) => change.level === 'warning').length,
  info: changes.filter((change) => change.level === 'info').length,
});

/** Diffs one provider's spec against its version at the ref, with its lifecycle rules and the pacts it breaks. */
async function compareProvider(options: SpecBaselineOptions, profile: ProviderProfile): Promise<SpecBaselineEntry> {
  const revisionPath = displayPath(path.resolve(profile.spec));
  const entry = { provider: profile.name, base: `${options.ref}:${revisionPath}`, revision: revisionPath };
  const availability = await baseAvailability(options.ref, profile.spec);
  if (availability !== 'present') {
    const skipped = availability === 'absent' ? `${revisionPath} does not exist at ${options.ref}: a new spec, nothing to compare` : `${revisionPath} is not in a git repository: nothing to compare`;
    return { ...entry, skipped, counts: counts([]), changes: [] };
  }
  let base: LoadedSpec;
  let revision: LoadedSpec;
  try {
    [base, revision] = await Promise.all([specAtGitRef(options.ref, profile.spec), loadSpec(profile.spec)]);
  } catch (error) {
    // An unreadable version fails this provider's check, as the spec stage does, rather than the whole run.
    if (!(error instanceof RunwardenError)) throw error;
    return { ...entry, error: `${error.message}${error.hint ? `\nHint: ${error.hint}` : ''}`, counts: counts([]), changes: [] };
  }
  const changes = orderChanges([...diffSpecs(base, revision), ...diffLifecycles([profile], base, revision)]);
  const consumers = options.pacts === undefined ? undefined
    : (await brokenInteractions({ pacts: options.pacts, profiles: [profile], configured: options.configured, base: base.path, revision: revision.path }))
      .map(({ pact, provider, interaction, because }) => ({ pact, provider, interaction, because }));
  return { ...entry, counts: counts(changes), changes, ...(consumers ? { consumers } : {}) };
}

const changeLine = (change: SpecChange | SpecBaselineEntry['changes'][number]): string => `${change.level} ${change.id}${change.operation ? ` (${change.operation})` : ''}: ${change.message}`;

/** Up to two checks per provider: no breaking change since the ref, and no pact interaction it breaks. */
function casesOf(entry: SpecBaselineEntry, ref: string, durationMs: number): CheckCase[] {
  const base = { suite: 'spec-baseline' as const, group: entry.provider };
  const name = `${entry.revision} has no breaking change since ${ref}`;
  if (entry.skipped !== undefined) return [{ ...base, name, ok: true, skipped: true, durationMs, message: entry.skipped }];
  if (entry.error !== undefined) return [{ ...base, name, ok: false, durationMs, message: entry.error }];
  const breaking = entry.changes.filter((change) => change.level === 'breaking');
  const listed = breaking.slice(0, MAX_LISTED).map(changeLine);
  if (breaking.length > MAX_LISTED) listed.push(`… and ${breaking.length - MAX_LISTED} more (summary.json: specBaseline)`);
  const { warning, info } = entry.counts;
  const cases: CheckCase[] = [{
    ...base, name, ok: breaking.length === 0, durationMs,
    message: breaking.length === 0 ? `${warning} warning(s), ${info} info` : [`Received: ${breaking.length} breaking change(s), ${warning} warning(s), ${info} info`, ...listed].join('\n'),
  }];
  if (entry.consumers) {
    const broken = entry.consumers;
    cases.push({
      ...base, name: `every pact interaction that matched ${ref} still matches ${entry.revision}`, ok: broken.length === 0,
      ...(broken.length === 0 ? {} : { message: broken.map((consumer) => `${consumer.pact} → ${consumer.provider} '${consumer.interaction}' because ${consumer.because[0] ?? 'it no longer matches'}`).join('\n') }),
    });
  }
  return cases;
}

/**
 * The `--spec-baseline` stage of `runwarden ci`: every provider's spec against its version at the git ref, rated as
 * `runwarden spec diff --base` rates it. A breaking change, or a pact it breaks, is a failing check and fails the run.
 */
export async function specBaselineStage(options: SpecBaselineOptions): Promise<{ checks: CheckCase[]; summary: SpecBaselineSummary }> {
  const checks: CheckCase[] = [];
  const specs: SpecBaselineEntry[] = [];
  for (const profile of options.profiles) {
    const started = performance.now();
    const entry = await compareProvider(options, profile);
    specs.push(entry);
    checks.push(...casesOf(entry, options.ref, performance.now() - started));
  }
  return { checks, summary: { ref: options.ref, specs } };
}
