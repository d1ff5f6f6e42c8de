import { isUuid } from '../../ids.ts';
import type { JsonReply } from '../../http/reply.ts';
import { malformedId, type ValidationIssue } from './rightbrain-errors.ts';

/** The first path id that is not a UUID, as a 400 reply; undefined when all are well formed. */
export function checkPathIds(params: Record<string, string>, names: readonly string[]): JsonReply | undefined {
  for (const name of names) {
    const value = params[name]!;
    if (!isUuid(value)) return malformedId(value, name);
  }
  return undefined;
}

/** Reads one query parameter (the last one wins, as FastAPI does). */
function last(query: URLSearchParams, name: string): string | undefined {
  const values = query.getAll(name);
  return values.length === 0 ? undefined : values[values.length - 1];
}

const TRUE = new Set(['true', '1', 'yes', 'on', 't', 'y']);
const FALSE = new Set(['false', '0', 'no', 'off', 'f', 'n']);

/** A query reader that collects FastAPI-style issues instead of failing on the first. */
export class QueryReader {
  readonly issues: ValidationIssue[] = [];

  constructor(private readonly query: URLSearchParams) {}

  string(name: string, maxLength?: number): string | undefined {
    const value = last(this.query, name);
    if (value !== undefined && maxLength !== undefined && value.length > maxLength) {
      this.issues.push({ type: 'string_too_long', loc: ['query', name], msg: `String should have at most ${maxLength} characters`, input: value, ctx: { max_length: maxLength } });
      return undefined;
    }
    return value;
  }

  uuid(name: string): string | undefined {
    const value = last(this.query, name);
    if (value === undefined) return undefined;
    if (!isUuid(value)) {
      this.issues.push({ type: 'uuid_parsing', loc: ['query', name], msg: 'Input should be a valid UUID', input: value });
      return undefined;
    }
    return value.toLowerCase();
  }

  boolean(name: string): boolean | undefined {
    const value = last(this.query, name);
    if (value === undefined) return undefined;
    const lower = value.toLowerCase();
    if (TRUE.has(lower)) return true;
    if (FALSE.has(lower)) return false;
    this.issues.push({ type: 'bool_parsing', loc: ['query', name], msg: 'Input should be a valid boolean, unable to interpret input', input: value });
    return undefined;
  }

  integer(name: string, min: number, max: number | undefined, fallback: number): number {
    const value = last(this.query, name);
    if (value === undefined) return fallback;
    if (!/^[+-]?\d+$/.test(value.trim())) {
      this.issues.push({ type: 'int_parsing', loc: ['query', name], msg: 'Input should be a valid integer, unable to parse string as an integer', input: value });
      return fallback;
    }
    const number = Number(value);
    if (number < min) {
      this.issues.push({ type: 'greater_than_equal', loc: ['query', name], msg: `Input should be greater than or equal to ${min}`, input: value, ctx: { ge: min } });
      return fallback;
    }
    if (max !== undefined && number > max) {
      this.issues.push({ type: 'less_than_equal', loc: ['query', name], msg: `Input should be less than or equal to ${max}`, input: value, ctx: { le: max } });
      return fallback;
    }
    return number;
  }

  dateTime(name: string): number | undefined {
    const value = last(this.query, name);
    if (value === undefined) return undefined;
    const ms = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/.test(value) ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(ms)) {
      this.issues.push({ type: 'datetime_from_date_parsing', loc: ['query', name], msg: 'Input should be a valid datetime or date', input: value });
      return undefined;
    }
    return ms;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = last(this.query, name);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      const expected = allowed.map((item) => `'${item}'`).join(', ');
      this.issues.push({ type: 'enum', loc: ['query', name], msg: `Input should be ${expected}`, input: value, ctx: { expected } });
      return undefined;
    }
    return value as T;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The parts of a Run Task body the simulator uses. */
