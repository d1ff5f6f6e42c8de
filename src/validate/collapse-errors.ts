import type { ErrorObject } from 'ajv';

const COMBINATORS = new Set(['oneOf', 'anyOf']);
const SHADOWED_BY_TYPE = new Set(['enum', 'const', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']);

const depthOf = (pointer: string): number => (pointer === '' ? 0 : pointer.split('/').length - 1);

function typesOf(error: ErrorObject): string[] {
  const type = (error.params as { type?: unknown }).type;
  if (Array.isArray(type)) return type.map(String);
  return typeof type === 'string' ? type.split(',') : [];
}

/** How far a failed branch is from matching: lower is closer. Wrong-type branches rank last. */
function rank(branch: ErrorObject[], instancePath: string): number[] {
  const wrongType = branch.some((error) => (error.keyword === 'type' || error.keyword === 'discriminator') && error.instancePath === instancePath);
  const tagMismatch = branch.some((error) => (error.keyword === 'const' || error.keyword === 'enum')
    && depthOf(error.instancePath) === depthOf(instancePath) + 1);
  const deepest = Math.max(...branch.map((error) => depthOf(error.instancePath)));
  return [wrongType ? 1 : 0, tagMismatch ? 1 : 0, branch.length, -deepest];
}

const compareRanks = (a: number[], b: number[]): number => {
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return a[index]! - b[index]!;
  return 0;
};

/** Replaces one failed oneOf/anyOf and its branches' errors with the errors of the closest branch. */
function collapseOne(errors: ErrorObject[], combinator: ErrorObject): ErrorObject[] {
  const prefix = `${combinator.schemaPath}/`;
  const branches = new Map<number, ErrorObject[]>();
  const rest: ErrorObject[] = [];
  for (const error of errors) {
    if (error === combinator) continue;
    if (error.schemaPath.startsWith(prefix) && error.instancePath.startsWith(combinator.instancePath)) {
      const index = Number.parseInt(error.schemaPath.slice(prefix.length), 10);
      const list = branches.get(index) ?? [];
      list.push(error);
      branches.set(index, list);
    } else {
      rest.push(error);
    }
  }
  const passing = (combinator.params as { passingSchemas?: unknown }).passingSchemas;
  if (Array.isArray(passing) || branches.size === 0) return [...rest, combinator];
  const groups = [...branches.values()];
  const onlyTypes = groups.every((group) => group.every((error) => error.keyword === 'type' && error.instancePath === combinator.instancePath));
  if (onlyTypes) {
    const types = [...new Set(groups.flatMap((group) => group.flatMap(typesOf)))];
    return [...rest, { ...groups[0]![0]!, schemaPath: combinator.schemaPath, params: { type: types } }];
  }
  const closest = groups.map((group) => ({ group, rank: rank(group, combinator.instancePath) }))
    .sort((a, b) => compareRanks(a.rank, b.rank))[0]!.group;
  return [...rest, ...closest];
}

/**
 * Collapses oneOf/anyOf noise: each failed combinator is replaced by the errors of its closest branch
 * (innermost first), and `if` errors (their `then` errors say why) are dropped.
 */
export function collapseErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  let current = errors.filter((error) => error.keyword !== 'if');
  const combinators = current.filter((error) => COMBINATORS.has(error.keyword))
    .sort((a, b) => b.schemaPath.length - a.schemaPath.length);
  for (const combinator of combinators) current = collapseOne(current, combinator);
  // A value of the wrong type also fails its enum, format or pattern: the type error says it all.
  const wrongType = new Set(current.filter((error) => error.keyword === 'type').map((error) => error.instancePath));
  const seen = new Set<string>();
  return current.filter((error) => {
    if (error.keyword !== 'type' && wrongType.has(error.instancePath) && SHADOWED_BY_TYPE.has(error.keyword)) return false;
    const key = `${error.instancePath} ${error.keyword} ${JSON.stringify(error.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
