import type { SimRequest } from '../provider.ts';
import { oneLine, pointerSegments } from '../spec-violation.ts';
import type { ValidationIssue } from './rightbrain-errors.ts';

/** The spec's findings on the request body, as FastAPI validation issues (`loc` starts with `body`). */
export function specIssuesOf(request: SimRequest): ValidationIssue[] {
  return request.specBodyViolations().map((violation) => ({
    type: 'value_error',
    loc: ['body', ...pointerSegments(violation)],
    msg: oneLine(violation),
  }));
}
