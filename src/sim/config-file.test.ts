import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunwardenError } from '../core/errors.ts';
import { readSimulatorConfig, validateSimulatorConfig } from './config-file.ts';

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
  it('accepts a full valid config', () => {
    const config = {
      seed: 7, timeScale: 0.5, providers: ['deck'], adminToken: 'adm',
      timing: { deck: { queued: { medianMs: 100, p99Ms: 400 }, interactionWindowMs: 5000 }, stateHoldMs: 1000 },
      outcomes: { deck: { success: 1, interaction: 1 } },
      limits: { bodyLimitBytes: 2048, store: { ttlMs: 1000, maxRuns: 10 }, deckRateLimit: { requests: 200, windowMs: 10_000 } },
      faults: [{ provider: 'deck', operations: ['getTaskRun'], error: { rate: 0.1, statuses: [503] }, drop: { rate: 0.01, afterMs: 1000 } }],
      scenarios: { deck: { task_abc: 'review' } },
      unknownIds: { deck: ['task_gone'] },
    };
    expect(validateSimulatorConfig(config, 'sim.json')).toEqual(config);
  });

  it('reports every problem together, each with its path', () => {
    const message = problemsOf({
      port: 70000,
      timeScale: -1,
      providers: ['deck', 'stripe'],
      timing: { deck: { queued: { medianMs: 'fast' } } },
      faults: [{ provider: 'deck', operations: ['fetchTaskRun'], error: { rate: 2, statuses: [418] } }, { latency: 5 }],
      limits: { deckRateLimit: { requests: 0 } },
      surprise: true,
    });
    expect(message).toMatch(/has 10 problems/);
    for (const path of ['sim.json.port', 'sim.json.timeScale', 'sim.json.providers[1]', 'sim.json.timing.deck.queued.medianMs',
      'sim.json.faults[0].operations[0]', 'sim.json.faults[0].error.rate', 'sim.json.faults[0].error.statuses[0]', 'sim.json.faults[1].latency',
      'sim.json.limits.deckRateLimit.requests', 'sim.json.surprise']) {
      expect(message).toContain(path);
    }
  });

  it('reads a file, and names unreadable files and bad JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rw-sim-'));
    await writeFile(join(dir, 'ok.json'), '{"seed": 3}');
    await writeFile(join(dir, 'bad.json'), '{"seed": ');
    expect(await readSimulatorConfig(join(dir, 'ok.json'))).toEqual({ seed: 3 });
    await expect(readSimulatorConfig(join(dir, 'bad.json'))).rejects.toMatchObject({ code: 'JSON_INVALID' });
    await expect(readSimulatorConfig(join(dir, 'missing.json'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });
});
