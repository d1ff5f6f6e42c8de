/** The essence of a Content-Type value: lowercase `type/subtype`, parameters dropped. */
export function mediaTypeOf(contentType: string): string {
  const semicolon = contentType.indexOf(';');
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}

/** True for media types whose bodies are JSON (`application/json`, `application/problem+json`, `*\/*`). */
export function isJsonMediaType(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json') || mediaType === '*/*' || mediaType === 'application/*';
}

/**
 * The documented media type (a key of a `content` map) that a received one falls under: exact first,
 * then `type/*`, then `*\/*`. Documented keys may carry parameters (`application/json; charset=utf-8`).
 */
export function matchMediaType(received: string, documented: readonly string[]): string | undefined {
  const essence = mediaTypeOf(received);
  const byEssence = new Map(documented.map((key) => [mediaTypeOf(key), key]));
  return byEssence.get(essence) ?? byEssence.get(`${essence.split('/')[0]}/*`) ?? byEssence.get('*/*');
}
