import { lookup } from 'node:dns/promises';
import { connect, isIP } from 'node:net';
import { RunwardenError, describeError } from '../core/errors.ts';
import { within } from '../core/within.ts';

/** Resolves a host name to every address it has (as `dns.lookup(name, { all: true })` does). */
export type ResolveHost = (hostname: string) => Promise<string[]>;

/** How long a name may take to resolve before the target is refused as unresolvable. */
const RESOLVE_TIMEOUT_MS = 5_000;

const REMOTE_HINT = 'Pass --allow-remote if you own this target and mean to load it.';

/** True for a loopback IP address (127.0.0.0/8, ::1, and 127/8 mapped into IPv6); false for names and other addresses. */
export function isLoopbackAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:127\./.test(bare) || /^(0{1,4}:){7}0{0,3}1$/.test(bare);
  return false;
}

/**
 * True for a target that is loopback without a look-up: a loopback IP literal, or the name `localhost` (which
 * resolvers answer locally). Any other name — `evil.localhost` included — needs `resolveLoadTarget`.
 */
export function isLoopback(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  return host === 'localhost' || isLoopbackAddress(host);
}

/** Parses a target URL: URL_INVALID unless it is an absolute http(s) URL. */
function parseTargetUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RunwardenError('URL_INVALID', `not a URL: ${raw}`, 'Pass an absolute URL such as http://127.0.0.1:4010/v2.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RunwardenError('URL_INVALID', `unsupported protocol in ${raw}\nReceived: ${url.protocol}\nSupported: http:, https:`);
  }
  return url;
}

/** REMOTE_REFUSED naming the host, and why it is not known to be loopback (its addresses, or that it does not resolve). */
function refused(url: URL, why = ''): RunwardenError {
  return new RunwardenError('REMOTE_REFUSED', `refusing to send load to ${url.host}${why}: only loopback targets (127.0.0.1, ::1, localhost) are allowed by default`, REMOTE_HINT);
}

/**
 * Parses a target URL and refuses one that is not loopback by `isLoopback` unless remote targets were allowed.
 * Synchronous, so it decides on the URL alone: a name other than `localhost` is refused; `resolveLoadTarget`
 * resolves it instead.
 */
export function checkTarget(raw: string, allowRemote: boolean): URL {
  const url = parseTargetUrl(raw);
  if (!allowRemote && !isLoopback(url)) throw refused(url);
  return url;
}

async function systemResolve(hostname: string): Promise<string[]> {
  return (await lookup(hostname, { all: true })).map((entry) => entry.address);
}

/**
 * Every address of the URL's host, bounded by RESOLVE_TIMEOUT_MS. A name that does not resolve cannot be shown to be
 * loopback: REMOTE_REFUSED, saying so.
 */
async function addressesOf(url: URL, resolve: ResolveHost): Promise<string[]> {
  try {
    const addresses = await within(resolve(url.hostname), RESOLVE_TIMEOUT_MS);
    if (addresses.length === 0) throw new Error('no addresses');
    return addresses;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw refused(url, ` (it does not resolve here: ${code === 'ENOTFOUND' ? 'no such host' : code ?? describeError(error)})`);
  }
}

/**
 * The URL load traffic should go to. With `allowRemote`, the URL as given. Otherwise its host must be loopback by
 * address: an IP literal is checked as is; a name is resolved and every address it has must be loopback (else
 * REMOTE_REFUSED naming them, or saying it does not resolve). An http URL is then pinned to a checked address (the
 * first that accepts a connection), so traffic goes where the check looked rather than wherever a second look-up
 * answers. An https URL keeps its name for TLS.
 */
export async function resolveLoadTarget(raw: string, allowRemote: boolean, resolve: ResolveHost = systemResolve): Promise<URL> {
  const url = parseTargetUrl(raw);
  if (allowRemote) return url;
  if (isIP(url.hostname.replace(/^\[|\]$/g, '')) !== 0) {
    if (!isLoopbackAddress(url.hostname)) throw refused(url);
    return url;
  }
  const addresses = await addressesOf(url, resolve);
  if (!addresses.every(isLoopbackAddress)) throw refused(url, ` (it resolves to ${addresses.join(', ')})`);
  if (url.protocol === 'https:') return url;
  const pinned = new URL(url);
  const address = await listeningAddress(addresses, Number(url.port || 80));
  pinned.hostname = isIP(address) === 6 ? `[${address}]` : address;
  return pinned;
}

/** How long a loopback address may take to accept a probe connection. */
const PROBE_TIMEOUT_MS = 1_000;

/**
 * The first of `addresses` (all loopback) that accepts a connection on `port`, else the first: a server on
 * "localhost" may listen on 127.0.0.1 or on ::1 only, and a client would try both. One short probe per address.
 */
async function listeningAddress(addresses: readonly string[], port: number): Promise<string> {
  for (const address of addresses) {
    const accepted = await new Promise<boolean>((settle) => {
      const socket = connect({ host: address, port });
      const done = (ok: boolean): void => {
        socket.destroy();
        settle(ok);
      };
      socket.setTimeout(PROBE_TIMEOUT_MS, () => done(false));
      socket.once('connect', () => done(true));
      socket.once('error', () => done(false));
    });
    if (accepted) return address;
  }
  return addresses[0]!;
}
