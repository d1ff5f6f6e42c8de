import { Faker, base, en, type Randomizer } from '@faker-js/faker';
import { Rng } from './random.ts';

/**
 * A faker whose randomizer is our mulberry32 `Rng`: reseeding costs nothing (Faker's default
 * Mersenne Twister spends ~30 µs per seed), so every run can be rendered from its own seed at read time.
 */
export interface SeededFaker {
  faker: Faker;
  /** Reseeds the shared faker and its Rng; everything drawn until the next call depends only on `seed`. */
  seed(seed: number): void;
  rng: Rng;
}

/** Creates one seeded faker; callers reseed it per run, so one instance serves the whole simulator. */
export function createSeededFaker(): SeededFaker {
  const rng = new Rng(0);
  const randomizer: Randomizer = {
    next: () => rng.next(),
    seed: (seed) => rng.reseed(Array.isArray(seed) ? (seed[0] ?? 0) : seed),
  };
  const faker = new Faker({ locale: [en, base], randomizer });
  return { faker, rng, seed: (seed) => rng.reseed(seed) };
}
