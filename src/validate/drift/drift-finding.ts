/** What kind of thing real traffic carries that the spec does not document. */
export type DriftKind = 'operation' | 'status' | 'content-type' | 'header' | 'query-parameter' | 'property' | 'enum-value';

export const DRIFT_KINDS: readonly DriftKind[] = ['operation', 'status', 'content-type', 'header', 'query-parameter', 'property', 'enum-value'];

/** Where a drift was first seen: which recording, which entry, what value. */
export interface DriftExample {
  har: string;
  entry: number;
  /** The value seen: the property's or header's value, the enum member, the body of an undocumented status or media type. */
  value: unknown;
  /** The media type the value came in, for an undocumented status or media type. */
  mediaType?: string;
}

/** One undocumented thing, counted over every exchange it appeared in. */
export interface DriftFinding {
  kind: DriftKind;
  /** `GET /task-runs/{run_id}` as the spec writes it; for an undocumented operation, `GET /observed/path`. */
  operation: string;
  where: 'request' | 'response';
  /** The response status it came with (absent for request-side drift of a rejected request, and for operations). */
  status?: number;
  /** The name of what is undocumented: a property's body path (array indices written as `*`), a header, a media type, an enum value's path. */
  name: string;
  /** Where in the spec the addition belongs: the schema, the `enum`, the response, the `responses` map. */
  specLocation: string;
  count: number;
  first: DriftExample;
}
