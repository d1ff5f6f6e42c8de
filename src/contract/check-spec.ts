import type { Violation } from '../core/violation.ts';
import { displayPath, loadSpec, type Operation } from '../spec/index.ts';
import { checkSecurity, contentTypeWithoutBody, createValidator, credentialQueryNames, securitySchemesOf, type Validator } from '../validate/index.ts';
import { unexpectedRequestFindings } from './check-error-status.ts';
import { checkNegotiation } from './check-negotiation.ts';
import { undocumentedResponseHeaders } from './check-undocumented-headers.ts';
import { consumerMinimum } from './check-minimum-response.ts';
import type { PactFile, PactInteraction } from './pact-file.ts';
import { selectPacts, type PactSelection } from './pact-selection.ts';
import { skippedInteractionNotes, type SkippedNote } from './skipped-interactions.ts';

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
  /** `--strict`: see InteractionCheckOptions. */
  strict?: boolean;
}

export interface CheckSpecReport {
  /** Spec file per provider checked against, as shown to the user. */
  specs: Record<string, string>;
  checks: InteractionCheck[];
  findings: CrossCheckFinding[];
  /** Selected providers without pacts and message interactions of the pacts, each with the note to show. */
  skipped: SkippedNote[];
}

/** How strictly a pact is read against its spec. */
export interface InteractionCheckOptions {
  /**
   * `--strict`: a pact response must also carry every documented required property, required header and body,
   * and expect no header the spec does not document. By default a response is the minimum the consumer needs
   * (see isOmission).
   */
  strict?: boolean;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Cross-checks every interaction of every pact against its provider's spec: the request must route to an
 * operation and conform (method, path, query, headers, credentials, body); the response status must be documented
 * and the body (the matchers' example values) must validate. Properties the spec does not declare are findings;
 * what a pact response leaves out is one only with `strict`. Each provider's spec is its profile's `spec` unless
 * `specs` names another. Throws PACT_INVALID / PROVIDER_UNKNOWN for unusable pacts and the spec loader's errors for
 * unusable specs.
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
  const checkOptions = { strict: options.strict === true };
  const checks = pacts.flatMap((pact) => pact.interactions.map((interaction) => checkInteraction(validators.get(pact.provider)!, pact.provider, pact, interaction, checkOptions)));
  const skipped = [...withoutPacts.map(({ profile, note }) => ({ provider: profile.name, note })), ...skippedInteractionNotes(pacts)];
  return { specs, checks, findings: checks.flatMap((check) => check.findings), skipped };
}

/**
 * The URLs a pact path may mean, in the order tried: a path that already starts with the spec's server base path
 * (`/v2/task-runs/x` against `https://host/v2`) is taken as the full path first, then as relative to the base URL,
 * which is how runwarden's own pacts and most consumers' base URLs write it (`/task-runs/x`).
 */
function candidateUrls(basePath: string, path: string, search: string): string[] {
  const relative = `${basePath}${path}${search}`;
  if (basePath === '' || !(path === basePath || path.startsWith(`${basePath}/`))) return [relative];
  return [`${path}${search}`, relative];
}

/** Cross-checks one interaction against a validator for its provider's spec (see InteractionCheckOptions). */
export function checkInteraction(validator: Validator, provider: string, pact: PactFile, interaction: PactInteraction, options: InteractionCheckOptions = {}): InteractionCheck {
  const { request, response } = interaction;
  const search = queryString(request.query);
  const headers = withContentType(request.headers, request.body?.contentType);
  const route = (method: string, url: string) => validator.validateRequest({ method, url, headers, body: request.body?.content });
  const urls = candidateUrls(validator.spec.basePath, request.path, search);
  let url = urls[0]!;
  let routed = route(request.method, url);
  for (const other of urls.slice(1)) {
    if (routed.operation !== undefined) break;
    const next = route(request.method, other);
    if (next.operation !== undefined) [routed, url] = [next, other];
  }
  const label = { provider, pact: displayPath(pact.file), interaction: interaction.description, pactLocation: `#/interactions/${interaction.index}` };
  const result = { ...label, method: request.method, path: request.path, status: response.status };
  // A 405 pins the provider's refusal of a method it does not document on a path it does.
  if (routed.operation === undefined && response.status === 405 && methodNotAllowed(urls, request.method, route)) return { ...result, findings: [] };
  const operation = routed.operation;
  // The header is what the provider must send; a pact's text body may be declared text/plain to Pact (see SSE).
  const contentType = response.headers['content-type']?.[0] ?? response.body?.contentType;
  const negotiation = operation === undefined ? [] : checkNegotiation(operation, { headers }, { status: response.status });
  const requestFindings = operation === undefined ? routed.violations : [
    ...requestChecks(validator, operation, routed.violations, request.query, headers),
    ...contentTypeWithoutBody(operation, headers['content-type']?.[0], request.body?.content),
    ...negotiation.filter((violation) => violation.where === 'request'),
  ];
  const responseFindings = operation === undefined ? [] : [
    ...validator.validateResponse(operation.operationId, {
      status: response.status, headers: withContentType(response.headers, response.body?.contentType), body: response.body?.content, contentType,
    }),
    ...negotiation.filter((violation) => violation.where === 'response'),
    ...(options.strict === true ? undocumentedResponseHeaders(operation, response.status, response.headers) : []),
  ];
  const findings = [
    ...unexpectedRequestFindings(response.status, requestFindings),
    ...(options.strict === true ? responseFindings : consumerMinimum(responseFindings)),
  ];
  return { ...result, operationId: routed.operation?.operationId, findings: findings.map((violation) => ({ ...violation, ...label })) };
}

/** The validator's request findings plus the credentials check; an API key sent in the query is a credential, not an undocumented parameter. */
function requestChecks(validator: Validator, operation: Operation, violations: Violation[], query: Record<string, string[]>, headers: Record<string, string[]>): Violation[] {
  const schemes = securitySchemesOf(validator.spec);
  const credentials = credentialQueryNames(operation, schemes);
  const kept = violations.filter((violation) => !(violation.code === 'PROPERTY_UNDOCUMENTED' && violation.part === 'query' && credentials.has(violation.pointer ?? '')));
  const search = new URLSearchParams(queryString(query));
  return [...kept, ...checkSecurity(operation, schemes, { headers, search })];
}

/** Whether some other method is documented on the path the pact requests. */
function methodNotAllowed(urls: readonly string[], method: string, route: (method: string, url: string) => { operation?: Operation }): boolean {
  const others = METHODS.filter((other) => other !== method.toLowerCase());
  return urls.some((url) => others.some((other) => route(other, url).operation !== undefined));
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
