import type { Violation } from '../core/violation.ts';
import { displayPath, loadSpec } from '../spec/index.ts';
import { createValidator, type Validator } from '../validate/index.ts';
import type { PactFile, PactInteraction } from './pact-file.ts';
import { selectPacts, type PactSelection } from './pact-selection.ts';

/** A cross-check finding: a Violation plus the pact and interaction it was found in. */
export interface CrossCheckFinding extends Violation {
  provider: string;
  /** The pact file, as shown to the user. */
  pact: string;
  /** The interaction's description. */
  interaction: string;
  /** JSON pointer to the interaction in the pact file. */
  pactLocation: string;
}

/** The cross-check of one interaction: which operation it exercises and what departs from the spec. */
export interface InteractionCheck {
  provider: string;
  pact: string;
  interaction: string;
  /** JSON pointer into the pact file. */
  pactLocation: string;
  method: string;
  path: string;
  status: number;
  /** Undefined when no documented route matches the request. */
  operationId?: string;
  findings: CrossCheckFinding[];
}

export interface CheckSpecOptions extends PactSelection {
  /** Spec file per provider, in place of its profile's `spec` (`--spec`). */
  specs?: Readonly<Record<string, string>>;
}

export interface CheckSpecReport {
  /** Spec file per provider checked against, as shown to the user. */
  specs: Record<string, string>;
  checks: InteractionCheck[];
  findings: CrossCheckFinding[];
  /** Selected providers without pacts, each with the note to show. */
  skipped: Array<{ provider: string; note: string }>;
}

/**
 * Statuses of interactions that send an invalid request on purpose (to pin the provider's rejection): their
 * request must still reach a documented route, but its parameters and body are expected to break the spec.
 */
const REJECTED_REQUEST_STATUSES = new Set([400, 413, 422]);

/**
 * Cross-checks every interaction of every pact against its provider's spec: the request must route to an
 * operation and conform (method, path, query, headers, body); the response status must be documented and the
 * body (the matchers' example values) must validate. Strict: properties the spec does not declare are findings.
 * Each provider's spec is its profile's `spec` unless `specs` names another. Throws PACT_INVALID /
 * PROVIDER_UNKNOWN for unusable pacts and the spec loader's errors for unusable specs.
 */
export async function checkPactsAgainstSpecs(options: CheckSpecOptions): Promise<CheckSpecReport> {
  const { pacts, withoutPacts } = await selectPacts(options);
  const validators = new Map<string, Validator>();
  const specs: Record<string, string> = {};
  for (const { provider, profile } of pacts) {
    if (validators.has(provider)) continue;
    const file = options.specs?.[provider] ?? profile.spec;
    validators.set(provider, createValidator(await loadSpec(file), { strict: true }));
    specs[provider] = displayPath(file);
  }
  const checks = pacts.flatMap((pact) => pact.interactions.map((interaction) => checkInteraction(validators.get(pact.provider)!, pact.provider, pact, interaction)));
  return { specs, checks, findings: checks.flatMap((check) => check.findings), skipped: withoutPacts.map(({ profile, note }) => ({ provider: profile.name, note })) };
}

/** Cross-checks one interaction against a validator for its provider's spec. */
export function checkInteraction(validator: Validator, provider: string, pact: PactFile, interaction: PactInteraction): InteractionCheck {
  const { request, response } = interaction;
  const url = `${validator.spec.basePath}${request.path}${queryString(request.query)}`;
  const routed = validator.validateRequest({
    method: request.method,
    url,
    headers: withContentType(request.headers, request.body?.contentType),
    body: request.body?.content,
  });
  const requestFindings = REJECTED_REQUEST_STATUSES.has(response.status)
    ? routed.violations.filter((violation) => violation.code === 'ROUTE_UNKNOWN')
    : routed.violations;
  const responseFindings = routed.operation === undefined ? [] : validator.validateResponse(routed.operation.operationId, {
    status: response.status,
    headers: withContentType(response.headers, response.body?.contentType),
    body: response.body?.content,
    // The header is what the provider must send; a pact's text body may be declared text/plain to Pact (see SSE).
    contentType: response.headers['content-type']?.[0] ?? response.body?.contentType,
  });
  const label = { provider, pact: displayPath(pact.file), interaction: interaction.description, pactLocation: `#/interactions/${interaction.index}` };
  return {
    ...label,
    method: request.method,
    path: request.path,
    status: response.status,
    operationId: routed.operation?.operationId,
    findings: [...requestFindings, ...responseFindings].map((violation) => ({ ...violation, ...label })),
  };
}

function queryString(query: Record<string, string[]>): string {
  const search = new URLSearchParams();
  for (const [name, values] of Object.entries(query)) for (const value of values) search.append(name, value);
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

function withContentType(headers: Record<string, string[]>, contentType: string | undefined): Record<string, string[]> {
  if (contentType === undefined || headers['content-type'] !== undefined) return headers;
  return { ...headers, 'content-type': [contentType] };
}
