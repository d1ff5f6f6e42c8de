import type { Flow } from './scenario.ts';

/**
 * How endpoints are named in results and thresholds: the operationId, or `provider.operationId` when two
 * providers of the scenario share it (two task APIs may both call their create `runTask`).
 */
export function endpointKeys(flows: readonly Flow[]): (provider: string, operationId: string) => string {
  const providersOf = new Map<string, Set<string>>();
  for (const flow of flows) {
    for (const template of requestsOf(flow)) providersOf.set(template.operationId, (providersOf.get(template.operationId) ?? new Set()).add(flow.provider));
  }
  return (provider, operationId) => ((providersOf.get(operationId)?.size ?? 0) > 1 ? `${provider}.${operationId}` : operationId);
}

/** Every endpoint key a scenario's traffic can produce (seeding excluded). */
export function scenarioEndpoints(flows: readonly Flow[]): string[] {
  const key = endpointKeys(flows);
  return [...new Set(flows.flatMap((flow) => requestsOf(flow).map((template) => key(flow.provider, template.operationId))))];
}

function requestsOf(flow: Flow): { operationId: string }[] {
  const templates = flow.kind === 'read' ? [flow.read] : [flow.create, flow.poll, flow.interact?.request];
  return templates.filter((template): template is NonNullable<typeof template> => template !== undefined);
}
