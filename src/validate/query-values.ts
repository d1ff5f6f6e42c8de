import type { Parameter } from '../spec/loaded-spec.ts';

/** A query parameter's raw values, and which query names they were read from. */
export interface QueryValues {
  values: string[];
  names: string[];
}

const isObjectSchema = (schema: unknown): boolean => typeof schema === 'object' && schema !== null && (schema as { type?: unknown }).type === 'object';

/**
 * The raw values of one query parameter as its style lays them out: `filter[role]=admin&filter[age]=5` for a
 * deepObject (read as `role=admin`, `age=5`); for an exploded form object, each declared property as its own
 * parameter (`role=admin&age=5`); otherwise the values of the parameter's own name. The coercer turns them into
 * the value the schema describes.
 */
export function queryValues(parameter: Parameter, search: URLSearchParams): QueryValues {
  const { name } = parameter;
  if (parameter.style === 'deepObject') {
    const values: string[] = [];
    const names: string[] = [];
    const prefix = `${name}[`;
    for (const [key, value] of search) {
      if (!key.startsWith(prefix) || !key.endsWith(']')) continue;
      values.push(`${key.slice(prefix.length, -1)}=${value}`);
      names.push(key);
    }
    return { values, names };
  }
  if (parameter.style === 'form' && parameter.explode && isObjectSchema(parameter.schema) && !search.has(name)) {
    const declared = Object.keys((parameter.schema as { properties?: object }).properties ?? {});
    const present = declared.filter((property) => search.has(property));
    return { values: present.map((property) => `${property}=${search.get(property)!}`), names: present };
  }
  return { values: search.getAll(name), names: [name] };
}
