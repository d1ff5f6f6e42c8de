import type { ProviderProfile } from '../../core/profile/index.ts';
import { isRecord, type Check, type OptionsChecker } from '../options-checker.ts';
import type { ProviderRuntime } from './runtime.ts';

/** How the engine checks each of a provider's sections of the simulator options. */
export type SectionChecks = Partial<Record<'timing' | 'outcomes' | 'scenarios', (check: OptionsChecker) => Check>>;

/**
 * A provider's timing, outcomes and scenarios sections, checked by the given rules (problems go to
 * `runtime.check` with their path, e.g. `sim.json.timing.jobs.pending`); a section with no rules is a
 * problem too. Unusable sections read as absent.
 */
export function readSections(profile: ProviderProfile, runtime: ProviderRuntime, extension: string, checks: SectionChecks): {
  timing: Record<string, unknown>;
  outcomes: Record<string, unknown> | undefined;
  scenarios: Record<string, unknown>;
} {
  const { check, sections, config } = runtime;
  const read = (section: 'timing' | 'outcomes' | 'scenarios'): Record<string, unknown> | undefined => {
    const value = sections[section];
    if (value === undefined) return undefined;
    const path = `${config.source}.${section}.${profile.name}`;
    const rule = checks[section];
    if (rule === undefined) {
      check.problem(path, `the ${extension} extension takes no ${section}`);
      return undefined;
    }
    const before = check.problems.length;
    rule(check)(value, path);
    return check.problems.length === before && isRecord(value) ? value : undefined;
  };
  return { timing: read('timing') ?? {}, outcomes: read('outcomes'), scenarios: read('scenarios') ?? {} };
}
