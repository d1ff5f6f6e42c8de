import type { Violation } from '../core/violation.ts';

const EXAMPLES = 20;

/** Counts violations by kind and keeps the first few as examples, so memory stays flat under load. */
export class ViolationLog {
  count = 0;
  readonly byCode = new Map<string, number>();
  readonly examples: Violation[] = [];

  add(violations: readonly Violation[]): void {
    for (const violation of violations) {
      this.count++;
      const key = `${violation.operationId} ${violation.code}`;
      this.byCode.set(key, (this.byCode.get(key) ?? 0) + 1);
      if (this.examples.length < EXAMPLES) this.examples.push(violation);
    }
  }
}
