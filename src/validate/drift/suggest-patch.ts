import { tokensOf } from '../../spec/json-pointer.ts';
import type { DriftFinding } from './drift-finding.ts';
import { inferSchema } from './infer-schema.ts';

type Json = Record<string, unknown>;

/** One suggested addition to the spec: a fragment to merge at `specLocation`, and the findings it accounts for. */
export interface PatchHunk {
  /** The operations whose traffic asked for it (a shared component collects several). */
  operations: string[];
  /** The spec object the fragment is merged into (a schema, an `enum`, a response, a `responses` map, an operation, `#/paths`). */
  specLocation: string;
  /** What to do with the fragment, in a few words ("merge into the schema", "append to the enum"). */
  action: string;
  /** A YAML/JSON value in the spec's own terms: `properties`, `enum` members, `responses`, `headers`, `content`, `parameters`. */
  fragment: unknown;
  findings: DriftFinding[];
}

/** `{ properties: { data: { items: { properties: { extra: … } } } } }` for body path `/data/*` and property `extra`. */
function nestedProperty(parent: string, name: string, schema: Json): Json {
  let fragment: Json = { properties: { [name]: schema } };
  for (const token of tokensOf(parent).reverse()) fragment = token === '*' ? { items: fragment } : { properties: { [token]: fragment } };
  return fragment;
}

/** Merges plain objects key by key (later fragments add to earlier ones, arrays concatenate). */
function merge(into: Json, from: Json): Json {
  for (const [key, value] of Object.entries(from)) {
    const known = into[key];
    if (Array.isArray(known) && Array.isArray(value)) into[key] = [...known, ...value];
    else if (typeof known === 'object' && known !== null && typeof value === 'object' && value !== null && !Array.isArray(value)) merge(known as Json, value as Json);
    else into[key] = value;
  }
  return into;
}

const headerSchema = (value: unknown): Json => ({ type: typeof value === 'string' && /^\d+$/.test(value) ? 'integer' : 'string' });

/** The fragment one finding asks for, relative to its spec location; and how it is applied. */
function additionOf(finding: DriftFinding): { action: string; fragment: unknown } {
  const { first } = finding;
  switch (finding.kind) {
    case 'property': {
      const tokens = tokensOf(finding.name);
      const name = tokens.pop() ?? finding.name;
      const parent = tokens.length === 0 ? '' : `/${tokens.join('/')}`;
      return { action: 'merge into the schema', fragment: nestedProperty(parent, name, inferSchema(first.value)) };
    }
    case 'enum-value':
      return { action: 'append to the enum', fragment: [first.value] };
    case 'status':
      return {
        action: 'merge into the responses',
        fragment: { [finding.name]: { description: 'Seen in recorded traffic: say when it happens', ...(first.mediaType ? { content: { [first.mediaType]: { schema: inferSchema(first.value) } } } : {}) } },
      };
    case 'content-type':
      return { action: finding.where === 'request' ? 'merge into the request body' : 'merge into the response', fragment: { content: { [finding.name]: { schema: inferSchema(first.value) } } } };
    case 'header':
      return { action: 'merge into the response', fragment: { headers: { [finding.name]: { schema: headerSchema(first.value) } } } };
    case 'query-parameter':
      return { action: 'merge into the operation', fragment: { parameters: [{ name: finding.name, in: 'query', schema: { type: 'string' } }] } };
    case 'operation': {
      const [method = 'get', ...rest] = finding.name.split(' ');
      return { action: 'merge into the paths', fragment: { [rest.join(' ')]: { [method.toLowerCase()]: { responses: { [String(finding.status ?? 200)]: { description: 'Seen in recorded traffic: document this operation' } } } } } };
    }
  }
}

/** Groups the findings into one hunk per spec location, each fragment merged from its findings' additions. */
export function suggestPatch(findings: readonly DriftFinding[]): PatchHunk[] {
  const hunks = new Map<string, PatchHunk>();
  for (const finding of findings) {
    const { action, fragment } = additionOf(finding);
    const key = `${finding.specLocation}\u0000${action}`;
    const hunk = hunks.get(key);
    if (!hunk) {
      hunks.set(key, { operations: [finding.operation], specLocation: finding.specLocation, action, fragment, findings: [finding] });
      continue;
    }
    hunk.findings.push(finding);
    if (!hunk.operations.includes(finding.operation)) hunk.operations.push(finding.operation);
    hunk.fragment = Array.isArray(hunk.fragment) && Array.isArray(fragment) ? [...hunk.fragment, ...fragment] : merge(hunk.fragment as Json, fragment as Json);
  }
  return [...hunks.values()];
}
