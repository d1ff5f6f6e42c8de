/** The essence of a Content-Type value: lowercase `type/subtype`, parameters dropped. */
export function mediaTypeOf(contentType: string): string {
  const semicolon = contentType.indexOf(';');
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}

/** True for media types whose bodies are JSON (`application/json`, `application/problem+json`, `*\/*`). */
export function isJsonMediaType(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json') || mediaType === '*/*' || mediaType === 'application/*';
}

/** A media type's parameters by name (lower-cased), quotes dropped; charset (lower-cased), boundary and q are not part of the type. */
function parametersOf(contentType: string): Map<string, string> {
  const parameters = new Map<string, string>();
  for (const part of contentType.split(';').slice(1)) {
    const equals = part.indexOf('=');
    if (equals === -1) continue;
    const name = part.slice(0, equals).trim().toLowerCase();
    if (name === 'boundary' || name === 'q') continue;
    const value = part.slice(equals + 1).trim().replace(/^"(.*)"$/, '$1');
    parameters.set(name, name === 'charset' ? value.toLowerCase() : value);
  }
  return parameters;
}

/** Whether two parameter sets agree on every name both carry (`version=1` and `version=2` do not). */
function compatible(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  for (const [name, value] of a) if (b.has(name) && b.get(name) !== value) return false;
  return true;
}

const sameParameters = (a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean => a.size === b.size && compatible(a, b);

/**
 * The documented media type (a key of a `content` map) that a received one falls under: of the same type, the one
 * with the same parameters, else the first whose parameters do not contradict the received ones (`;version=1` and
 * `;version=2` are distinct types; a received type without parameters takes the first documented one of its
 * type); then `type/*`, then `*\/*`.
 */
export function matchMediaType(received: string, documented: readonly string[]): string | undefined {
  const essence = mediaTypeOf(received);
  const parameters = parametersOf(received);
  const sameType = documented.filter((key) => mediaTypeOf(key) === essence);
  const matched = sameType.find((key) => sameParameters(parametersOf(key), parameters)) ?? sameType.find((key) => compatible(parametersOf(key), parameters));
  if (matched !== undefined) return matched;
  const byEssence = new Map(documented.map((key) => [mediaTypeOf(key), key]));
  return byEssence.get(`${essence.split('/')[0]}/*`) ?? byEssence.get('*/*');
}
