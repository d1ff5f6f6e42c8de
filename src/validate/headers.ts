/** Message headers as Node, fetch-to-object conversions and HAR readers produce them; names in any case. */
export type HeaderMap = Readonly<Record<string, string | readonly string[] | number | undefined>>;

/** A header's value by lowercase name (case-insensitive lookup); repeated values joined with `, `. */
export function headerValue(headers: HeaderMap | undefined, lowerName: string): string | undefined {
  if (!headers) return undefined;
  let value = headers[lowerName];
  if (value === undefined) {
    for (const name in headers) {
      if (name.toLowerCase() === lowerName) {
        value = headers[name];
        break;
      }
    }
  }
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : value.join(', ');
}
