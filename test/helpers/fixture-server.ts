import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request a fixture server received, with its body parsed when it was JSON. */
export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export type Handler = (request: Received, response: ServerResponse, index: number) => void | Promise<void>;

/** A node:http server on port 0 that answers with scripted handlers, one per request (the last one repeats). */
export interface FixtureServer {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

export async function startFixtureServer(handlers: Handler | Handler[]): Promise<FixtureServer> {
  const list = Array.isArray(handlers) ? handlers : [handlers];
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = text === '' ? undefined : text;
    try { body = text === '' ? undefined : JSON.parse(text); } catch { /* not JSON */ }
    const entry: Received = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body };
    received.push(entry);
    const index = received.length - 1;
    await list[Math.min(index, list.length - 1)]!(entry, response, index);
  });
  server.on('connection', (socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => { for (const socket of sockets) socket.destroy(); server.close(() => resolve()); }),
  };
}

/** Answers with a JSON body. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Handler {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
}

/** Destroys the connection without answering (the client sees a reset). */
export function reset(): Handler {
  return (_request, response) => { response.socket?.destroy(); };
}

/** A port nothing listens on (bound, then closed). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
