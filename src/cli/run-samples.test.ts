import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunwardenError } from '../core/errors.ts';
import { ofProvider, readRunSamples } from './run-samples.ts';

const folder = (files: Record<string, string>): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'runwarden-run-samples-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
};

describe('readRunSamples', () => {
  it('finds the run folder\'s samples.har and the spec its summary.json records for each sampled provider', async () => {
    const dir = folder({ 'samples.har': '{}', 'summary.json': JSON.stringify({ samples: { file: 'samples.har', specs: { deck: '/specs/deck.yaml', odd: 7 } } }) });
    expect(await readRunSamples(dir)).toEqual({ har: path.join(dir, 'samples.har'), specs: { deck: '/specs/deck.yaml' } });
    expect(await readRunSamples(folder({ 'samples.har': '{}' }))).toEqual({ har: expect.stringMatching(/samples\.har$/), specs: {} });
  });

  it('refuses a path that is not a folder, and a folder without samples, saying where samples come from', async () => {
    const dir = folder({ 'summary.json': '{}' });
    const missing = await readRunSamples(dir).catch((error: unknown) => error) as RunwardenError;
    expect(missing).toBeInstanceOf(RunwardenError);
    expect(missing.message).toMatch(/no samples\.har in .*runwarden-run-samples-/);
    expect(missing.hint).toMatch(/runwarden load --samples/);
    await expect(readRunSamples(path.join(dir, 'summary.json'))).rejects.toThrow(/is not a folder/);
  });
});

describe('ofProvider', () => {
  it('accepts the entries a load run sampled from the provider, and entries that name none', () => {
    const deck = ofProvider('deck');
    expect([{ _provider: 'deck' }, { _provider: 'refactor' }, {}, null].map(deck)).toEqual([true, false, true, true]);
  });
});
