import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { bundledScenarioSources, resolveScenarios } from '../src/cli/load-scenarios.ts';
import type { CreatePollFlow } from '../src/load/index.ts';
import { createRouter } from '../src/spec/index.ts';
import { BUNDLED_SCENARIOS } from './index.ts';

const NAMES = ['deck-create-poll', 'refactor-async', 'refactor-sync', 'rightbrain-run-fetch', 'rightbrain-agent-poll', 'deck-hot-read', 'mixed-ramp'];

describe('the bundled load scenarios', () => {
  it('keep their names, in --list order, each the name its own file declares', async () => {
    expect(BUNDLED_SCENARIOS.map((scenario) => scenario.name)).toEqual(NAMES);
    expect((await bundledScenarioSources()).map((source) => source.name)).toEqual(NAMES);
  });

  it('are YAML, except the one whose flow answers questions in code', () => {
    expect(BUNDLED_SCENARIOS.filter((scenario) => !scenario.file.endsWith('.yaml')).map((scenario) => scenario.name)).toEqual(['deck-create-poll']);
  });

  it('compile against the bundled profiles into requests their provider\'s spec routes to the operation they name', async () => {
    const { scenarios, specs } = await resolveScenarios(NAMES, loadConfig({ cwd: '/' }).providers);
    expect(scenarios.map((scenario) => scenario.name)).toEqual(NAMES);
    const byName = new Map(scenarios.map((scenario) => [scenario.name, scenario]));
    for (const scenario of scenarios) {
      for (const flow of scenario.flows) {
        const spec = specs.get(flow.provider)!;
        const router = createRouter(spec.operations);
        const templates = flow.kind === 'read' ? [flow.read, flow.seed.create] : [flow.create, flow.poll, flow.interact?.request];
        for (const template of templates.filter((entry) => entry !== undefined)) {
          const routed = router.match(template.method, `${spec.basePath}${template.path.replace('{runId}', 'run-1')}`);
          expect(routed.operation?.operationId, `${scenario.name}: ${template.method} ${template.path}`).toBe(template.operationId);
        }
      }
    }
    const mixed = byName.get('mixed-ramp')!;
    expect(mixed.model).toMatchObject({ kind: 'open', ramp: { fromRate: 2 } });
    expect(mixed.flows.map((flow) => [flow.provider, flow.weight])).toEqual([['deck', 5], ['refactor', 3], ['rightbrain', 2]]);
    expect(byName.get('deck-hot-read')!.flows.every((flow) => flow.kind === 'read')).toBe(true);
    const deck = byName.get('deck-create-poll')!.flows as CreatePollFlow[];
    expect(deck.map((flow) => [flow.name, flow.weight, flow.interact?.request.operationId])).toEqual([['deck', 9, 'submitInteractionInput'], ['deck-interaction', 1, 'submitInteractionInput']]);
    expect(deck[1]!.create.headers).toMatchObject({ 'X-Runwarden-Scenario': 'interaction', 'Idempotency-Key': '{uuid}' });
    const sync = byName.get('refactor-sync')!.flows[0] as CreatePollFlow;
    expect(sync).toMatchObject({ sync: true, create: { query: { mode: 'sync' } }, runTimeoutMs: 35_000 });
    const agent = byName.get('rightbrain-agent-poll')!.flows[0] as CreatePollFlow;
    expect(agent).toMatchObject({ runId: { from: 'sse', pointer: '/metadata/run_id' }, poll: { operationId: 'getTaskAgentRun', intervalMs: 200, minPolls: 1 } });
    const fetch = byName.get('rightbrain-run-fetch')!.flows[0] as CreatePollFlow;
    expect(fetch).toMatchObject({ sync: true, poll: { operationId: 'fetchTaskRun', intervalMs: 0, minPolls: 1 } });
    expect(fetch.poll!.path).toMatch(/\/run\/\{runId\}$/);
  });
});
