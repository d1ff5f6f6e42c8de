import { describe, expect, it } from 'vitest';
import { fixturePath } from '../../test/fixtures/fixture-path.ts';
import { jobsConfig, jobsProject } from '../../test/helpers/jobs-provider.ts';
import { bundledProfile, loadConfig, loadProfileFile } from '../config/index.ts';
import { checkLifecycle } from '../core/lifecycle/index.ts';
import type { ProviderProfile } from '../core/profile/index.ts';
import { walkProfile } from './conformance-walk.fixture.ts';
import { loadFixture } from './generic/generic-harness.fixture.ts';
import { JOBS_PROFILE, JOBS_SPEC } from './generic/jobs-api.fixture.ts';

// Every spec the tests hold, served by the generic engine from its spec and profile alone (the bundled providers
// without their extensions): seeded random walks over each profile's operations, every answer validated strictly,
// every run's observed states legal by its lifecycle, every run polled to a terminal state on the virtual clock.
const generic = (profile: ProviderProfile): ProviderProfile => {
  const { extension: _extension, extensionOptions: _options, ...rest } = profile;
  return rest;
};
const SUBJECTS: Array<{ label: string; profile: () => ProviderProfile | Promise<ProviderProfile> }> = [
  { label: 'Deck (bundled)', profile: () => generic(bundledProfile('deck')) },
  { label: 're-factor (bundled)', profile: () => generic(bundledProfile('refactor')) },
  { label: 'Rightbrain (bundled: a synchronous create and an SSE create)', profile: () => generic(bundledProfile('rightbrain')) },
  { label: 'the e2e jobs API (Location create, API-key header)', profile: () => loadProfileFile(fixturePath('jobs/jobs.profile.yaml')) },
  { label: 'exports (201 with only a Location header, key in the query, DELETE cancel)', profile: () => loadProfileFile(fixturePath('specs/sim/exports.profile.yaml')) },
  { label: 'pipelines (status at /state/phase/name, a two-step cancel)', profile: () => loadProfileFile(fixturePath('specs/sim/pipelines.profile.yaml')) },
  { label: 'reports (OpenAPI 3.0 with nullable)', profile: () => loadProfileFile(fixturePath('specs/sim/reports-3.0.profile.yaml')) },
  { label: 'the generic engine tests\' jobs API (3.1 type arrays, oneOf, formats)', profile: async () => (await loadFixture(JOBS_SPEC, JOBS_PROFILE)).profile },
  { label: 'the contract tests\' jobs API (a user\'s runwarden.config.yaml)', profile: () => loadConfig({ file: jobsProject(jobsConfig()).config }).providers.get('jobs') },
];
/** Random actions per spec (about 1,300 requests with the final polls). */
const STEPS = 1_500;

describe.each(SUBJECTS.map((subject, index) => ({ ...subject, seed: 7_001 + index })))('the generic engine serving $label', ({ profile: load, seed }) => {
  it('answers a seeded random walk with strictly conforming responses, legal transitions, no 5xx, and every run ends', async () => {
    const profile = await load();
    const { walk, internalErrors, illegal, unended } = await walkProfile(profile, seed, STEPS);
    expect(walk.findings, walk.findings.join('\n\n')).toEqual([]);
    expect(internalErrors).toBe(0);
    expect([...walk.statuses.keys()].filter((status) => status >= 500)).toEqual([]);
    expect(illegal.slice(0, 10), illegal.slice(0, 10).join('\n')).toEqual([]);
    expect(unended.slice(0, 10), `${unended.length} runs never ended`).toEqual([]);
    expect(walk.requests).toBeGreaterThan(STEPS * 0.75);
    expect(walk.runs.length).toBeGreaterThan(STEPS / 10);
    // More than the happy path: errors were asked for and answered, and some run of the profile failed.
    expect([...walk.statuses.keys()].some((status) => status >= 400)).toBe(true);
    expect(profile.runs.some((kind) => kind.failure.some((state) => walk.seenStates.has(`${kind.name}:${state}`)))).toBe(true);
  }, 60_000);
});

describe('the conformance walk', () => {
  it('goes red when the simulator misbehaves: injected 5xx answers and runs that never end are reported', async () => {
    const profile = loadProfileFile(fixturePath('jobs/jobs.profile.yaml'));
    const { walk, unended } = await walkProfile(profile, 42, 300, [{ provider: profile.name, error: { rate: 0.05 }, stuck: { rate: 0.2 } }]);
    expect(walk.findings.some((finding) => finding.includes('5xx'))).toBe(true);
    expect(unended.length).toBeGreaterThan(0);
    // A run's observations played backwards (an ended run seen to start again) are flagged by the same check.
    const ended = walk.runs.find((run) => walk.isTerminal(run) && new Set(run.observations.map((seen) => run.kind.lifecycle.statusOf(seen.body))).size > 1)!;
    const backwards = checkLifecycle(ended.kind.lifecycle, 'readJob', [...ended.observations].reverse());
    expect(backwards.map((violation) => violation.code)).toContain('TERMINAL_CHANGED');
  });
});
