import { dereferencedAt, type LoadedSpec, type Operation } from '../spec/index.ts';
import { createCoercer } from '../validate/index.ts';

const FORM = 'application/x-www-form-urlencoded';

const essenceOf = (contentType: string | undefined): string => (contentType ?? '').split(';')[0]!.trim().toLowerCase();

/**
 * A pact's form-urlencoded request body (`name=Rex&age=3`, as Pact stores it) as the object its documented schema
 * describes, each field coerced by its property's type, so the validator checks it like a JSON body instead of
 * passing it as opaque text. Any other body is returned as it is.
 */
export function formBodyAsObject(spec: LoadedSpec, operation: Operation, contentType: string | undefined, body: unknown): unknown {
  if (typeof body !== 'string' || essenceOf(contentType) !== FORM) return body;
  const key = Object.keys(operation.requestBody?.content ?? {}).find((documented) => essenceOf(documented) === FORM);
  const location = key === undefined ? undefined : operation.requestBody!.content[key]!.schemaLocation;
  const schema = location === undefined ? undefined : dereferencedAt(spec, location) as { properties?: Record<string, unknown> } | undefined;
  const properties = schema?.properties ?? {};
  const fields = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(body)) fields.set(name, [...(fields.get(name) ?? []), value]);
  const object: Record<string, unknown> = {};
  for (const [name, values] of fields) {
    const property = properties[name];
    object[name] = property === undefined ? values.join(',') : createCoercer({ schema: property as object, style: 'form', explode: true, name })(values);
  }
  return object;
}
