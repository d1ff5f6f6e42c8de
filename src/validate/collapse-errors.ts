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

/** How many raw errors each branch of a failed oneOf/anyOf reported (they precede its error, branch by branch). */
export type BranchSizes = (combinator: ErrorObject) => number[] | undefined;

/** Branch sizes read from schema paths: right when the branches were compiled inline (`#/oneOf/0/...`). */
function sizesFromPaths(errors: readonly ErrorObject[], index: number): number[] {
  const combinator = errors[index]!;
  const prefix = `${combinator.schemaPath}/`;
  const sizes: number[] = [];
  for (let at = index - 1; at >= 0; at--) {
    const error = errors[at]!;
    if (!error.schemaPath.startsWith(prefix) || !error.instancePath.startsWith(combinator.instancePath)) break;
    const branch = Number.parseInt(error.schemaPath.slice(prefix.length), 10);
    sizes[branch] = (sizes[branch] ?? 0) + 1;
  }
  return Array.from(sizes, (size) => size ?? 0);
}

interface Block {
  start: number;
  /** Index of the combinator's own error. */
  end: number;
  sizes: number[];
}

/** The block of raw errors each failed combinator owns, by the index of its own error. */
function blocksOf(errors: readonly ErrorObject[], branchSizes: BranchSizes | undefined): Map<number, Block> {
  const blocks = new Map<number, Block>();
  errors.forEach((error, end) => {
    if (!COMBINATORS.has(error.keyword)) return;
    let sizes = branchSizes?.(error);
    const fits = (candidate: number[] | undefined): candidate is number[] => {
      if (!candidate) return false;
      const start = end - candidate.reduce((sum, size) => sum + size, 0);
      return start >= 0 && errors.slice(start, end).every((inner) => inner.instancePath.startsWith(error.instancePath));
    };
    if (!fits(sizes)) sizes = sizesFromPaths(errors, end);
    if (!fits(sizes)) return;
    blocks.set(end, { start: end - sizes.reduce((sum, size) => sum + size, 0), end, sizes });
  });
  return blocks;
}

/**
 * Collapses oneOf/anyOf noise: each failed combinator is replaced by the errors of its closest branch (innermost
 * first), and `if` errors (their `then` errors say why) are dropped. Branches are told apart by `branchSizes` (the
 * compiler re-validates a branch to count its errors: branches that are `$ref`s report schema paths of their own),
 * else by schema paths.
 */
export function collapseErrors(errors: readonly ErrorObject[], branchSizes?: BranchSizes): ErrorObject[] {
  const blocks = blocksOf(errors, branchSizes);
  /** Blocks by their first index, outermost (latest end) first. */
  const starting = new Map<number, Block[]>();
  for (const block of blocks.values()) starting.set(block.start, [...(starting.get(block.start) ?? []), block].sort((a, b) => b.end - a.end));
  const render = (from: number, to: number): ErrorObject[] => {
    const out: ErrorObject[] = [];
    for (let index = from; index < to; index++) {
      const block = starting.get(index)?.find((candidate) => candidate.end < to);
      if (!block) {
        out.push(errors[index]!);
        continue;
      }
      out.push(...collapseBlock(block));
      index = block.end;
    }
    return out;
  };
  const collapseBlock = (block: Block): ErrorObject[] => {
    const combinator = errors[block.end]!;
    const passing = (combinator.params as { passingSchemas?: unknown }).passingSchemas;
    if (Array.isArray(passing) || block.start === block.end) return [combinator];
    const groups: Array<{ from: number; to: number; errors: ErrorObject[] }> = [];
    let at = block.start;
    for (const size of block.sizes) {
      if (size > 0) groups.push({ from: at, to: at + size, errors: errors.slice(at, at + size) });
      at += size;
    }
    const onlyTypes = groups.every((group) => group.errors.every((error) => error.keyword === 'type' && error.instancePath === combinator.instancePath));
    if (onlyTypes) {
      const types = [...new Set(groups.flatMap((group) => group.errors.flatMap(typesOf)))];
      return [{ ...groups[0]!.errors[0]!, schemaPath: combinator.schemaPath, params: { type: types } }];
    }
    const closest = groups.map((group) => ({ group, rank: rank(group.errors, combinator.instancePath) }))
      .sort((a, b) => compareRanks(a.rank, b.rank))[0]!.group;
    return render(closest.from, closest.to);
  };
  const current = render(0, errors.length).filter((error) => error.keyword !== 'if');
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
