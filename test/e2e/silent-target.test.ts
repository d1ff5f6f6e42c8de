import net, { type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, runCliIn } from './run-cli.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A target that accepts every connection and closes it without a byte of HTTP. Node's fetch then never settles and
 * holds no handle: with an unref'd timeout the CLI used to exit 13 with no output.
 */
let server: net.Server;
let url: string;
beforeAll(async () => {
  server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const env = { DECK_API_KEY: 'e2e-made-up-key' };

describe('a target that accepts connections and closes them unanswered', () => {
  it('ends `load --base-url` with exit 2 naming the URL, not a silent exit', async () => {
    const result = await runCliIn(ROOT, ['load', 'deck-create-poll', '--provider', 'deck', '--base-url', url, '--duration', '1s'], env);
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.stderr).toContain(`preflight GET ${url}/`);
    // Usually the 3 s bound ends it; sometimes Node notices the close first ("other side closed"). Both are clear.
    expect(result.stderr).toMatch(/: (no answer within 3000 ms|.*closed.*)\n/);
    expect(hasStackTrace(result.stderr)).toBe(false);
  }, 60_000);

  it('ends `contract verify --base-url` with exit 2 naming the URL, not a silent exit', async () => {
    const result = await runCliIn(ROOT, ['contract', 'verify', '--provider', 'deck', '--base-url', url], env);
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.stderr).toContain(`cannot reach the provider at ${url}: `);
    expect(result.stderr).toMatch(/: (no HTTP answer within 10000 ms|.*closed.*)\n/);
    expect(hasStackTrace(result.stderr)).toBe(false);
  }, 60_000);
});
