import { RunwardenError } from '../../core/errors.ts';
import { setAtPointer, valueAtPointer } from '../../core/profile/index.ts';
import type { Operation } from '../../spec/index.ts';
import { Rng } from '../random.ts';
import { UUID_IDS, chooseIds, idsLike, prefixedIds, type RunIdGenerator } from './run-ids.ts';
import { documentedResponse, jsonMediaOf } from './spec-operations.ts';
import type { TemplateTools } from './template-tools.ts';

/** Where a run's id shows: a path parameter of the poll or cancel, and id fields of bodies. */
export interface IdUses {
  /** Operations whose path takes the id, with the parameter's name. */
  params: ReadonlyArray<{ operation: Operation; name: string }>;
  /** Operations whose answer (`status`) carries the id, at the first of these pointers the body has. */
  bodies: ReadonlyArray<{ operation: Operation; status: number; pointers: readonly string[] }>;
}

/**
 * Picks the shape of a kind's run ids: like the id the spec shows (an example's or a sample's), else UUIDs, else
 * 20 letters and digits, else samples of the parameter's own schema; the first whose ids every path parameter
 * schema and every id field accepts. CONFIG_INVALID when none fits.
 */
export function chooseRunIds(tools: TemplateTools, uses: IdUses, where: string): RunIdGenerator {
  const fields = uses.bodies.flatMap(({ operation, status, pointers }) => {
    const media = jsonMediaOf(documentedResponse(operation, status)?.response.content ?? {});
    const body = media && tools.candidates(`${operation.operationId} ${status}`, media.media).all().next().value;
    const pointer = pointers.find((candidate) => valueAtPointer(body, candidate) !== undefined) ?? (pointers.length === 1 ? pointers[0] : undefined);
    return typeof body === 'object' && body !== null && pointer !== undefined ? [{ operation, status, body, pointer }] : [];
  });
  const params = uses.params.flatMap(({ operation, name }) => {
    const parameter = operation.parameters.path.find((candidate) => candidate.name === name);
    return parameter ? [{ parameter, compiled: tools.validator.compiler.compile(parameter.schemaLocation, 'request', `${operation.operationId} ${name}`) }] : [];
  });
  const shown = fields.map((field) => valueAtPointer(field.body, field.pointer)).find((value) => value !== undefined);
  const fromSchema = params[0] && schemaIds(tools, params[0].parameter.schemaLocation);
  const candidates = [idsLike(shown), UUID_IDS, prefixedIds('', 20, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', '[A-Za-z0-9]'), fromSchema]
    .filter((generator): generator is RunIdGenerator => generator !== undefined);
  const accepts = (id: string, generator: RunIdGenerator) => {
    const value = generator.numeric ? Number(id) : id;
    if (params.some(({ compiled }) => !compiled.validate(value) && !compiled.validate(id))) return false;
    return fields.every((field) => {
      const body = structuredClone(field.body) as Record<string, unknown>;
      setAtPointer(body, field.pointer, value);
      return !tools.check(field.operation.operationId, field.status, body, {}).some((violation) => violation.pointer === field.pointer);
    });
  };
  const chosen = chooseIds(candidates, accepts, new Rng(0x1d5));
  if (chosen) return chosen;
  throw new RunwardenError('CONFIG_INVALID', `${where}: cannot make run ids the spec accepts (tried ${candidates.map((generator) => generator.shape).join(', ')})`,
    'Check the schema of the run id parameter and of the id field: a pattern or format the generator can satisfy is needed.');
}

/** Ids drawn from the parameter's own schema (json-schema-faker), for patterns no simple shape matches. */
function schemaIds(tools: TemplateTools, location: string): RunIdGenerator {
  return {
    shape: `samples of ${location}`,
    numeric: false,
    next: (rng) => String(tools.sampler.sample(location, rng.uint32(), true) ?? ''),
  };
}
