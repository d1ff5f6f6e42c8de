import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad, type LoadResult } from '../../load/index.ts';
import { startFakeRunApi, type FakeRunApi } from '../../load/fake-run-api.fixture.ts';
import { fakeScenario } from '../../load/fake-scenario.fixture.ts';
import type { Io } from '../command.ts';
import { main } from '../main.ts';

describe('runwarden report merge', () => {
  let dir: string, api: FakeRunApi;
  const files: string[] = [];
  let out = '', err = '';
  const io: Io = { out: (text) => void (out += text), err: (text) => void (err += text), isTty: false };
  const run = async (args: string[]): Promise<number> => { out = ''; err = ''; return main(args, io); };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'runwarden-merge-'));
    api = await startFakeRunApi({ pollsToFinish: 1 });
    const scenario = fakeScenario({ model: { kind: 'closed', connections: 3 }, durationMs: 5_000, maxRuns: 9, thresholds: { maxLostRuns: 0 } });
    for (let index = 1; index <= 3; index++) {
      const result: LoadResult = await runLoad({ scenario, targets: { fake: api.url }, shard: { index, count: 3, runId: 'cli-1' }, gates: false });
      const file = join(dir, `shard-${index}.json`);
      await writeFile(file, JSON.stringify(result));
      files.push(file);
    }
  });
  afterAll(async () => {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('merges the shards, gates once and writes the merged result and the four reports', async () => {
    const code = await run(['report', 'merge', ...files, '--out', join(dir, 'reports'), '--json']);
    expect(err).toMatch(/merged 3 shards of run cli-1/);
    expect(code).toBe(0);
    const merged = JSON.parse(out) as LoadResult;
    expect(merged.runs.created).toBe(9);
    expect(merged.generator.arrivals).toBe(9);
    expect(merged.gates).toEqual([expect.objectContaining({ name: 'lost runs', measured: 0, pass: true })]);
    expect(await readdir(join(dir, 'reports', 'load'))).toEqual([expect.stringMatching(/^fake-.*-merged\.json$/)]);
    expect((await readdir(join(dir, 'reports', 'latest'))).sort()).toEqual(['index.html', 'junit.xml', 'summary.json', 'summary.md']);
  });

  it('exits 2 with a clear message for a missing shard, a file that is not a result, or no file', async () => {
    expect(await run(['report', 'merge', files[0]!, files[2]!])).toBe(2);
    expect(err).toMatch(/run "cli-1" has 3 shards; missing 2\/3/);
    const other = join(dir, 'other.json');
    await writeFile(other, '{"hello": 1}');
    expect(await run(['report', 'merge', ...files, other])).toBe(2);
    expect(err).toMatch(/other\.json is not a load result/);
    expect(await run(['report', 'merge'])).toBe(2);
    expect(err).toMatch(/name the result JSON of every shard/);
    expect(err).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  });

  it('the closed model splits its clients and maxRuns across shards (9 runs over 3 shards: 3 each)', async () => {
    const results = await Promise.all(files.map(async (file) => JSON.parse(await readFile(file, 'utf8')) as LoadResult));
    expect(results.map((result) => result.generator.arrivals)).toEqual([3, 3, 3]);
    await expect(runLoad({ scenario: fakeScenario({ model: { kind: 'closed', connections: 2 } }), targets: { fake: api.url }, shard: { index: 3, count: 3, runId: 'x' } }))
      .rejects.toThrow(/shard 3\/3 gets none of the 2 clients/);
  });
});
