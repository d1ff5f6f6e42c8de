import { RunwardenError } from '../core/errors.ts';
import { closestNames } from '../spec/edit-distance.ts';
import type { Scenario } from './scenario.ts';

/** The named scenarios `runwarden load` can run. */
export interface ScenarioRegistry {
  list(): readonly Scenario[];
  /** The scenario of that name, or SCENARIO_UNKNOWN naming the closest ones. */
  get(name: string): Scenario;
}

export function createRegistry(scenarios: readonly Scenario[]): ScenarioRegistry {
  const byName = new Map(scenarios.map((scenario) => [scenario.name, scenario]));
  if (byName.size !== scenarios.length) throw new RunwardenError('CONFIG_INVALID', 'two load scenarios share a name');
  return {
    list: () => scenarios,
    get(name) {
      const scenario = byName.get(name);
      if (scenario) return scenario;
      const near = closestNames(name, [...byName.keys()]);
      throw new RunwardenError('SCENARIO_UNKNOWN', `unknown load scenario "${name}"${near.length ? `; did you mean ${near.join(', ')}?` : ''}\nKnown: ${[...byName.keys()].join(', ')}`, 'Run `runwarden load --list` to see them.');
    },
  };
}
