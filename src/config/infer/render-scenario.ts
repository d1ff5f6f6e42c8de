import path from 'node:path';
import { Document, isMap, isScalar, type YAMLMap } from 'yaml';
import { CONFIG_SCHEMA_PATH } from '../config-schema.ts';

/** The starter scenario `init` writes for a provider's first run kind. */
export interface StarterScenario {
  name: string;
  provider: string;
  run: string;
}

/** `jobs` → `jobs-create-poll`; scenario names are kebab-case. */
export function starterScenarioName(provider: string): string {
  return `${provider.replace(/_+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '')}-create-poll`;
}

const COMMENTS: Record<string, string> = {
  model: ' 5 virtual clients, each creating a run and polling it to the end before starting the next',
  duration: ' the arrival phase (`runwarden ci` uses load.duration of the config, 3s by default)',
  runP95Ms: ' creation to terminal state, 95th percentile, in ms',
  maxFailedRunRate: ' runs ending in a failure state over runs ended (the simulator fails about 1 in 10): lower it to your SLO',
  maxLostRuns: ' runs never seen in a terminal state within their timeout',
  maxViolations: ' contract and lifecycle findings (wrong bodies, undocumented statuses, illegal transitions)',
};

/** The text of the starter create-and-poll scenario (format: load/README.md), commented, with its SLO gates. */
export function renderScenario(scenario: StarterScenario, file: string): string {
  const doc = new Document({
    name: scenario.name,
    provider: scenario.provider,
    run: scenario.run,
    model: { connections: 5 },
    duration: '10s',
    thresholds: { runP95Ms: 15000, maxFailedRunRate: 0.5, maxLostRuns: 0, maxViolations: 0 },
  });
  const schema = path.relative(path.dirname(file), path.join(path.dirname(CONFIG_SCHEMA_PATH), 'scenario.schema.json')).split(path.sep).join('/');
  doc.commentBefore = [
    ` yaml-language-server: $schema=${schema}`,
    ` Written by \`runwarden init\`: create runs of ${scenario.provider}.${scenario.run}, poll each to its end, gate on run-level SLOs.`,
    ' Operations, run ids and the lifecycle come from the provider\'s profile in runwarden.config.yaml. Tighten the gates to your SLOs.',
  ].join('\n');
  commentKeys(doc.contents as YAMLMap);
  (doc.get('model', true) as YAMLMap).flow = true;
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function commentKeys(map: YAMLMap): void {
  for (const pair of map.items) {
    if (!isScalar(pair.key)) continue;
    const comment = COMMENTS[String(pair.key.value)];
    if (comment !== undefined) pair.key.commentBefore = comment;
    if (isMap(pair.value)) commentKeys(pair.value as YAMLMap);
  }
}
