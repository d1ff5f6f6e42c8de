import type { IncomingMessage } from 'node:http';

/** The request headers the pipeline itself needs. */
export interface ScannedHeaders {
  authorization: string | undefined;
  contentLength: string | undefined;
  transferEncoding: string | undefined;
  scenario: string | undefined;
}

/**
 * Reads the few headers the pipeline needs from `rawHeaders` in one pass, so the hot path never builds
 * Node's full `req.headers` object (handlers still can, lazily). The first occurrence wins.
 */
export function scanHeaders(req: IncomingMessage): ScannedHeaders {
  const raw = req.rawHeaders;
  const found: ScannedHeaders = { authorization: undefined, contentLength: undefined, transferEncoding: undefined, scenario: undefined };
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    switch (name.length) {
      case 13:
        if (found.authorization === undefined && name.toLowerCase() === 'authorization') found.authorization = raw[i + 1];
        break;
      case 14:
        if (found.contentLength === undefined && name.toLowerCase() === 'content-length') found.contentLength = raw[i + 1];
        break;
      case 17:
        if (found.transferEncoding === undefined && name.toLowerCase() === 'transfer-encoding') found.transferEncoding = raw[i + 1];
        break;
      case 20:
        if (found.scenario === undefined && name.toLowerCase() === 'x-runwarden-scenario') found.scenario = raw[i + 1];
        break;
      default:
        break;
    }
  }
  return found;
}
