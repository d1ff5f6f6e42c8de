import { RunwardenError } from '../core/errors.ts';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** True for loopback targets (127.0.0.1, ::1, localhost): the only ones load runs against by default. */
export function isLoopback(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  return LOOPBACK_HOSTS.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host) || host.endsWith('.localhost');
}

/** Parses a target URL and refuses a non-loopback one unless remote targets were allowed explicitly. */
export function checkTarget(raw: string, allowRemote: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RunwardenError('URL_INVALID', `not a URL: ${raw}`, 'Pass an absolute URL such as http://127.0.0.1:4010/v2.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RunwardenError('URL_INVALID', `unsupported protocol in ${raw}\nReceived: ${url.protocol}\nSupported: http:, https:`);
  }
  if (!allowRemote && !isLoopback(url)) {
    throw new RunwardenError('REMOTE_REFUSED', `refusing to send load to ${url.host}: only loopback targets (127.0.0.1, ::1, localhost) are allowed by default`, 'Pass --allow-remote if you own this target and mean to load it.');
  }
  return url;
}
