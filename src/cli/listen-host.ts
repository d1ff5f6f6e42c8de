import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { RunwardenError, describeError } from '../core/errors.ts';
import { within } from '../core/within.ts';

/** How long `--host` may take to resolve. */
const RESOLVE_TIMEOUT_MS = 5_000;

const WILDCARDS = new Set(['0.0.0.0', '::']);

/** Every address of this machine's interfaces. */
function localAddresses(): Set<string> {
  return new Set(Object.values(networkInterfaces()).flatMap((entries) => (entries ?? []).map((entry) => entry.address.toLowerCase())));
}

/**
 * Checks the interface a server is to bind (`--host`, or `host` in a config file named `source`) before it starts:
 * the name must resolve, within RESOLVE_TIMEOUT_MS, to an address of this machine (or a wildcard). USAGE naming
 * the host and what is wrong otherwise, instead of the listener's bare ENOTFOUND or EADDRNOTAVAIL.
 */
export async function checkListenHost(host: string, source = '--host'): Promise<void> {
  const bare = host.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(bare) !== 0) addresses = [bare];
  else {
    try {
      addresses = (await within(lookup(bare, { all: true }), RESOLVE_TIMEOUT_MS)).map((entry) => entry.address);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new RunwardenError('USAGE', `${source} ${host}: cannot resolve it (${code === 'ENOTFOUND' ? 'no such host' : code ?? describeError(error)})`,
        'Pass an address of this machine: 127.0.0.1 (the default), ::1, or 0.0.0.0 for every interface.');
    }
  }
  const local = localAddresses();
  if (addresses.some((address) => WILDCARDS.has(address) || local.has(address.toLowerCase()))) return;
  throw new RunwardenError('USAGE', `${source} ${host}: not an address of this machine${addresses[0] === bare ? '' : ` (it resolves to ${addresses.join(', ')})`}`,
    `Pass one of this machine's addresses (${[...local].slice(0, 4).join(', ')}), or 0.0.0.0 for every interface.`);
}
