import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { loadConfig } from '../../src/config/index.ts';
import { readScenarioFile } from '../../src/load/index.ts';

const DIR = fileURLToPath(new URL('../../deploy/k8s/', import.meta.url));

type Manifest = { apiVersion: string; kind: string; metadata: { name: string } } & Record<string, unknown>;

/** Every document of every manifest file, by `kind/name`. */
async function manifests(): Promise<Map<string, Manifest>> {
  const out = new Map<string, Manifest>();
  for (const file of (await readdir(DIR)).filter((name) => name.endsWith('.yaml'))) {
    for (const document of parseAllDocuments(await readFile(path.join(DIR, file), 'utf8'))) {
      expect(document.errors, file).toEqual([]);
      const manifest = document.toJS() as Manifest;
      out.set(`${manifest.kind}/${manifest.metadata.name}`, manifest);
    }
  }
  return out;
}

/** Validates with kubernetes-models' generated JSON schemas of the Kubernetes API; throws on the first invalid object. */
function validate(manifest: Manifest): void {
  const models: Record<string, new (data: never) => { validate(): void }> = {
    'batch/v1 Job': Job, 'v1 ConfigMap': ConfigMap, 'v1 PersistentVolumeClaim': PersistentVolumeClaim,
  };
  const Model = models[`${manifest.apiVersion} ${manifest.kind}`];
  if (!Model) throw new Error(`no schema for ${manifest.apiVersion} ${manifest.kind}`);
  new Model(manifest as never).validate();
}

interface Container { args: string[]; env: Array<{ name: string; valueFrom?: { configMapKeyRef?: { key: string }; secretKeyRef?: unknown } }> }
const containerOf = (job: Manifest): Container => (job.spec as { template: { spec: { containers: Container[] } } }).template.spec.containers[0]!;

describe('deploy/k8s', () => {
  it('holds a ConfigMap, a results volume, an Indexed shard Job and a merge Job, each valid against the Kubernetes API schema', async () => {
    const all = await manifests();
    expect([...all.keys()].sort()).toEqual(['ConfigMap/runwarden-scale-out', 'Job/runwarden-merge', 'Job/runwarden-shards', 'PersistentVolumeClaim/runwarden-results']);
    for (const manifest of all.values()) expect(() => validate(manifest)).not.toThrow();
  });

  it('the validator rejects what the API server would (so the check above can fail)', async () => {
    const shards = (await manifests()).get('Job/runwarden-shards')!;
    const spec = shards.spec as Record<string, unknown>;
    expect(() => validate({ ...shards, spec: { ...spec, completions: 'four' } })).toThrow();
    expect(() => validate({ ...shards, spec: { ...spec, template: undefined } })).toThrow();
  });

  it('runs one shard per index with JOB_COMPLETION_INDEX + 1 of as many shards as the ConfigMap says, without gating', async () => {
    const all = await manifests();
    const shards = all.get('Job/runwarden-shards')!;
    const spec = shards.spec as { completionMode: string; completions: number; parallelism: number };
    const data = (all.get('ConfigMap/runwarden-scale-out')!.data as Record<string, string>);
    expect(spec.completionMode).toBe('Indexed');
    expect(spec.completions).toBe(Number(data.shards));
    expect(spec.parallelism).toBe(spec.completions);
    const container = containerOf(shards);
    const command = container.args.join(' ');
    expect(command).toContain('--shard "$((JOB_COMPLETION_INDEX + 1))/$SHARDS"');
    expect(command).toContain('--no-gates');
    expect(command).toContain('--run-id "$RUNWARDEN_RUN_ID"');
    expect(container.env.find((env) => env.name === 'RUNWARDEN_RUN_ID')?.valueFrom?.configMapKeyRef?.key).toBe('run-id');
    // Tokens come from a Secret, never from the ConfigMap.
    expect(container.env.find((env) => env.name === 'REFACTOR_API_KEY')?.valueFrom?.secretKeyRef).toBeDefined();
    const merge = containerOf(all.get('Job/runwarden-merge')!).args.join(' ');
    expect(merge).toContain('runwarden report merge "/results/$RUNWARDEN_RUN_ID"/*.json');
  });

  it('the ConfigMap carries a config and a scenario runwarden accepts', async () => {
    const data = (await manifests()).get('ConfigMap/runwarden-scale-out')!.data as Record<string, string>;
    const dir = await mkdtemp(path.join(tmpdir(), 'runwarden-k8s-'));
    const scenarioFile = path.join(dir, 'scenario.yaml');
    await writeFile(scenarioFile, data['scenario.yaml']!);
    await writeFile(path.join(dir, 'runwarden.config.yaml'), data['runwarden.config.yaml']!.replace('/etc/runwarden/scenario.yaml', scenarioFile));
    const config = loadConfig({ file: path.join(dir, 'runwarden.config.yaml') });
    expect(config.providers.names).toEqual(['refactor']);
    const scenario = await readScenarioFile(scenarioFile);
    expect(scenario.name).toBe('refactor-async-big');
  });
});
