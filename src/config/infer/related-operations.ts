import type { LoadedSpec, Operation, SchemaObject } from '../../spec/index.ts';
import { jsonSchemaOf, pathParams, segmentsOf, successStatuses } from './operation-facts.ts';
import { familyOf, propertiesOf, sameSchema } from './schema-walk.ts';

const CANCEL_VERB = /^(cancel|abort|stop|terminate)$/i;

/** The operation that cancels a polled run: `POST <poll path>/cancel` (or `…:cancel`), else `DELETE <poll path>`. */
export function findCancel(spec: LoadedSpec, poll: Operation, runIdParam: string): { operation: Operation; runIdParam: string } | undefined {
  const pollSegments = segmentsOf(poll.pathTemplate);
  const at = pathParams(poll.pathTemplate).find((param) => param.name === runIdParam)!.segment;
  const under = (operation: Operation): string[] | undefined => {
    const segments = segmentsOf(operation.pathTemplate);
    return pollSegments.every((segment, index) => segment === segments[index] || (index === pollSegments.length - 1 && segments[index]?.startsWith(`${segment}:`))) ? segments : undefined;
  };
  const post = spec.operations.find((operation) => {
    const segments = operation.method === 'post' ? under(operation) : undefined;
    if (!segments) return false;
    const verb = segments.length === pollSegments.length + 1 ? segments.at(-1)! : segments.length === pollSegments.length ? segments.at(-1)!.split(':')[1] ?? '' : '';
    return CANCEL_VERB.test(verb);
  });
  const remove = spec.operations.find((operation) => operation.method === 'delete' && segmentsOf(operation.pathTemplate).join('/') === pollSegments.join('/'));
  const operation = post ?? remove;
  if (!operation) return undefined;
  const param = pathParams(operation.pathTemplate).find((candidate) => candidate.segment === at);
  return param ? { operation, runIdParam: param.name } : undefined;
}

/**
 * Operations whose answers carry runs of this kind (a list's rows, an action's result), other than the ones a
 * run kind already names: the run schema itself, an array of it, or a field holding either.
 */
export function findAlsoReturnedBy(spec: LoadedSpec, runSchema: SchemaObject | undefined, named: ReadonlySet<string>): string[] {
  if (!runSchema) return [];
  return spec.operations.filter((operation) => !named.has(operation.operationId) && successStatuses(operation)
    .some((status) => carriesRun(jsonSchemaOf(operation.responses[status]), runSchema, 2)))
    .map((operation) => operation.operationId);
}

function carriesRun(schema: SchemaObject | undefined, runSchema: SchemaObject, depth: number): boolean {
  if (!schema) return false;
  if (sameSchema(schema, runSchema)) return true;
  const items = familyOf(schema).map((member) => member.items as SchemaObject | undefined).find((candidate) => candidate !== undefined);
  if (items && sameSchema(items, runSchema)) return true;
  return depth > 0 && [...propertiesOf(schema).values()].some((property) => carriesRun(property, runSchema, depth - 1));
}
