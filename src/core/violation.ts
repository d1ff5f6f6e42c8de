/** One way in which an observed request, response or run departs from the contract. */
export interface Violation {
  operationId: string;
  where: 'request' | 'response' | 'lifecycle';
  /** Which part of the message: path, query, header, body, status, content-type, or the run itself. */
  part: 'path' | 'query' | 'header' | 'body' | 'status' | 'content-type' | 'route' | 'run';
  code: ViolationCode;
  /** "Received: 500\nDocumented: 200, 404" — contrast what was seen with what the spec says. */
  message: string;
  /** JSON pointer into the body (or parameter name for path/query/header). */
  pointer?: string;
  received?: unknown;
  documented?: unknown;
  /** JSON pointer into the spec document, e.g. `#/paths/~1task-runs~1{run_id}/get/responses/200`. */
  specLocation?: string;
}

export type ViolationCode =
  | 'SCHEMA_MISMATCH'
  | 'STATUS_UNDOCUMENTED'
  | 'CONTENT_TYPE_UNDOCUMENTED'
  | 'HEADER_MISSING'
  | 'PARAMETER_INVALID'
  | 'PARAMETER_MISSING'
  | 'BODY_MISSING'
  | 'BODY_NOT_JSON'
  /** A body its Content-Type says how to read cannot be read that way (a multipart body without its boundary). */
  | 'BODY_MALFORMED'
  | 'PROPERTY_UNDOCUMENTED'
  | 'ROUTE_UNKNOWN'
  /** A request carries none of the credentials its operation's security requirements accept. */
  | 'SECURITY_UNSATISFIED'
  | 'ILLEGAL_TRANSITION'
  | 'TERMINAL_CHANGED'
  | 'TIMESTAMPS_OUT_OF_ORDER'
  | 'STATUS_UNKNOWN'
  /** A synchronous create (`sync: true`) answered with a run that had not ended. */
  | 'SYNC_NOT_TERMINAL';
