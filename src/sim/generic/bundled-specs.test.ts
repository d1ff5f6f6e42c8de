import { afterAll, describe, expect, it } from 'vitest';
import { bundledProfile } from '../../config/index.ts';
import { checkLifecycle } from '../../core/lifecycle/index.ts';
import { loadSpec } from '../../spec/index.ts';
import { driveRun } from './drive-run.fixture.ts';
import { findingsOf, startHarness, type Harness } from './generic-harness.fixture.ts';

// The bundled providers' specs and profiles, served by the generic engine instead of their extensions: real,
// hand-written specs the engine knows nothing about (SSE creates, synchronous creates, mapped statuses,
// envelopes), so every answer conforming strictly shows the engine serves a spec it was not written for.
const open: Harness[] = [];
afterAll(() => Promise.all(open.map((harness) => harness.close())));

describe.each(['deck', 'refactor', 'rightbrain'])('the %s spec served by the generic engine', (name) => {
  it('runs every run kind of the profile to a terminal state, each answer conforming and each transition legal', async () => {
    const { extension: _extension, ...profile } = bundledProfile(name);
    const harness = await startHarness(profile, await loadSpec(profile.spec));
    open.push(harness);
    expect(harness.provider.notes).toEqual([]);
    for (const kind of profile.runs) {
      for (let run = 0; run < 3; run++) {
        const driven = await driveRun(harness, kind);
        expect(findingsOf(harness, kind.create.operationId, driven.create)).toEqual([]);
        expect(driven.id, `${kind.name}: no run id in the create's answer`).toBeDefined();
        const bodies = [...driven.events.map((event) => event.data), ...driven.polls.map((poll) => poll.body)];
        if (kind.create.sync) bodies.unshift(driven.create.body);
        for (const poll of driven.polls) {
          expect(poll.status).toBe(200);
          expect(findingsOf(harness, kind.poll!.operationId, poll)).toEqual([]);
        }
        expect(checkLifecycle(kind.lifecycle, kind.name, bodies.map((body, index) => ({ body, observedAt: index })))).toEqual([]);
        const last = kind.lifecycle.statusOf(bodies.at(-1));
        expect(kind.lifecycle.terminal, `${kind.name} ended in ${String(last)}`).toContain(last);
      }
    }
  });
});
