/** Levenshtein distance between two sequences, with a pluggable substitution cost (0..1). */
export function editDistance<T>(a: readonly T[], b: readonly T[], substitution: (x: T, y: T) => number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + substitution(a[i - 1]!, b[j - 1]!));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Character edit distance between two strings. */
export function stringDistance(a: string, b: string): number {
  return editDistance([...a], [...b], (x, y) => (x === y ? 0 : 1));
}

/** Up to `limit` candidates closest to `target` (case-insensitive), closest first; only reasonably close ones. */
export function closestNames(target: string, candidates: readonly string[], limit = 3): string[] {
  const lower = target.toLowerCase();
  return candidates
    .map((candidate) => {
      const name = candidate.toLowerCase();
      const distance = name.includes(lower) || lower.includes(name) ? 0.5 : stringDistance(lower, name);
      return { candidate, distance };
    })
    .filter(({ candidate, distance }) => distance <= Math.max(2, Math.ceil(Math.max(candidate.length, target.length) * 0.4)))
    .sort((x, y) => x.distance - y.distance)
    .filter(({ distance }, _index, sorted) => distance <= sorted[0]!.distance + 2)
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}
