import type { Violation } from '../core/violation.ts';
import type { Operation, ResponseSpec } from '../spec/index.ts';

/** A media type split into its essence and its parameters (names lowercased; charset values too). */
interface ParsedMediaType {
  essence: string;
  parameters: Map<string, string>;
}

function parseMediaType(text: string): ParsedMediaType {
  const [essence = '', ...rest] = text.split(';');
  const parameters = new Map<string, string>();
  for (const part of rest) {
    const equals = part.indexOf('=');
    if (equals === -1) continue;
    const name = part.slice(0, equals).trim().toLowerCase();
    let value = part.slice(equals + 1).trim().replace(/^"(.*)"$/, '$1');
    if (name === 'charset') value = value.toLowerCase();
    parameters.set(name, value);
  }
  return { essence: essence.trim().toLowerCase(), parameters };
}

/** Whether two media types (either may be a `type/*` or `*\/*` range) name the same kind of content. */
function essencesMeet(a: string, b: string): boolean {
  if (a === b || a === '*/*' || b === '*/*') return true;
  const [typeA, subA] = a.split('/');
  const [typeB, subB] = b.split('/');
  return typeA === typeB && (subA === '*' || subB === '*');
}

/** A parameter both carry with different values (`version=1` vs `version=2`); q is Accept's weight, not a parameter. */
function parametersConflict(a: ParsedMediaType, b: ParsedMediaType): boolean {
  for (const [name, value] of a.parameters) {
    if (name === 'q') continue;
    const other = b.parameters.get(name);
    if (other !== undefined && other !== value) return true;
  }
  return false;
}

/** The documented response for a status: exact, then `2XX`, then `default` (as the validator picks it). */
function responseOf(operation: Operation, status: number): ResponseSpec | undefined {
  return operation.responses[String(status)] ?? operation.responses[`${Math.floor(status / 100)}XX`] ?? operation.responses.default;
}

/**
 * What the spec's media types say about an interaction beyond its bodies (whose content types, parameters
 * included, the validator matches): an `Accept` header that none of the documented response media types for the
 * expected status satisfies (the provider could only answer 406).
 */
export function checkNegotiation(operation: Operation, request: { headers: Record<string, string[]> }, response: { status: number }): Violation[] {
  const { operationId } = operation;
  const findings: Violation[] = [];
  const documented = responseOf(operation, response.status);
  const mediaTypes = documented === undefined ? [] : Object.keys(documented.content);
  if (documented === undefined || mediaTypes.length === 0) return findings;
  const accept = request.headers.accept?.join(',');
  if (accept === undefined || accept.trim() === '') return findings;
  const ranges = accept.split(',').map((range) => parseMediaType(range)).filter((range) => range.essence !== '' && range.parameters.get('q') !== '0');
  const served = mediaTypes.map(parseMediaType);
  const acceptable = ranges.some((range) => served.some((type) => essencesMeet(range.essence, type.essence) && !parametersConflict(range, type)));
  if (!acceptable) {
    findings.push({
      operationId, where: 'request', part: 'header', code: 'CONTENT_TYPE_UNDOCUMENTED', pointer: 'accept',
      message: `Received: Accept: ${accept}\nDocumented: ${response.status} responses in ${mediaTypes.join(', ')}`,
      received: accept, documented: mediaTypes, specLocation: documented.specLocation,
    });
  }
  return findings;
}
