import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Step { name?: string; run?: string; uses?: string; with?: Record<string, unknown>; env?: Record<string, string> }
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { needs?: string; if?: string; strategy?: { 'fail-fast'?: boolean; matrix: { shard: number[] } }; steps: Step[] }>;
}

describe('.github/workflows/scale-out.yml', () => {
  it('runs shards 1…n as a matrix, one artifact each, and a merge job that gates on all of them', async () => {
    const workflow = parse(await readFile(new URL('../../.github/workflows/scale-out.yml', import.meta.url), 'utf8')) as Workflow;
    expect(Object.keys(workflow.on)).toEqual(['workflow_dispatch']);
    const { shard, merge } = workflow.jobs;
    const shards = shard!.strategy!.matrix.shard;
    expect(shards).toEqual(Array.from({ length: shards.length }, (_, i) => i + 1));
    expect(shard!.strategy!['fail-fast']).toBe(false);
    const load = shard!.steps.find((step) => step.run?.includes('runwarden load'))!;
    expect(load.run).toContain(`--shard "$SHARD/${shards.length}"`);
    expect(load.run).toContain('--no-gates');
    expect(load.env?.RUNWARDEN_RUN_ID).toContain('${{ github.run_id }}');
    expect(shard!.steps.find((step) => step.uses?.startsWith('actions/upload-artifact'))?.with?.name).toBe('shard-${{ matrix.shard }}');
    expect(merge!.needs).toBe('shard');
    expect(merge!.steps.find((step) => step.uses?.startsWith('actions/download-artifact'))?.with).toMatchObject({ pattern: 'shard-*', 'merge-multiple': true });
    expect(merge!.steps.some((step) => step.run?.startsWith('npx runwarden report merge shard-results/*.json'))).toBe(true);
  });
});
