import { gunzipSync } from 'node:zlib';
import { isJsonMediaType, mediaTypeOf } from './media-type.ts';

type Json = Record<string, unknown>;

/**
 * A HAR message's body as the validator wants it: parsed JSON for JSON media (or JSON-looking text), text otherwise.
 * `notRecorded` when the HAR did not keep it (no `text`, or `text: ""` with a size > 0: browsers drop bodies they
 * did not buffer), so it is not reported as missing; `notJson` for a JSON body that does not parse; `gzipped` for a
 * body still gzip-compressed that cannot be decoded here (binary text that lost its bytes).
 */
export interface HarBody {
  body?: unknown;
  contentType?: string;
  notRecorded?: boolean;
  notJson?: string;
  gzipped?: boolean;
}

/** Called with JSON text before it is parsed; throws to refuse it (the HAR reader's nesting limit). */
export type JsonGuard = (text: string) => void;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether bytes start with gzip's magic number (1f 8b). */
const isGzip = (bytes: Buffer): boolean => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

/** Text that is not text: control characters other than whitespace, or the replacement character of lost bytes. */
// eslint-disable-next-line no-control-regex
const looksBinary = (text: string): boolean => /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text);

/** The body of a HAR response's `content` (with the response's Content-Encoding header). */
export function responseBody(content: unknown, contentType: string | undefined, contentEncoding: string | undefined, guard: JsonGuard): HarBody {
  if (!isObject(content)) return { notRecorded: true, contentType };
  const mimeType = typeof content.mimeType === 'string' && content.mimeType !== '' ? content.mimeType : contentType;
  const size = typeof content.size === 'number' ? content.size : undefined;
  // No text: empty when the HAR says its size is 0 (a 204), else not recorded.
  if (typeof content.text !== 'string') return size === 0 ? { contentType: mimeType } : { notRecorded: true, contentType: mimeType };
  if (content.text === '') return size !== undefined && size > 0 ? { notRecorded: true, contentType: mimeType } : { contentType: mimeType };
  const encoding = typeof content.encoding === 'string' ? content.encoding.toLowerCase() : '';
  return decoded(content.text, encoding, mimeType, /gzip/i.test(contentEncoding ?? '') || encoding.includes('gzip'), guard);
}

/** The body of a HAR request's `postData`: its `text`, or its form fields (`params`) as the text they were sent as. */
export function requestBody(postData: unknown, contentType: string | undefined, bodySize: unknown, guard: JsonGuard): HarBody {
  if (!isObject(postData)) return typeof bodySize === 'number' && bodySize > 0 ? { notRecorded: true, contentType } : { contentType };
  const mimeType = typeof postData.mimeType === 'string' && postData.mimeType !== '' ? postData.mimeType : contentType;
  if (typeof postData.text === 'string' && postData.text !== '') {
    return decoded(postData.text, typeof postData.encoding === 'string' ? postData.encoding.toLowerCase() : '', mimeType, false, guard);
  }
  if (Array.isArray(postData.params) && postData.params.length > 0) return formText(postData.params, mimeType);
  return typeof bodySize === 'number' && bodySize > 0 ? { notRecorded: true, contentType: mimeType } : { contentType: mimeType };
}

function decoded(text: string, encoding: string, mimeType: string | undefined, gzipExpected: boolean, guard: JsonGuard): HarBody {
  let bytes: Buffer | undefined = encoding.includes('base64') ? Buffer.from(text, 'base64') : undefined;
  if (bytes !== undefined && isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      return { gzipped: true, contentType: mimeType };
    }
  }
  const body = bytes === undefined ? text : bytes.toString('utf8');
  // Compressed bytes kept as text have lost bytes to UTF-8 and cannot be decoded any more.
  if (bytes === undefined && (isGzip(Buffer.from(text.slice(0, 2), 'latin1')) || (gzipExpected && looksBinary(text)))) return { gzipped: true, contentType: mimeType };
  const json = mimeType ? isJsonMediaType(mediaTypeOf(mimeType)) : /^\s*[[{]/.test(body);
  if (!json) return { body, contentType: mimeType };
  guard(body);
  try {
    return { body: JSON.parse(body), contentType: mimeType };
  } catch {
    return { notJson: body, contentType: mimeType };
  }
}

const MULTIPART_BOUNDARY = 'runwarden-har-params';

/** `postData.params` as the body text its media type sends: `a=1&b=2`, or multipart parts (with a boundary). */
function formText(params: unknown[], mimeType: string | undefined): HarBody {
  const fields = params.filter(isObject).map((param) => ({ name: String(param.name ?? ''), value: typeof param.value === 'string' ? param.value : '', fileName: param.fileName }));
  if (mediaTypeOf(mimeType ?? '') !== 'multipart/form-data') {
    const search = new URLSearchParams();
    for (const { name, value } of fields) search.append(name, value);
    return { body: search.toString(), contentType: mimeType ?? 'application/x-www-form-urlencoded' };
  }
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(mimeType!)?.slice(1).find((part) => part !== undefined) ?? MULTIPART_BOUNDARY;
  const parts = fields.map(({ name, value, fileName }) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${typeof fileName === 'string' ? `; filename="${fileName}"` : ''}\r\n\r\n${value}\r\n`);
  return { body: `${parts.join('')}--${boundary}--\r\n`, contentType: mimeType!.includes('boundary=') ? mimeType : `multipart/form-data; boundary=${boundary}` };
}
