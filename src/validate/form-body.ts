import type { SchemaObject } from '../spec/loaded-spec.ts';
import { createCoercer, type Coercer } from './coerce-parameter.ts';
import { mediaTypeOf } from './media-type.ts';

const URLENCODED = 'application/x-www-form-urlencoded';
const MULTIPART = 'multipart/form-data';

/** Whether bodies of this Content-Type are form fields (urlencoded or multipart), read into an object to validate. */
export const isFormMediaType = (contentType: string | undefined): boolean => {
  const essence = mediaTypeOf(contentType ?? '');
  return essence === URLENCODED || essence === MULTIPART;
};

/** A form body read into the object its schema describes, or why it cannot be read. */
export type DecodedForm = { ok: true; value: Record<string, unknown> } | { ok: false; reason: string };

const coercers = new WeakMap<object, Map<string, Coercer>>();

/** The coercer of one field: by its property's schema (numbers, booleans, arrays from repeated fields), cached per schema. */
function fieldCoercer(schema: SchemaObject | undefined, name: string): Coercer {
  const properties = ((schema as { properties?: Record<string, SchemaObject> } | undefined)?.properties) ?? {};
  const property = properties[name];
  if (schema === undefined || property === undefined) return (values) => (values.length === 1 ? values[0] : [...values]);
  let byName = coercers.get(schema);
  if (byName === undefined) coercers.set(schema, byName = new Map());
  let coerce = byName.get(name);
  if (coerce === undefined) byName.set(name, coerce = createCoercer({ schema: property, style: 'form', explode: true, name }));
  return coerce;
}

/**
 * Reads an `application/x-www-form-urlencoded` or `multipart/form-data` body (as text) into an object, each field
 * coerced by its property in `schema` as OpenAPI's form encoding says (`years=3` is the integer 3, a repeated field
 * an array). A multipart file part is its content as text. Fails on a multipart body without its boundary.
 */
export function decodeFormBody(contentType: string, body: string, schema: SchemaObject | undefined): DecodedForm {
  const fields = mediaTypeOf(contentType) === MULTIPART ? multipartFields(contentType, body) : urlencodedFields(body);
  if (!(fields instanceof Map)) return fields;
  const value: Record<string, unknown> = {};
  for (const [name, values] of fields) value[name] = fieldCoercer(schema, name)(values);
  return { ok: true, value };
}

function urlencodedFields(body: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(body)) fields.set(name, [...(fields.get(name) ?? []), value]);
  return fields;
}

/** The `boundary` parameter of a multipart Content-Type, quoted or not. */
function boundaryOf(contentType: string): string | undefined {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/** Splits a multipart body (RFC 7578) into its named parts; parts without a name are not fields and are left out. */
function multipartFields(contentType: string, body: string): Map<string, string[]> | { ok: false; reason: string } {
  const boundary = boundaryOf(contentType);
  if (boundary === undefined) return { ok: false, reason: `the Content-Type "${contentType}" has no boundary parameter` };
  const delimiter = `--${boundary}`;
  const chunks = body.split(delimiter);
  if (chunks.length < 3) return { ok: false, reason: `the body does not contain the boundary "${boundary}" twice` };
  const fields = new Map<string, string[]>();
  // chunks[0] is the preamble; the chunk after the closing delimiter (`--boundary--`) starts with `--`.
  for (const chunk of chunks.slice(1)) {
    if (chunk.startsWith('--')) break;
    const part = chunk.replace(/^\r?\n/, '');
    const split = /\r?\n\r?\n/.exec(part);
    if (split === null) return { ok: false, reason: 'a part has no blank line between its headers and its content' };
    const headers = part.slice(0, split.index);
    const content = part.slice(split.index + split[0].length).replace(/\r?\n$/, '');
    const name = /content-disposition:[^\r\n]*?;\s*name=(?:"([^"]*)"|([^;\s]+))/i.exec(headers);
    const field = name?.[1] ?? name?.[2];
    if (field !== undefined) fields.set(field, [...(fields.get(field) ?? []), content]);
  }
  return fields;
}
