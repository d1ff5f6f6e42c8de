import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lifecycleFromDefinition } from '../../core/profile/index.ts';
import { loadSpec } from '../../spec/index.ts';
import { bundledProfile, loadConfig, PRESETS_DIR } from '../load-config.ts';
import type { RawProfile } from '../resolve-profile.ts';
import { inferProfile } from './infer-profile.ts';
import type { DraftRun, ProfileDraft } from './profile-draft.ts';
import { renderConfig } from './render-config.ts';

/**
 * Inference on the three bundled specs must give back the bundled profiles' lifecycles: the same states,
 * initial states, success/failure split and terminal set; its transitions may allow more than the bundled ones
 * (they are a guess), never less. Every other field is compared too, and where the two differ the difference is
 * listed below with its reason: a new difference, or one that goes away, fails the test.
 */
const KNOWN_DIFFERENCES = {
  deck: [
    // The bundled profile names the variable DECK_API_KEY; for a bearer scheme inference derives <NAME>_TOKEN.
    'auth.tokenEnv',
    // Interaction answers and the organisation rate limit are the Deck extension's: no spec says them.
    'extension',
    // A hand-trimmed body; inference takes the spec's first request example (withCredential).
    'task-run.create.body',
    // 100ms is a choice of the bundled profile; the spec says nothing about how often to poll.
    'task-run.poll.interval',
  ],
  refactor: [
    'auth.tokenEnv',
    // mode=sync (the create's 200) is simulated by the extension; inference keeps mode=async and says so in a comment.
    'extension',
    'run.create.body',
    // The bundled id is the simulator's pinned runnable; inference takes the spec's example id.
    'run.create.params',
    'run.poll.interval',
  ],
  rightbrain: [
    'auth.tokenEnv',
    // The agent's event stream and the task registry are simulator code.
    'extension',
    // Named from its path (…/task-agent/{id}/run/{run_id}) where the bundled profile says agent-run.
    'agent-run: named task-agent-run',
    'agent-run.create.body',
    'agent-run.create.params',
    'agent-run.poll.interval',
    'task-run.create.body',
    'task-run.create.params',
    'task-run.poll.interval',
  ],
} as const;

type Bundled = keyof typeof KNOWN_DIFFERENCES;
const BUNDLED = Object.keys(KNOWN_DIFFERENCES) as Bundled[];

/** The comment each bundled spec's config carries about what inference cannot settle from the spec alone. */
const COMMENTED: Record<Bundled, RegExp> = {
  deck: /# medium: interaction_required, review_required: the run waits for its caller here\.\n\s+# Check: a load run does not answer it/,
  refactor: /# medium: POST \/runnable\/\{id\}\/runs \(runRunnable\) also answers 200 with the run itself \(a synchronous mode\)/,
  rightbrain: /# medium: \/is_error: the run has no status field; the boolean "is_error" tells success from failure/,
};

async function inferred(name: Bundled): Promise<ProfileDraft> {
  return inferProfile(await loadSpec(path.join(PRESETS_DIR, `${name}.openapi.yaml`)), { name });
}

function rawBundled(name: Bundled): RawProfile {
  return parse(readFileSync(path.join(PRESETS_DIR, `${name}.profile.yaml`), 'utf8')) as RawProfile;
}

/** Each bundled run kind with the inferred one that creates with the same operation. */
function pairedRuns(draft: ProfileDraft, raw: RawProfile): Array<{ name: string; bundled: DraftRun; inferredName: string; inferred: DraftRun }> {
  return Object.entries(raw.runs).map(([name, bundled]) => {
    const match = Object.entries(draft.profile.runs).find(([, run]) => run.create.operationId === bundled.create.operationId);
    expect(match, `a run kind created by ${bundled.create.operationId}`).toBeDefined();
    return { name, bundled, inferredName: match![0], inferred: match![1] };
  });
}

const sorted = (values: readonly string[] | undefined): string[] | undefined => (values ? [...values].sort() : values);

