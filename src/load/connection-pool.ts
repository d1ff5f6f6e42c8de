import { EngineConnection, type Origin, type RequestSupply, type WireRequest } from './connection.ts';
import { Fifo } from './fifo.ts';

export interface PoolLimits {
  /** Connections opened up front. */
  initial: number;
  /** Connections the pool may grow to when requests wait; beyond it they queue (and their latency shows it). */
  max: number;
}

/**
 * The connections to one origin and the queue of requests waiting for one. Requests are sent in the order
 * submitted; an idle connection is woken for each, and the pool grows while requests wait.
 */
export class ConnectionPool implements RequestSupply {
  private readonly queue = new Fifo<WireRequest>();
  private readonly idle: EngineConnection[] = [];
  private readonly connections: EngineConnection[] = [];
  private closed = false;

  constructor(
    private readonly origin: Origin,
    private readonly limits: PoolLimits,
    private readonly onFailure: (request: WireRequest, reason: 'timeout' | 'connection') => void,
  ) {
    for (let i = 0; i < limits.initial; i++) this.open();
  }

  get size(): number {
    return this.connections.length;
  }

  get waiting(): number {
    return this.queue.size;
  }

  submit(request: WireRequest): void {
    if (this.closed) return;
    this.queue.push(request);
    const connection = this.popIdle();
    if (connection !== undefined) connection.pull();
    else if (this.connections.length < this.limits.max) this.open();
  }

  take(connection: EngineConnection): WireRequest | undefined {
    const request = this.queue.shift();
    if (request === undefined && !connection.parked) {
      connection.parked = true;
      this.idle.push(connection);
    }
    if (request !== undefined) connection.parked = false;
    return request;
  }

  fail(request: WireRequest, reason: 'timeout' | 'connection'): void {
    this.onFailure(request, reason);
  }

  /** Fails requests that waited on their connection longer than `timeoutMs`. */
  expire(now: number, timeoutMs: number): void {
    for (const connection of this.connections) connection.expire(now, timeoutMs);
  }

  /** Closes every connection; queued and in-flight requests are abandoned. Returns how many were queued. */
  close(): number {
    this.closed = true;
    for (const connection of this.connections) connection.close();
    return this.queue.drain().length;
  }

  private popIdle(): EngineConnection | undefined {
    let connection = this.idle.pop();
    // An idle entry goes stale when its connection found work another way (a reconnect pulls too).
    while (connection !== undefined && (!connection.parked || connection.busy)) connection = this.idle.pop();
    if (connection !== undefined) connection.parked = false;
    return connection;
  }

  private open(): void {
    this.connections.push(new EngineConnection(this.origin, this));
  }
}
