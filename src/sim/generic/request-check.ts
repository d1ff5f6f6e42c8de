import { isRunwardenError } from '../../core/errors.ts';
import type { Violation } from '../../core/violation.ts';
import type { Validator } from '../../validate/index.ts';
import type { SimRequest } from '../providers/provider.ts';

/** Findings of a request against its operation (parameters, headers, body); [] when it conforms. */
export type RequestCheck = (request: SimRequest) => Violation[];

/**
 * Checks requests with the spec's compiled validators. The simulator may be mounted at another base path than the
 * spec's `servers` (a profile's `basePath`), so the path is rewritten before routing. Strict-only findings
 * (properties a schema allows but does not name) never reject a request; without `checkBodies`, neither do bodies.
 */
export function createRequestCheck(validator: Validator, specBasePath: string, mountBasePath: string, checkBodies = true): RequestCheck {
  return (request) => {
    const url = specBasePath === mountBasePath ? request.url : `${specBasePath}${request.url.slice(mountBasePath.length)}`;
    try {
      const { violations } = validator.validateRequest({ method: request.method, url, headers: request.headers, body: request.body });
      return violations.filter((violation) => violation.code !== 'PROPERTY_UNDOCUMENTED' && (checkBodies || violation.part !== 'body'));
    } catch (error) {
      // An operation whose schemas cannot compile was noted at start-up; its requests go unchecked.
      if (isRunwardenError(error)) return [];
      throw error;
    }
  };
}

/** A message naming the first finding (and how many more): what a client needs to fix its request. */
export function invalidRequestMessage(violations: readonly Violation[]): string {
  const first = violations[0]!;
  const where = first.part === 'body' ? `body${first.pointer ? ` ${first.pointer}` : ''}` : `${first.part}${first.pointer ? ` ${first.pointer}` : ''}`;
  const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : '';
  return `Invalid request: ${where}: ${first.message.replace(/\n/g, ' / ')}${more}`;
}
