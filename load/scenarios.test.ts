import { describe, expect, it } from 'vitest';
import { bundledSpecPath, type ProviderName } from '../src/core/providers.ts';
import { createRegistry, scenarioProblems } from '../src/load/index.ts';
import { loadSpec } from '../src/spec/load-spec.ts';
import { SCENARIOS } from './index.ts';

describe('the bundled load scenarios', () => {
  it('cover every flow the issue names, under unique kebab-case names', () => {
    const names = createRegistry(SCENARIOS).list().map((scenario) => scenario.name);
    expect(names).toEqual(['deck-create-poll', 'refactor-async', 'refactor-sync', 'rightbrain-run-fetch', 'rightbrain-agent-poll', 'deck-hot-read', 'mixed-ramp']);
    const mixed = SCENARIOS.find((scenario) => scenario.name === 'mixed-ramp')!;
    expect(mixed.model).toMatchObject({ kind: 'open', ramp: expect.any(Object) });
    expect(new Set(mixed.flows.map((flow) => flow.provider))).toEqual(new Set(['deck', 'refactor', 'rightbrain']));
    expect(SCENARIOS.find((scenario) => scenario.name === 'deck-hot-read')!.flows.every((flow) => flow.kind === 'read')).toBe(true);
  });

  it('are valid, thresholds included', () => {
    for (const scenario of SCENARIOS) expect(scenarioProblems(scenario), scenario.name).toEqual([]);
  });

  it('send only operations their provider\'s spec documents, with a method and path that spec routes', async () => {
    const specs = new Map<ProviderName, Awaited<ReturnType<typeof loadSpec>>>();
    for (const scenario of SCENARIOS) {
      for (const flow of scenario.flows) {
        if (!specs.has(flow.provider)) specs.set(flow.provider, await loadSpec(bundledSpecPath(flow.provider)));
        const operations = specs.get(flow.provider)!.operations;
        const templates = flow.kind === 'read' ? [flow.read, flow.seed.create] : [flow.create, flow.poll, flow.interact?.request, flow.preflight];
        for (const template of templates) {
          if (template === undefined) continue;
          const operation = operations.find((candidate) => candidate.operationId === template.operationId);
          expect(operation, `${scenario.name}: ${flow.provider} ${template.operationId}`).toBeDefined();
          expect(operation!.method.toUpperCase(), `${scenario.name}: ${template.operationId}`).toBe(template.method);
          const documented = operation!.pathTemplate.replace(/\{[^}]+\}/g, '{}').replace(/\?.*$/, '');
          expect(template.path.replace(/\{[^}]+\}/g, '{}'), `${scenario.name}: ${template.operationId}`).toBe(documented);
        }
      }
    }
  });
});
