import type { Rng } from './random.ts';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

/** `prefix` + `length` letters and digits, e.g. `trun_2Xk9QmB7aL4pR8sT` (five characters per 32-bit draw). */
export function prefixedId(rng: Rng, prefix: string, length = 16): string {
  let id = prefix;
  let bits = 0;
  let left = 0;
  for (let i = 0; i < length; i++) {
    if (left === 0) {
      bits = rng.uint32();
      left = 5;
    }
    id += ALPHANUMERIC[bits % 62];
    bits = Math.floor(bits / 62);
    left--;
  }
  return id;
}

/** A random (version 4, RFC 4122 variant) UUID drawn from `rng`. */
export function uuidFrom(rng: Rng): string {
  let out = '';
  for (let i = 0; i < 32; i++) {
    if (i === 8 || i === 12 || i === 16 || i === 20) out += '-';
    if (i === 12) out += '4';
    else if (i === 16) out += HEX[8 + Math.floor(rng.next() * 4)];
    else out += HEX[Math.floor(rng.next() * 16)];
  }
  return out;
}

/** Lower-case hex string of `length` characters (telemetry span ids and the like). */
export function hexId(rng: Rng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += HEX[Math.floor(rng.next() * 16)];
  return out;
}

/** Crockford base32 ULID-looking id with a prefix, e.g. `acc_01HGK2V8N5XJVB8Q2Z3R4Y5T6M`. */
export function ulidLike(rng: Rng, prefix: string): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let out = `${prefix}01`;
  for (let i = 0; i < 24; i++) out += alphabet[Math.floor(rng.next() * 32)];
  return out;
}

const UUID_PATTERN = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

/** True for a UUID in 8-4-4-4-12 hex form (any version, either case, optional `urn:uuid:`), as Ajv's `format: uuid` checks. */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/** RFC 3339 timestamp in UTC with milliseconds and `Z`. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
