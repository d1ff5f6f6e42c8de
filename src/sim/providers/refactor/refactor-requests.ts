import { isUuid } from '../../ids.ts';
import type { TelemetryStrategy } from './refactor-run.ts';

/** The parts of a RunRequest body the simulator uses. */
export interface RunRequestBody {
  timeoutSeconds: number;
  telemetry: TelemetryStrategy;
}

const TELEMETRY: readonly TelemetryStrategy[] = ['disable', 'default', 'force'];
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks a body against the spec's RunRequest and returns the problem message, or the parsed options.
 * Mirrors the spec: `resource` is a reference (`{"id": "<uuid>"}`) or an inline `ResourceCreate`, which
 * may not carry an `id` (so an object with a malformed `id`, or a non-object, matches neither).
 */
export function parseRunRequest(body: unknown): RunRequestBody | string {
  if (body === undefined) return 'Request body is required (it may be {}).';
  if (!isObject(body)) return 'Request body must be a JSON object.';
  if (body.resources !== undefined) {
    if (!Array.isArray(body.resources)) return "Body field 'resources' must be an array.";
    for (const [index, binding] of body.resources.entries()) {
      const where = `resources[${index}]`;
      if (!isObject(binding)) return `Body field '${where}' must be an object with name and resource.`;
      if (typeof binding.name !== 'string') return `Body field '${where}.name' is required and must be a string.`;
      if (!('resource' in binding)) return `Body field '${where}.resource' is required.`;
      const resource = binding.resource;
      if (!isObject(resource)) return `Body field '${where}.resource' must be an object: {"id": "<uuid>"} or an inline resource.`;
      {
        if ('id' in resource) {
          if (typeof resource.id !== 'string' || !isUuid(resource.id)) return `Body field '${where}.resource.id' must be a UUID, got '${String(resource.id)}'.`;
        } else {
          if (resource.type !== undefined && typeof resource.type !== 'string') return `Body field '${where}.resource.type' must be a string.`;
          if (resource.mime_type !== undefined && typeof resource.mime_type !== 'string') return `Body field '${where}.resource.mime_type' must be a string.`;
        }
      }
    }
  }
  const timeout = body.timeout_seconds;
  if (timeout !== undefined && timeout !== null && !(typeof timeout === 'number' && Number.isInteger(timeout))) {
    return "Body field 'timeout_seconds' must be an integer or null.";
  }
  const telemetry = body.telemetry_strategy;
  if (telemetry !== undefined && !(TELEMETRY as readonly unknown[]).includes(telemetry)) {
    return `Body field 'telemetry_strategy' must be one of: disable, default, force; got '${String(telemetry)}'.`;
  }
  if (body.callback_url !== undefined && (typeof body.callback_url !== 'string' || !URI.test(body.callback_url))) {
    return "Body field 'callback_url' must be an absolute URI.";
  }
  if (body.callback_headers !== undefined) {
    if (!isObject(body.callback_headers) || Object.values(body.callback_headers).some((value) => typeof value !== 'string')) {
      return "Body field 'callback_headers' must be an object of string values.";
    }
  }
  return {
    timeoutSeconds: typeof timeout === 'number' && timeout >= 1 ? timeout : 0,
    telemetry: (telemetry as TelemetryStrategy | undefined) ?? 'default',
  };
}
