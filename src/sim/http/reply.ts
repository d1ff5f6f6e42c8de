import type { ServerResponse } from 'node:http';

/** A JSON response: serialized once, when it is written. */
export interface JsonReply {
  kind: 'json';
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A streamed response (Server-Sent Events): the handler owns `res` from here on. */
export interface StreamReply {
  kind: 'stream';
  status: number;
  /** Starts writing; must end `res` eventually or when the client goes away. */
  start(res: ServerResponse): void;
}

/** A JSON response whose text is already serialized (cached bodies of finished runs). */
export interface TextReply {
  kind: 'text';
  status: number;
  text: string;
  headers?: Record<string, string>;
}

/** What a route handler answers. */
export type Reply = JsonReply | TextReply | StreamReply;

/** A reply with pre-serialized JSON text. */
export function jsonText(status: number, text: string, headers?: Record<string, string>): TextReply {
  return headers ? { kind: 'text', status, text, headers } : { kind: 'text', status, text };
}

/** A JSON reply. */
export function json(status: number, body: unknown, headers?: Record<string, string>): JsonReply {
  return headers ? { kind: 'json', status, body, headers } : { kind: 'json', status, body };
}

/** Writes a JSON reply: one `JSON.stringify` (none for a text reply), explicit length, no chunking. */
export function writeJson(res: ServerResponse, reply: JsonReply | TextReply): void {
  const text = reply.kind === 'text' ? reply.text : JSON.stringify(reply.body);
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  };
  if (reply.headers) Object.assign(headers, reply.headers);
  res.writeHead(reply.status, headers);
  res.end(text);
}
