/**
 * Smooth weighted round-robin (as in nginx): over any window, each flow is picked in proportion to its weight,
 * evenly interleaved and without randomness, so runs are reproducible.
 */
export function weightedPicker<T>(items: readonly { item: T; weight: number }[]): () => T {
  const current = items.map(() => 0);
  const total = items.reduce((sum, { weight }) => sum + weight, 0);
  return () => {
    let best = 0;
    for (let i = 0; i < items.length; i++) {
      current[i]! += items[i]!.weight;
      if (current[i]! > current[best]!) best = i;
    }
    current[best]! -= total;
    return items[best]!.item;
  };
}
