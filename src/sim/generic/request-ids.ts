import { setAtPointer, valueAtPointer } from '../../core/profile/index.ts';
import { Rng, mixSeed } from '../random.ts';
import { requestIdFields } from './body-fields.ts';
import { idsLike, type RunIdGenerator } from './run-ids.ts';

/** A field that identifies one request (`request_id`), with ids shaped like its example's. */
export interface RequestIdField {
  pointer: string;
  ids: RunIdGenerator;
}

/**
 * The body's request-id fields (except those in `skip`) whose example has a string id shape, each set to a sample of
 * that shape drawn from `sampleRng`, so the spec checks made on the body cover what the answers will carry.
 */
export function requestIdSlots(body: unknown, skip: ReadonlySet<string>, sampleRng: Rng): RequestIdField[] {
  return requestIdFields(body, skip).flatMap((pointer) => {
    const ids = idsLike(valueAtPointer(body, pointer));
    if (ids === undefined || ids.numeric) return [];
    setAtPointer(body as Record<string, unknown>, pointer, ids.next(sampleRng, 0));
    return [{ pointer, ids }];
  });
}

/** Fresh request ids for each answer, drawn from (seed, answer count): the same requests get the same ids. */
export class RequestIdDraws {
  private answers = 0;
  private readonly rng = new Rng(0);

  constructor(private readonly seed: number) {}

  /** One id per field, for the next answer. */
  next(fields: readonly RequestIdField[]): string[] {
    const answer = this.answers++;
    this.rng.reseed(mixSeed(this.seed, answer));
    return fields.map((field) => field.ids.next(this.rng, answer));
  }

  /** Starts the answer count over (a simulator reset). */
  reset(): void {
    this.answers = 0;
  }
}
