import type { MediaType } from '../../spec/index.ts';
import { hashString, mixSeed } from '../random.ts';
import type { SchemaSampler } from './schema-sampler.ts';

/** Samples drawn per response before the engine settles for one that does not conform. */
const MAX_SAMPLES = 12;

/**
 * The bodies a documented JSON response could be built from, best first: the spec's examples and seeded samples
 * of its schema (drawn on demand, each once). Every body handed out is a fresh copy the caller may change.
 */
export class BodyCandidates {
  readonly examples: readonly unknown[];
  private readonly samples: unknown[] = [];
  private readonly seed: number;

  constructor(
    private readonly media: MediaType,
    private readonly sampler: SchemaSampler,
    seed: number,
    owner: string,
    private readonly preferExamples: boolean,
  ) {
    this.examples = media.examples.map((example) => example.value).filter((value) => value !== undefined);
    // Seeded by the schema, not by where it sits: a run created and then read back shows the same content.
    const shape = media.schemaLocation === undefined ? undefined : sampler.shapeOf(media.schemaLocation);
    this.seed = mixSeed(seed, hashString(shape ?? owner));
  }

  /** Every candidate once, best first (bounded: the examples plus at most 12 samples). */
  *all(): Generator<unknown> {
    if (this.preferExamples) yield* this.copies(this.examples);
    for (let attempt = 0; attempt < MAX_SAMPLES; attempt++) {
      const sample = this.sampleAt(attempt);
      if (sample !== undefined) yield structuredClone(sample);
    }
    if (!this.preferExamples) yield* this.copies(this.examples);
  }

  /** Copies of the examples that satisfy `test`. */
  *examplesWhere(test: (example: unknown) => boolean): Generator<unknown> {
    yield* this.copies(this.examples.filter(test));
  }

  private *copies(values: readonly unknown[]): Generator<unknown> {
    for (const value of values) yield structuredClone(value);
  }

  /** The n-th sample: the first half fills every optional property, the second half only some. */
  private sampleAt(attempt: number): unknown {
    if (attempt < this.samples.length) return this.samples[attempt];
    const location = this.media.schemaLocation;
    const sample = location === undefined ? undefined : this.sampler.sample(location, mixSeed(this.seed, attempt), attempt < MAX_SAMPLES / 2);
    this.samples[attempt] = sample;
    return sample;
  }
}
