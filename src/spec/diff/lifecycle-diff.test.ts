import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bundledProfile } from '../../config/index.ts';
import { lifecycleFromDefinition, type ProviderProfile } from '../../core/profile/index.ts';
import { documentOf, specOf } from '../../../test/helpers/spec-pair.ts';
import { loadSpec } from '../load-spec.ts';
import { diffLifecycles } from './lifecycle-diff.ts';
import type { SpecChange } from './spec-change.ts';

type Json = Record<string, unknown>;

const ids = (changes: SpecChange[]): string[] => changes.map((change) => `${change.id}:${change.level}`);

describe('diffLifecycles on a bundled provider', () => {
  const profile = bundledProfile('deck');
  const original = parse(readFileSync(profile.spec, 'utf8')) as Json;
  const statusSchema = (document: Json): { enum: string[] } => ((document.components as Json).schemas as Json).TaskRunStatus as { enum: string[] };

  it('rates a removed terminal state breaking and a new non-terminal state a warning', async () => {
    const revised = structuredClone(original);
    const status = statusSchema(revised);
    status.enum = [...status.enum.filter((state) => state !== 'canceled'), 'paused'];
    const changes = diffLifecycles([profile], await loadSpec(profile.spec), await specOf(revised));
    expect(ids(changes)).toEqual(['run-terminal-state-removed:breaking', 'run-state-added:warning']);
    expect(changes[0]!.message).toMatch(/canceled/);
    expect(changes[0]!.operation).toBe('GET /task-runs/{run_id}');
  });

  it('finds nothing when the spec is unchanged', async () => {
    expect(diffLifecycles([profile], await loadSpec(profile.spec), await specOf(structuredClone(original)))).toEqual([]);
  });
});

/** A one-kind profile over the small specs below: create at POST /runs, poll at GET /runs/{run_id}. */
const profile: ProviderProfile = {
  name: 'jobs', spec: '/dev/null', auth: { type: 'none' }, source: 'test',
  runs: [{
    name: 'job', create: { operationId: 'createRun', runId: { from: 'body', pointer: '/id' } }, poll: { operationId: 'getRun' },
    alsoReturnedBy: [], success: ['done'], failure: ['failed'], timestamps: [], statusPointer: '/status',
    lifecycle: lifecycleFromDefinition('job', { status: '/status', initial: ['queued'], success: ['done'], failure: ['failed'], transitions: { queued: ['done', 'failed'] } }),
  }],
};

function jobsApi(options: { idPattern?: string; states?: string[]; pollPath?: string; retryAfter?: boolean; pollQuery?: boolean } = {}): Json {
  const run = { type: 'object', required: ['id', 'status'], properties: { id: { type: 'string', pattern: options.idPattern ?? '^run_[a-z0-9]+$' }, status: { type: 'string', enum: options.states ?? ['queued', 'done', 'failed'] } } };
  const ok = { description: 'ok', content: { 'application/json': { schema: run } } };
  const throttled = { description: 'slow down', ...(options.retryAfter === false ? {} : { headers: { 'Retry-After': { schema: { type: 'integer' } } } }) };
  const pollPath = options.pollPath ?? '/runs/{run_id}';
  return documentOf({
    '/runs': { post: { operationId: 'createRun', responses: { 201: ok, 429: throttled } } },
    [pollPath]: { get: { operationId: 'getRun', parameters: [{ name: 'run_id', in: 'path', required: true, schema: { type: 'string' } }, ...(options.pollQuery ? [{ name: 'expand', in: 'query', required: true, schema: { type: 'string' } }] : [])], responses: { 200: ok, 429: throttled } } },
  });
}

async function lifecycleChanges(base: Json, revision: Json): Promise<string[]> {
  return ids(diffLifecycles([profile], await specOf(base), await specOf(revision)));
}

describe('diffLifecycles from a profile', () => {
  it('rates a new terminal state and a removed non-terminal state', async () => {
    const withTerminal: ProviderProfile = { ...profile, runs: [{ ...profile.runs[0]!, lifecycle: lifecycleFromDefinition('job', { status: '/status', initial: ['queued'], success: ['done', 'skipped'], failure: ['failed'], transitions: { queued: ['done', 'failed', 'skipped'] } }) }] };
    const changes = diffLifecycles([withTerminal], await specOf(jobsApi()), await specOf(jobsApi({ states: ['done', 'failed', 'skipped'] })));
    expect(ids(changes)).toEqual(['run-state-removed:info', 'run-terminal-state-added:warning']);
  });

  it('rates a changed run id pattern breaking', async () => {
    expect(await lifecycleChanges(jobsApi(), jobsApi({ idPattern: '^job_[a-z0-9]+$' }))).toContain('run-id-pattern-changed:breaking');
  });

  it('rates a moved poll route and new required poll parameters breaking', async () => {
    expect(await lifecycleChanges(jobsApi(), jobsApi({ pollPath: '/jobs/{run_id}' }))).toEqual(['run-poll-path-changed:breaking']);
    expect(await lifecycleChanges(jobsApi(), jobsApi({ pollQuery: true }))).toEqual(['run-poll-required-parameters-changed:breaking']);
  });

  it('warns when a 429 stops documenting Retry-After', async () => {
    expect(await lifecycleChanges(jobsApi(), jobsApi({ retryAfter: false }))).toEqual(['run-rate-limit-header-removed:warning', 'run-rate-limit-header-removed:warning']);
  });

  it('rates a removed poll operation breaking', async () => {
    const revision = jobsApi();
    delete (revision.paths as Json)['/runs/{run_id}'];
    expect(await lifecycleChanges(jobsApi(), revision)).toEqual(['run-poll-operation-removed:breaking']);
  });
});
