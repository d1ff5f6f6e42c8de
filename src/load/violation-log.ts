import type { Violation } from '../core/violation.ts';

const EXAMPLES = 20;
const PER_KIND = 5;

/** Counts violations by kind and keeps the first few of each kind as examples, so memory stays flat under load. */
export class ViolationLog {
  count = 0;
  readonly byCode = new Map<string, number>();
  readonly examples: Violation[] = [];

  add(violations: readonly Violation[]): void {
    for (const violation of violations) {
      this.count++;
      const key = `${violation.operationId} ${violation.code}`;
      const seen = (this.byCode.get(key) ?? 0) + 1;
      this.byCode.set(key, seen);
      if (this.examples.length < EXAMPLES && seen <= PER_KIND) this.examples.push(violation);
    }
  }
}
