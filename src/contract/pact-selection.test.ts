import { describe, expect, it } from 'vitest';
import { bundledProfile, loadConfig, ProviderSet } from '../config/index.ts';
import { pactCopy, rawPact } from '../../test/helpers/pact-copies.ts';
import { jobsConfig, jobsProject } from '../../test/helpers/jobs-provider.ts';
import { bundledPactsDir } from './bundled-pacts.ts';
import { selectPacts } from './pact-selection.ts';

const bundled = ['rightbrain', 'deck', 'refactor'].map((name) => bundledProfile(name));

describe('selectPacts', () => {
  it('matches each checked-in pact to the profile its provider.name selects', async () => {
    const { pacts, withoutPacts } = await selectPacts({ pacts: bundledPactsDir(), profiles: bundled });
    expect(pacts.map((pact) => [pact.provider, pact.profile.name, pact.profile.extension])).toEqual([['deck', 'deck', 'deck'], ['refactor', 'refactor', 'refactor'], ['rightbrain', 'rightbrain', 'rightbrain']]);
    expect(withoutPacts).toEqual([]);
  });

  it('refuses a pact for a provider that is not configured, listing the configured names and how to add one', async () => {
    const { dir } = pactCopy('deck', (pact) => { pact.provider.name = 'dekc'; });
    const error = await selectPacts({ pacts: dir, profiles: bundled, configured: new ProviderSet(bundled, 'runwarden.config.yaml') }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'PROVIDER_UNKNOWN' });
    expect((error as Error).message).toMatch(/runwarden-deck\.json: pact for unknown provider "dekc" \(did you mean deck\?\)\nConfigured providers \(runwarden\.config\.yaml\): rightbrain, deck, refactor$/);
    expect((error as { hint: string }).hint).toContain('Add it under `providers:` in runwarden.config.yaml');
    expect((error as { hint: string }).hint).toContain("make the pact's provider.name a configured provider");
    expect((error as { hint: string }).hint).not.toContain('PactV4');
  });

  it('leaves out the pacts of configured providers that are not selected, and refuses the same pacts when nothing configures them', async () => {
    const deck = bundledProfile('deck');
    const { pacts } = await selectPacts({ pacts: bundledPactsDir(), profiles: [deck], configured: new ProviderSet(bundled, 'test') });
    expect(pacts.map((pact) => pact.provider)).toEqual(['deck']);
    await expect(selectPacts({ pacts: bundledPactsDir(), profiles: [deck] })).rejects.toMatchObject({ code: 'PROVIDER_UNKNOWN', message: expect.stringContaining('Configured providers (selected): deck') });
  });

  it('notes every selected provider without pacts, whether none are configured or none is for it', async () => {
    const project = jobsProject(jobsConfig({ pacts: './pacts' }));
    const jobs = loadConfig({ cwd: project.dir }).providers.get('jobs');
    expect((await selectPacts({ profiles: [jobs] })).withoutPacts).toEqual([{ profile: jobs, note: 'no pacts for jobs (no pacts are configured)' }]);
    const { dir } = rawPact('{}', 'notes.txt');
    const { pacts, withoutPacts } = await selectPacts({ pacts: dir, profiles: [jobs] });
    expect(pacts).toEqual([]);
    expect(withoutPacts[0]!.note).toMatch(/^no pacts for jobs \(none in .*copy-/);
    expect((await selectPacts({ pacts: project.pacts, profiles: [jobs] })).pacts.map((pact) => [pact.provider, pact.consumer])).toEqual([['jobs', 'jobs-dashboard']]);
  });
});