/** The fields compared one to one (lifecycle states as sets; transitions are checked as a superset apart). */
function comparable(run: DraftRun): Record<string, unknown> {
  return {
    'create.operationId': run.create.operationId,
    'create.params': run.create.params,
    'create.query': run.create.query,
    'create.headers': run.create.headers,
    'create.body': run.create.body,
    'create.runId': run.create.runId ?? { body: '/id' },
    'create.sync': run.create.sync === true,
    'poll.operationId': run.poll?.operationId,
    'poll.interval': run.poll?.interval,
    'cancel.operationId': run.cancel?.operationId,
    alsoReturnedBy: sorted(run.alsoReturnedBy ?? []),
    'lifecycle.status': run.lifecycle.status,
    'lifecycle.initial': sorted(run.lifecycle.initial),
    'lifecycle.success': sorted(run.lifecycle.success),
    'lifecycle.failure': sorted(run.lifecycle.failure),
    'lifecycle.cancel': run.lifecycle.cancel,
    'lifecycle.timestamps': run.lifecycle.timestamps ?? [],
  };
}

describe.each(BUNDLED)('inference on the bundled %s spec', (name) => {
  it('reproduces the lifecycle: states, initial, success, failure and terminal set; transitions a superset', async () => {
    const draft = await inferred(name);
    const profile = bundledProfile(name);
    expect(Object.keys(draft.profile.runs)).toHaveLength(profile.runs.length);
    for (const kind of profile.runs) {
      const run = Object.entries(draft.profile.runs).find(([, candidate]) => candidate.create.operationId === kind.create.operationId)!;
      const lifecycle = lifecycleFromDefinition(`${name}.${run[0]}`, run[1].lifecycle);
      expect(sorted(lifecycle.statuses)).toEqual(sorted(kind.lifecycle.statuses));
      expect(sorted(lifecycle.initial)).toEqual(sorted(kind.lifecycle.initial));
      expect(sorted(run[1].lifecycle.success)).toEqual(sorted(kind.success));
      expect(sorted(run[1].lifecycle.failure)).toEqual(sorted(kind.failure));
      expect(sorted(lifecycle.terminal)).toEqual(sorted(kind.lifecycle.terminal));
      for (const [from, targets] of Object.entries(kind.lifecycle.transitions)) {
        for (const to of targets) expect(lifecycle.transitions[from], `${kind.lifecycle.name}: ${from} → ${to}`).toContain(to);
      }
    }
  });

  it('differs from the bundled profile only where listed, and for the reasons given', async () => {
    const draft = await inferred(name);
    const raw = rawBundled(name);
    const differences: string[] = [];
    if (draft.profile.auth && raw.auth && JSON.stringify(draft.profile.auth) !== JSON.stringify(raw.auth)) {
      expect(draft.profile.auth.type).toBe(raw.auth.type);
      differences.push('auth.tokenEnv');
    }
    if (draft.profile.extension !== raw.extension) differences.push('extension');
    for (const pair of pairedRuns(draft, raw)) {
      if (pair.inferredName !== pair.name) differences.push(`${pair.name}: named ${pair.inferredName}`);
      const [ours, theirs] = [comparable(pair.inferred), comparable(pair.bundled)];
      for (const field of Object.keys(ours)) {
        if (JSON.stringify(ours[field]) !== JSON.stringify(theirs[field])) differences.push(`${pair.name}.${field}`);
      }
      // Where the bundled profile names the run id's parameter, inference names the same one.
      if (pair.bundled.poll?.runIdParam) expect(pair.inferred.poll?.runIdParam).toBe(pair.bundled.poll.runIdParam);
    }
    expect(differences.sort()).toEqual([...KNOWN_DIFFERENCES[name]].sort());
  });

  it('writes a config that loads and says what the spec alone cannot settle', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), `runwarden-infer-${name}-`));
    try {
      const files = { config: path.join(dir, 'runwarden.config.yaml'), scenario: path.join(dir, 'load', `${name}-create-poll.yaml`) };
      const text = renderConfig(await inferred(name), files);
      expect(text).toMatch(COMMENTED[name]);
      writeFileSync(files.config, text);
      expect(loadConfig({ file: files.config }).providers.get(name).runs).toHaveLength(bundledProfile(name).runs.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
