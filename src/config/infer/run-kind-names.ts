import type { RunPair } from './find-runs.ts';
import { segmentsOf, singular } from './operation-facts.ts';

/**
 * A name for each pair's run kind, from its poll path's nouns: `/task-runs/{id}` → `task-run`. Names that
 * collide take the noun before (`task-run`, `task-agent-run`); pairs that share a poll take their create's id.
 */
export function runKindNames(pairs: readonly RunPair[]): string[] {
  const nouns = pairs.map((pair) => segmentsOf(pair.poll.pathTemplate).filter((segment) => segment !== '{}' && !/^v\d+$/.test(segment)).map((segment) => singular(slug(segment))));
  const names = nouns.map((list) => list.at(-1) || 'run');
  for (let depth = 2; depth <= 4; depth++) {
    const clashing = names.map((name, index) => names.filter((other) => other === name).length > 1 ? index : -1).filter((index) => index !== -1);
    if (clashing.length === 0) break;
    for (const index of clashing) names[index] = nouns[index]!.slice(-depth).join('-') || names[index]!;
  }
  const seen = new Map<string, number>();
  return names.map((name, index) => {
    if (names.filter((other) => other === name).length === 1) return name;
    const fromCreate = slug(pairs[index]!.create.operationId.replace(/([a-z0-9])([A-Z])/g, '$1-$2'));
    const taken = seen.get(fromCreate) ?? 0;
    seen.set(fromCreate, taken + 1);
    return taken === 0 ? fromCreate : `${fromCreate}-${taken + 1}`;
  });
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[-_]+|[-_]+$/g, '') || 'run';
}
