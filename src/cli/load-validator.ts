import { RunwardenError } from '../core/errors.ts';
import type { Scenario, ValidateResponse } from '../load/index.ts';
import type { LoadedSpec } from '../spec/index.ts';
import { createValidator, type Validator } from '../validate/index.ts';

/** Compiles a validator for each provider's spec (loaded once, by the caller), before any traffic. */
export function loadValidators(specs: ReadonlyMap<string, LoadedSpec>): Map<string, Validator> {
  return new Map([...specs].map(([provider, spec]) => [provider, createValidator(spec, { compile: 'all' })]));
}

/** The response check a scenario's sampled responses go through; fails first if the scenario sends an operation its spec lacks. */
export function scenarioValidator(scenario: Scenario, validators: ReadonlyMap<string, Validator>): ValidateResponse {
  for (const flow of scenario.flows) {
    const validator = validators.get(flow.provider);
    if (validator === undefined) throw new RunwardenError('INTERNAL', `scenario ${scenario.name}: no validator was loaded for ${flow.provider}`);
    const known = new Set(validator.spec.operations.map((operation) => operation.operationId));
    const used = flow.kind === 'read' ? [flow.read, flow.seed.create] : [flow.create, flow.poll, flow.interact?.request];
    for (const template of used) {
      if (template && !known.has(template.operationId)) {
        throw new RunwardenError('OPERATION_UNKNOWN', `scenario ${scenario.name}: ${flow.provider} has no operation "${template.operationId}"`, `Known: ${[...known].join(', ')}.`);
      }
    }
  }
  return (operationId, response, provider) => validators.get(provider)!.validateResponse(operationId, response);
}

/** The providers a scenario's flows talk to. */
export function scenarioProviders(scenario: Scenario): string[] {
  return [...new Set(scenario.flows.map((flow) => flow.provider))];
}
