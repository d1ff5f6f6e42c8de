import { RunwardenError } from '../core/errors.ts';
import type { Scenario } from '../load/index.ts';
import { scenarioEndpoints } from '../load/endpoint-keys.ts';

/**
 * The scenario with only the flows of `provider` (`--provider`). Endpoint limits for operations no longer sent are
 * dropped, and `note` says what was left out; a scenario without a flow for it is a usage error.
 */
export function onlyProvider(scenario: Scenario, provider: string, note: (text: string) => void): Scenario {
  const flows = scenario.flows.filter((flow) => flow.provider === provider);
  const used = [...new Set(scenario.flows.map((flow) => flow.provider))];
  if (flows.length === 0) {
    throw new RunwardenError('USAGE', `runwarden load ${scenario.name}: --provider ${provider}, but the scenario has no flow for it\nIt uses: ${used.join(', ')}`, 'Drop --provider, or name one the scenario uses.');
  }
  if (flows.length === scenario.flows.length) return scenario;
  const sent = new Set(scenarioEndpoints(flows));
  // A `provider.operationId` key names the operation plainly once no other provider shares it.
  const endpoints = Object.fromEntries(Object.entries(scenario.thresholds?.endpoints ?? {})
    .map(([key, limits]) => [key.startsWith(`${provider}.`) ? key.slice(provider.length + 1) : key, limits] as const)
    .filter(([key]) => sent.has(key)));
  note(`runwarden load: --provider ${provider}: leaving out the flows of ${used.filter((name) => name !== provider).join(', ')}\n`);
  const thresholds = scenario.thresholds === undefined ? undefined : { ...scenario.thresholds, endpoints };
  return { ...scenario, flows, ...(thresholds === undefined ? {} : { thresholds }) };
}
