/** Appends one token to a `#/…` JSON pointer, escaping `~` and `/` (RFC 6901). */
export function childPointer(pointer: string, token: string | number): string {
  return `${pointer}/${String(token).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}
