import { RunwardenError } from '../core/errors.ts';
import { closestNames } from '../spec/edit-distance.ts';
import type { Scenario } from './scenario.ts';

/** The named scenarios (or references to them, such as the bundled files) `runwarden load` can run. */
export interface ScenarioRegistry<T extends { name: string } = Scenario> {
  list(): readonly T[];
  /** The scenario of that name, or SCENARIO_UNKNOWN naming the closest ones. */
  get(name: string): T;
}

export function createRegistry<T extends { name: string } = Scenario>(scenarios: readonly T[]): ScenarioRegistry<T> {
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
