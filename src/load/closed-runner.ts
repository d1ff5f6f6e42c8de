/**
 * The closed model: `clients` virtual clients, each starting its next iteration as soon as the last one ends
 * (its run seen terminal, lost or refused). Throughput follows the target's speed by construction.
 */
export class ClosedRunner {
  private stopped = false;

  constructor(
    private readonly clients: number,
    /** Starts one iteration and calls `done` when it is over; a client whose `iterate` starts nothing stops. */
    private readonly iterate: (dueAt: number, done: () => void) => void,
  ) {}

  start(): void {
    for (let i = 0; i < this.clients; i++) this.next();
  }

  stop(): void {
    this.stopped = true;
  }

  private readonly next = (): void => {
    if (this.stopped) return;
    this.iterate(performance.now(), this.next);
  };
}