export interface RunTaskBody {
  taskInput: Record<string, unknown>;
  fileNames: string[];
  reference: string | null;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const MIME = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$/;

/** Checks a Run Task body against RunTaskRequest, collecting every issue as FastAPI does. */
export function parseRunTaskBody(body: unknown): RunTaskBody | ValidationIssue[] {
  if (body === undefined) return [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }];
  if (!isObject(body)) return [{ type: 'model_attributes_type', loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from', input: body }];
  const issues: ValidationIssue[] = [];
  if (!('task_input' in body)) issues.push({ type: 'missing', loc: ['body', 'task_input'], msg: 'Field required', input: body });
  else if (!isObject(body.task_input)) issues.push({ type: 'dict_type', loc: ['body', 'task_input'], msg: 'Input should be a valid dictionary', input: body.task_input });
  if ('input_params' in body) issues.push({ type: 'extra_forbidden', loc: ['body', 'input_params'], msg: 'Extra inputs are not permitted; use task_input', input: body.input_params });
  const fileNames: string[] = [];
  if (body.task_files !== undefined) {
    if (!Array.isArray(body.task_files)) issues.push({ type: 'list_type', loc: ['body', 'task_files'], msg: 'Input should be a valid list', input: body.task_files });
    else {
      body.task_files.forEach((file: unknown, index: number) => {
        const loc = ['body', 'task_files', index];
        if (!isObject(file)) {
          issues.push({ type: 'model_attributes_type', loc, msg: 'Input should be a valid dictionary or object to extract fields from', input: file });
          return;
        }
        const name = file.name;
        if (typeof name !== 'string' || name.length < 1 || name.length > 255) issues.push({ type: 'string_type', loc: [...loc, 'name'], msg: 'name must be a string of 1 to 255 characters', input: name });
        else fileNames.push(name);
        if (typeof file.content !== 'string' || !BASE64.test(file.content)) issues.push({ type: 'string_pattern_mismatch', loc: [...loc, 'content'], msg: 'content must be standard base64', input: typeof file.content === 'string' ? file.content.slice(0, 32) : file.content });
        if (typeof file.mime_type !== 'string' || !MIME.test(file.mime_type)) issues.push({ type: 'string_pattern_mismatch', loc: [...loc, 'mime_type'], msg: 'mime_type must be a media type such as image/png', input: file.mime_type });
      });
    }
  }
  const reference = body.task_reference;
  if (reference !== undefined && (typeof reference !== 'string' || reference.length > 64)) {
    issues.push({ type: 'string_too_long', loc: ['body', 'task_reference'], msg: 'String should have at most 64 characters', input: reference, ctx: { max_length: 64 } });
  }
  if (issues.length > 0) return issues;
  return { taskInput: body.task_input as Record<string, unknown>, fileNames, reference: (reference as string | undefined) ?? null };
}

/** The parts of a Run Task Agent body the simulator uses. */
export interface RunAgentBody {
  message: string;
  sessionId: string | undefined;
}

/** Checks a Run Task Agent body against RunTaskAgentRequest. */
export function parseRunAgentBody(body: unknown): RunAgentBody | ValidationIssue[] {
  if (body === undefined) return [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }];
  if (!isObject(body)) return [{ type: 'model_attributes_type', loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from', input: body }];
  const issues: ValidationIssue[] = [];
  if (!('message' in body)) issues.push({ type: 'missing', loc: ['body', 'message'], msg: 'Field required', input: body });
  else if (typeof body.message !== 'string') issues.push({ type: 'string_type', loc: ['body', 'message'], msg: 'Input should be a valid string', input: body.message });
  else if (body.message.length < 1) issues.push({ type: 'string_too_short', loc: ['body', 'message'], msg: 'String should have at least 1 character', input: body.message, ctx: { min_length: 1 } });
  if (body.session_id !== undefined && typeof body.session_id !== 'string') {
    issues.push({ type: 'string_type', loc: ['body', 'session_id'], msg: 'Input should be a valid string', input: body.session_id });
  }
  if (issues.length > 0) return issues;
  return { message: body.message as string, sessionId: body.session_id as string | undefined };
}
