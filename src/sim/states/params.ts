import { StateError } from '../providers/state-error.ts';

/** An optional string parameter; a non-string value is a state error naming the parameter. */
export function optionalString(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new StateError(`Parameter ${name} must be a string.`);
  return value;
}

/** An optional parameter restricted to `allowed`. */
export function optionalEnum<T extends string>(params: Record<string, unknown>, name: string, allowed: readonly T[]): T | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new StateError(`Parameter ${name} must be one of ${allowed.join(', ')}.`);
  return value as T;
}

/** An optional non-negative number parameter (a number or a numeric string). */
export function optionalNumber(params: Record<string, unknown>, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number) || number < 0) throw new StateError(`Parameter ${name} must be a number ≥ 0.`);
  return number;
}

/** An optional boolean parameter (true/false or "true"/"false"). */
export function optionalBoolean(params: Record<string, unknown>, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new StateError(`Parameter ${name} must be true or false.`);
}

/** An optional object parameter. */
export function optionalObject(params: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new StateError(`Parameter ${name} must be an object.`);
  return value as Record<string, unknown>;
}
