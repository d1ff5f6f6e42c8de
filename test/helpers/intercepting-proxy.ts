import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy saw of one request. */
export interface Intercepted {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

/** Rewrites a response body (as text) on its way back; return it unchanged to pass it through. */
export type Rewrite = (request: Intercepted, body: string) => string;

/** A proxy in front of a provider that records requests and may rewrite responses (a "broken route"). */
export async function startInterceptingProxy(target: string, rewrite: Rewrite = (_request, body) => body): Promise<{ url: string; seen: Intercepted[]; close(): Promise<void> }> {
  const origin = new URL(target).origin;
  const seen: Intercepted[] = [];
  const server = createServer((incoming, outgoing) => {
    const intercepted = { method: incoming.method ?? 'GET', url: incoming.url ?? '/', headers: incoming.headers };
    seen.push(intercepted);
    const upstream = request(`${origin}${intercepted.url}`, { method: intercepted.method, headers: { ...incoming.headers, host: new URL(origin).host } }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const body = rewrite(intercepted, Buffer.concat(chunks).toString('utf8'));
        const headers = { ...answer.headers, 'content-length': String(Buffer.byteLength(body)) };
        delete headers['transfer-encoding'];
        outgoing.writeHead(answer.statusCode ?? 502, headers);
        outgoing.end(body);
      });
    });
    upstream.on('error', () => { outgoing.writeHead(502); outgoing.end(); });
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${new URL(target).pathname.replace(/\/$/, '')}`,
    seen,
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}
