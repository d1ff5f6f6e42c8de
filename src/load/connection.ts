import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';

/**
 * The part of autocannon's connection class (`autocannon/lib/httpClient.js`, v9) that runwarden builds on:
 * the socket with reconnects, the HTTP parser, the pipelined-request FIFO and the `onResponse` request hook.
 * Touch points are listed here so an autocannon upgrade that moves them fails `connection.test.ts`, not a run.
 */
interface AutocannonClient extends EventEmitter {
  conn: Socket;
  destroyed: boolean;
  /** http-parser-js, one per client and kept across reconnects by autocannon: runwarden restarts it per socket. */
  parser: { state: string; initialize(type: 'RESPONSE'): void; finish(): Error | undefined };
  pipelinedRequests: { insertRequest(request: object): void; clear(): void };
  timeoutTicker: { reschedule(ms?: number): void; clear(): void };
  _connect(): void;
  _doRequest(): void;
  _destroyConnection(): void;
  destroy(): void;
}

interface AutocannonClientOptions {
  hostname: string;
  port: number;
  protocol: string;
  pipelining: number;
  /** Seconds; runwarden times requests itself (see `expire`), so autocannon's ticker is switched off. */
  timeout: number;
}

const require = createRequire(import.meta.url);
const AutocannonClientClass = require('autocannon/lib/httpClient.js') as new (options: AutocannonClientOptions) => AutocannonClient;

/** A request ready to go on the wire. autocannon calls `onResponse` (its request hook) with the whole body. */
export interface WireRequest {
  readonly buffer: Buffer;
  /** performance.now() when the request was written; set by the connection. */
  sentAt: number;
  onResponse(status: number, body: string, context: unknown, headers: Record<string, string | string[]>): void;
}

/** Where a connection gets its next request and reports the ones it could not complete. */
export interface RequestSupply {
  /** The next request for this connection, or undefined: the connection is idle until `pull()` is called. */
  take(connection: EngineConnection): WireRequest | undefined;
  /** A request that got no response: the connection broke, or it timed out. Called once per request. */
  fail(request: WireRequest, reason: 'timeout' | 'connection'): void;
}

export interface Origin {
  hostname: string;
  port: number;
  protocol: 'http:' | 'https:';
}

const NO_TICKER = { reschedule(): void {}, clear(): void {} };
const RECONNECT_BACKOFF_MS = 50;

/**
 * One keep-alive connection, one request at a time. Unlike autocannon's own loop it sends only when its supply
 * has work, so it can sit idle between polls and follow runs of any length.
 */
export class EngineConnection extends AutocannonClientClass {
  private inFlight: WireRequest | undefined;
  private wired = false;
  private reconnectPending = false;
  private failuresInARow = 0;
  /** True while a response delimited by the connection's close is delivered: nothing is sent on that socket. */
  private ending = false;
  /** Set by the supply while the connection is parked in its idle list. */
  parked = false;

  constructor(origin: Origin, private readonly supply: RequestSupply) {
    super({ hostname: origin.hostname, port: origin.port, protocol: origin.protocol, pipelining: 1, timeout: 1e6 });
    this.timeoutTicker.clear();
    this.timeoutTicker = NO_TICKER;
    this.on('response', () => {
      this.inFlight = undefined;
      this.failuresInARow = 0;
    });
    this.wired = true;
    this._doRequest();
  }

  /** Asks an idle connection to take work from its supply. */
  pull(): void {
    this._doRequest();
  }

  /** Fails the request in flight if it has waited longer than `timeoutMs`, and opens a fresh socket. */
  expire(now: number, timeoutMs: number): void {
    const request = this.inFlight;
    if (request === undefined || now - request.sentAt < timeoutMs) return;
    this.inFlight = undefined;
    this._destroyConnection();
    this.supply.fail(request, 'timeout');
    this._connect();
  }

  /** A response without a length runs to the close (RFC 9112 §6.3): at the close it is complete, not failed. */
  private deliverCloseDelimited(): void {
    if (this.inFlight === undefined || this.parser.state !== 'BODY_RAW') return;
    this.ending = true;
    try {
      this.parser.finish();
    } finally {
      this.ending = false;
    }
  }

  get busy(): boolean {
    return this.inFlight !== undefined;
  }

  close(): void {
    this.inFlight = undefined;
    this.destroy();
  }

  override _doRequest(): void {
    if (!this.wired || this.ending || this.destroyed || this.reconnectPending || this.inFlight !== undefined) return;
    const request = this.supply.take(this);
    if (request === undefined) return;
    this.inFlight = request;
    request.sentAt = performance.now();
    this.pipelinedRequests.insertRequest(request);
    this.conn.write(request.buffer);
  }

  /**
   * autocannon reconnects on socket errors, on `end` and after a timeout: a response that ends with its connection
   * is delivered, a request still in flight then is failed, not misattributed, and the new socket gets a fresh parser.
   */
  override _connect(): void {
    if (!this.wired) return super._connect();
    this.deliverCloseDelimited();
    const request = this.inFlight;
    this.inFlight = undefined;
    this.pipelinedRequests.clear();
    // autocannon keeps one parser for every socket it opens: one left mid-message (a response cut off, or one that
    // runs to the close, such as Node's 408 to a connection idle past its headersTimeout) would read the next
    // socket's responses as the rest of that message, and every request on this connection would time out.
    this.parser.initialize('RESPONSE');
    if (request !== undefined) {
      this.failuresInARow++;
      this.supply.fail(request, 'connection');
    }
    if (this.destroyed) return;
    if (this.failuresInARow === 0) return super._connect();
    // A refused or failing target would otherwise be retried in a tight loop.
    this.reconnectPending = true;
    setTimeout(() => {
      this.reconnectPending = false;
      if (!this.destroyed) super._connect();
    }, RECONNECT_BACKOFF_MS).unref();
  }
}
