import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionPool } from './connection-pool.ts';
import type { WireRequest } from './connection.ts';

let server: http.Server | undefined;
let rawServer: net.Server | undefined;
let rawConnections = 0;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await new Promise<void>((resolve) => (rawServer ? rawServer.close(() => resolve()) : resolve()));
  server = rawServer = undefined;
});

/**
 * A one-connection pool to a TCP server whose first connection gets `first(socket)` (replies no http.Server gives)
 * and every later one an OK per request; `send` submits GETs of the paths in order.
 */
async function onePoolAfter(first: (socket: net.Socket) => void) {
  rawConnections = 0;
  rawServer = net.createServer((socket) => (rawConnections++ === 0 ? first(socket) : answerEach(socket)));
  await new Promise<void>((resolve) => rawServer!.listen(0, '127.0.0.1', resolve));
  const { port } = rawServer.address() as AddressInfo;
  const seen: { status: number; body: string; headers: Record<string, unknown> }[] = [];
  const failed: string[] = [];
  const pool = new ConnectionPool({ hostname: '127.0.0.1', port, protocol: 'http:' }, { initial: 1, max: 1 }, (_request, reason) => failed.push(reason));
  const send = (...paths: string[]): void => { for (const path of paths) pool.submit(request(port, path, seen)); };
  return { pool, seen, failed, send };
}

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}';
/** Answers every request on the socket with OK (each request here is a bodiless GET). */
const answerEach = (socket: net.Socket): void => {
  socket.on('data', (chunk) => { for (let i = 0; i < chunk.toString('latin1').split('\r\n\r\n').length - 1; i++) socket.write(OK); });
};

async function serve(handler: http.RequestListener): Promise<number> {
  server = http.createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function request(port: number, path: string, seen: { status: number; body: string; headers: Record<string, unknown> }[]): WireRequest {
  return {
    buffer: Buffer.from(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n\r\n`),
    sentAt: 0,
    onResponse(status, body, _context, headers) {
      seen.push({ status, body, headers });
    },
  };
}

const until = async (condition: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('ConnectionPool over autocannon connections', () => {
  it('hands each whole response body to the request\'s onResponse hook and stamps its send time', async () => {
    const port = await serve((req, res) => res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ path: req.url, pad: 'x'.repeat(70_000) })));
    const seen: { status: number; body: string; headers: Record<string, unknown> }[] = [];
    const pool = new ConnectionPool({ hostname: '127.0.0.1', port, protocol: 'http:' }, { initial: 1, max: 1 }, () => undefined);
    const sent = [request(port, '/a', seen), request(port, '/b', seen)];
    for (const item of sent) pool.submit(item);
    await until(() => seen.length === 2);
    pool.close();
    expect(seen.map((item) => [item.status, (JSON.parse(item.body) as { path: string }).path])).toEqual([[201, '/a'], [201, '/b']]);
    expect(seen[0]!.headers).toMatchObject({ 'content-type': 'application/json' });
    expect(sent.every((item) => item.sentAt > 0)).toBe(true);
  });

  it('sends nothing while idle, and wakes when work arrives', async () => {
    let requests = 0;
    const port = await serve((_req, res) => { requests++; res.end('{}'); });
    const seen: { status: number; body: string; headers: Record<string, unknown> }[] = [];
    const pool = new ConnectionPool({ hostname: '127.0.0.1', port, protocol: 'http:' }, { initial: 2, max: 2 }, () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requests).toBe(0);
    pool.submit(request(port, '/late', seen));
    await until(() => seen.length === 1);
    pool.close();
    expect(requests).toBe(1);
  });

  it('grows up to its limit while requests wait', async () => {
    const port = await serve((_req, res) => setTimeout(() => res.end('{}'), 50));
    const seen: { status: number; body: string; headers: Record<string, unknown> }[] = [];
    const pool = new ConnectionPool({ hostname: '127.0.0.1', port, protocol: 'http:' }, { initial: 1, max: 3 }, () => undefined);
    for (let i = 0; i < 5; i++) pool.submit(request(port, `/${i}`, seen));
    expect(pool.size).toBe(3);
    await until(() => seen.length === 5);
    pool.close();
    expect(seen).toHaveLength(5);
  });

  it('fails a request whose connection drops, once, and carries on with the next on a fresh socket', async () => {
    let count = 0;
    const port = await serve((req, res) => {
      if (count++ === 0) req.socket.destroy();
      else res.end('{}');
    });
    const seen: { status: number; body: string; headers: Record<string, unknown> }[] = [];
    const failed: string[] = [];
    const pool = new ConnectionPool({ hostname: '127.0.0.1', port, protocol: 'http:' }, { initial: 1, max: 1 }, (_request, reason) => failed.push(reason));
    pool.submit(request(port, '/dropped', seen));
    pool.submit(request(port, '/next', seen));
    await until(() => seen.length === 1);
    pool.close();
    expect(failed).toEqual(['connection']);
    expect(seen).toHaveLength(1);
  });

  it('times out a request that gets no answer, and reconnects', async () => {
    let count = 0;
    const port = await serve((_req, res) => { if (count++ > 0) res.end('{}'); });
    const seen: { status: number; body: string; headers: Record<string, unknown> }[] = [];
    const failed: string[] = [];
    const pool = new ConnectionPool({ hostname: '127.0.0.1', port, protocol: 'http:' }, { initial: 1, max: 1 }, (_request, reason) => failed.push(reason));
    pool.submit(request(port, '/silent', seen));
    pool.submit(request(port, '/next', seen));
    await new Promise((resolve) => setTimeout(resolve, 60));
    pool.expire(performance.now(), 50);
    await until(() => seen.length === 1);
    pool.close();
    expect(failed).toEqual(['timeout']);
  });

  it('starts each socket with a fresh parser: a 408 Node sends to a connection idle past its headersTimeout breaks nothing', async () => {
    // Node answers a connection that sent nothing within headersTimeout with a 408 that has no length and closes it:
    // a parser left reading that body to the close swallowed every later response on the connection.
    const { pool, seen, failed, send } = await onePoolAfter((socket) => socket.end('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n'));
    await until(() => rawConnections === 2);
    send('/after-408', '/next');
    await until(() => seen.length === 2);
    pool.close();
    expect(seen.map((item) => [item.status, item.body])).toEqual([[200, '{}'], [200, '{}']]);
    expect(failed).toEqual([]);
  });

  it('after a timeout cut a response short, the next socket\'s responses are read as their own', async () => {
    const { pool, seen, failed, send } = await onePoolAfter((socket) => socket.once('data', () => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"cut')));
    send('/cut-short');
    await new Promise((resolve) => setTimeout(resolve, 60));
    pool.expire(performance.now(), 50);
    send('/next', '/and-next');
    await until(() => seen.length === 2);
    pool.close();
    expect(failed).toEqual(['timeout']);
    expect(seen.map((item) => [item.status, item.body])).toEqual([[200, '{}'], [200, '{}']]);
  });

  it('delivers a response that has no length and ends with its connection, then carries on', async () => {
    const { pool, seen, failed, send } = await onePoolAfter((socket) => socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"to":"the close"}')));
    send('/close-delimited', '/next');
    await until(() => seen.length === 2);
    pool.close();
    expect(failed).toEqual([]);
    expect(seen.map((item) => [item.status, item.body])).toEqual([[200, '{"to":"the close"}'], [200, '{}']]);
  });
});
