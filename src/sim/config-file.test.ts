import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundled } from '../../test/helpers/sim-kit.ts';
import { RunwardenError } from '../core/errors.ts';
import { readSimulatorConfig, validateSimulatorConfig } from './config-file.ts';
import { startSimulator } from './start-simulator.ts';

function problemsOf(value: unknown): string {
  try {
    validateSimulatorConfig(value, 'sim.json');
  } catch (error) {
    expect(error).toBeInstanceOf(RunwardenError);
    expect((error as RunwardenError).code).toBe('CONFIG_INVALID');
    return (error as RunwardenError).message;
  }
  return '';
}

describe('simulator config file', () => {
  it('accepts a full valid config, its `providers` list becoming `only`', () => {
    const config = {
      seed: 7, timeScale: 0.5, adminToken: 'adm',
      timing: { deck: { queued: { medianMs: 100, p99Ms: 400 }, interactionWindowMs: 5000 }, stateHoldMs: 1000 },
      outcomes: { deck: { success: 1, interaction: 1 } },
      limits: { bodyLimitBytes: 2048, jsonDepth: 32, store: { ttlMs: 1000, maxRuns: 10 }, rateLimits: { deck: { requests: 200, windowMs: 10_000 }, refactor: true } },
      faults: [{ provider: 'deck', operations: ['getTaskRun'], error: { rate: 0.1, statuses: [503] }, drop: { rate: 0.01, afterMs: 1000 } }],
      scenarios: { deck: { task_abc: 'review' } },
      unknownIds: { deck: ['task_gone'] },
    };
    expect(validateSimulatorConfig({ ...config, providers: ['deck'] }, 'sim.json')).toEqual({ ...config, only: ['deck'] });
  });

  it('reports every problem of its shape together, each with its path', () => {
    const message = problemsOf({
      port: 70000,
      timeScale: -1,
      providers: ['deck', 7],
      timing: { Deck: { queued: {} }, refactor: 5 },
      faults: [{ provider: 'deck', error: { rate: 2, statuses: [418] } }, { latency: 5 }],
      limits: { rateLimits: { deck: { requests: 0 } } },
      surprise: true,
    });
    expect(message).toMatch(/has 10 problems/);
    for (const path of ['sim.json.port', 'sim.json.timeScale', 'sim.json.providers[1]', 'sim.json.timing.Deck', 'sim.json.timing.refactor',
      'sim.json.faults[0].error.rate', 'sim.json.faults[0].error.statuses[0]', 'sim.json.faults[1].latency', 'sim.json.limits.rateLimits.deck.requests', 'sim.json.surprise']) {
      expect(message).toContain(path);
    }
  });

  it('reads a file, and names unreadable files, bad JSON and providers the config does not have', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rw-sim-'));
    await writeFile(join(dir, 'ok.json'), '{"seed": 3}');
    await writeFile(join(dir, 'bad.json'), '{"seed": ');
    await writeFile(join(dir, 'typo.json'), JSON.stringify({ timing: { dekc: {} }, faults: [{ provider: 'refactr', reset: { rate: 1 } }] }));
    expect(await readSimulatorConfig(join(dir, 'ok.json'))).toEqual({ seed: 3, source: join(dir, 'ok.json') });
    await expect(readSimulatorConfig(join(dir, 'bad.json'))).rejects.toMatchObject({ code: 'JSON_INVALID' });
    await expect(readSimulatorConfig(join(dir, 'missing.json'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    const typo = await readSimulatorConfig(join(dir, 'typo.json'), ['deck', 'refactor']).catch((error: unknown) => error as RunwardenError);
    expect(typo).toMatchObject({ code: 'CONFIG_INVALID' });
    expect((typo as Error).message).toContain('typo.json.timing.dekc: no provider "dekc" (did you mean deck?); configured: deck, refactor');
    expect((typo as Error).message).toContain('typo.json.faults[0].provider: no provider "refactr" (did you mean refactor?)');
  });

  it('has the engine check each provider\'s sections when the simulator starts, every problem at once', async () => {
    const error = await startSimulator({
      providers: bundled('deck', 'rightbrain'),
      source: 'sim.json',
      validateRequestBodies: false,
      timing: { deck: { queued: { medianMs: 'fast' } }, rightbrain: { think: { medianMs: 1, p99Ms: 2 } } },
      outcomes: { deck: { sucess: 1 } },
      scenarios: { rightbrain: { '01968f2e-7c41-7a3b-9d52-6e1f0b8c4a27': 'maybe' } },
      limits: { rateLimits: { rightbrain: true } },
      faults: [{ provider: 'deck', operations: ['fetchTaskRun'], error: { rate: 1 } }],
    }).catch((caught: unknown) => caught as RunwardenError);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', hint: expect.stringContaining('docs/simulator.md') });
    const message = (error as Error).message;
    expect(message).toMatch(/sim\.json has 6 problems/);
    for (const line of [
      'sim.json.timing.deck.queued.medianMs: must be a number',
      'sim.json.timing.rightbrain.think: unknown key; expected one of default, syncMaxWaitMs, completed, error, running',
      'sim.json.outcomes.deck.sucess: unknown key',
      'sim.json.scenarios.rightbrain.01968f2e-7c41-7a3b-9d52-6e1f0b8c4a27: must be one of completed, error, failed, stuck',
      'sim.json.limits.rateLimits.rightbrain: rightbrain documents no rate limit',
      'sim.json.faults[0].operations[0]: unknown operationId "fetchTaskRun" for deck',
    ]) expect(message).toContain(line);
  });

  it('ignores the sections of providers that are not mounted, so one file serves any --provider', async () => {
    const sim = await startSimulator({ providers: bundled('refactor'), validateRequestBodies: false, timing: { deck: { queued: { medianMs: 'fast' } } }, faults: [{ provider: 'deck', operations: ['nope'], error: { rate: 1 } }] });
    await sim.close();
    expect(Object.keys(sim.urls)).toEqual(['refactor']);
  });
});
