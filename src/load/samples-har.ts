import { STATUS_CODES } from 'node:http';
import { writeOutputFile } from '../core/output-files.ts';
import type { ExchangeSampler } from './exchange-sampler.ts';
import type { HeaderList, SampledExchange } from './sampled-exchange.ts';

/** A HAR 1.2 document (http://www.softwareishard.com/blog/har-12-spec/), as far as runwarden writes one. */
export interface HarDocument {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    comment: string;
    entries: HarEntry[];
  };
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string; url: string; httpVersion: string; cookies: []; headers: HeaderList; queryString: HeaderList;
    headersSize: -1; bodySize: number; postData?: { mimeType: string; text: string };
  };
  response: {
    status: number; statusText: string; httpVersion: string; cookies: []; headers: HeaderList;
    content: { size: number; mimeType: string; text: string }; redirectURL: string; headersSize: -1; bodySize: number;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  comment: string;
  /** The profile the exchange belongs to (a HAR custom field): `spec drift --run` checks each provider's against its spec. */
  _provider: string;
}

const header = (headers: HeaderList, name: string): string | undefined => headers.find((one) => one.name.toLowerCase() === name)?.value;

function entryOf(exchange: SampledExchange): HarEntry {
  const { request, response } = exchange;
  const requestType = header(request.headers, 'content-type');
  const responseType = header(response.headers, 'content-type') ?? '';
  const requestBytes = Buffer.byteLength(request.body);
  const responseBytes = Buffer.byteLength(response.body);
  return {
    startedDateTime: new Date(exchange.startedAt).toISOString(),
    time: exchange.timeMs,
    request: {
      method: request.method, url: request.url, httpVersion: 'HTTP/1.1', cookies: [], headers: request.headers,
      queryString: [...new URL(request.url).searchParams].map(([name, value]) => ({ name, value })),
      headersSize: -1, bodySize: requestBytes,
      ...(request.body === '' ? {} : { postData: { mimeType: requestType ?? 'application/json', text: request.body } }),
    },
    response: {
      status: response.status, statusText: STATUS_CODES[response.status] ?? '', httpVersion: 'HTTP/1.1', cookies: [], headers: response.headers,
      content: { size: responseBytes, mimeType: responseType, text: response.body },
      redirectURL: header(response.headers, 'location') ?? '', headersSize: -1, bodySize: responseBytes,
    },
    cache: {},
    timings: { send: 0, wait: exchange.timeMs, receive: 0 },
    comment: `${exchange.provider} ${exchange.operationId}: ${exchange.why === 'first' ? 'among the first of its status and content type' : 'first of a new body shape'}`,
    _provider: exchange.provider,
  };
}

/**
 * The sampled exchanges of a load run (or several) as one HAR 1.2 document, in the order they were sent: readable
 * by `runwarden validate --har` and `runwarden spec drift --har`, and by any HAR viewer.
 */
export function samplesHar(samplers: readonly ExchangeSampler[], creatorVersion: string): HarDocument {
  const exchanges = samplers.flatMap((sampler) => sampler.exchanges).sort((a, b) => a.startedAt - b.startedAt);
  const offered = samplers.reduce((sum, sampler) => sum + sampler.offered, 0);
  const tooLarge = samplers.reduce((sum, sampler) => sum + sampler.tooLarge, 0);
  const perKind = samplers[0]?.limits.perKind ?? 0;
  return {
    log: {
      version: '1.2',
      creator: { name: 'runwarden', version: creatorVersion },
      comment: `${exchanges.length} of ${offered} load-run responses: the first ${perKind} per operation × status × content type, and the first of each new body shape; credentials redacted${tooLarge > 0 ? `; ${tooLarge} with a body over the size limit not kept` : ''}.`,
      entries: exchanges.map(entryOf),
    },
  };
}

/** Writes the samplers' exchanges to `file` as HAR 1.2 (its folder made, bounded) and returns the absolute path. */
export async function writeSamplesHar(file: string, samplers: readonly ExchangeSampler[], creatorVersion: string): Promise<{ file: string; exchanges: number; offered: number }> {
  const har = samplesHar(samplers, creatorVersion);
  const written = await writeOutputFile(file, `${JSON.stringify(har, null, 2)}\n`, 'the sampled exchanges');
  return { file: written, exchanges: har.log.entries.length, offered: samplers.reduce((sum, sampler) => sum + sampler.offered, 0) };
}
