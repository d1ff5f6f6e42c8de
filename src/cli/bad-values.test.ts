import { describe, expect, it } from 'vitest';
import { EXIT } from './exit-codes.ts';
import { runMain as run } from './testing/run-main.ts';

/** Bad flag values: each is refused before anything runs, with exit 2, what was received and the accepted range. */
const CASES: Array<{ argv: string[]; says: RegExp }> = [
  { argv: ['load', 'deck-create-poll', '--duration', '1000h'], says: /invalid --duration: out of range\nReceived: 1000h\nExpected: a number with a unit, from 1ms to 24h/ },
  { argv: ['load', 'deck-create-poll', '--duration', '0.0001ms'], says: /invalid --duration: out of range\nReceived: 0\.0001ms\nExpected: .*from 1ms to 24h/ },
  { argv: ['load', 'deck-create-poll', '--drain', '1000h'], says: /invalid --drain: out of range/ },
  { argv: ['load', 'deck-create-poll', '--run-timeout', 'soon'], says: /invalid --run-timeout\nReceived: soon\nExpected: .*from 1ms to 24h/ },
  { argv: ['load', 'deck-create-poll', '--rate', '0x10'], says: /--rate must be a number of runs per second above 0 and at most 100000\nReceived: 0x10/ },
  { argv: ['load', 'deck-create-poll', '--rate', '1e1'], says: /--rate must be a number .*\nReceived: 1e1/ },
  { argv: ['load', 'deck-create-poll', '--rate', ''], says: /--rate must be a number .*\nReceived: $/m },
  { argv: ['load', 'deck-create-poll', '--connections', '0x2'], says: /--connections must be an integer from 1 to 10000\nReceived: 0x2/ },
  { argv: ['load', 'deck-create-poll', '--connections', ' 4'], says: /--connections must be an integer from 1 to 10000/ },
  { argv: ['ci', '--scenarios', ''], says: /--scenarios names no scenario/ },
  { argv: ['ci', '--duration', '1000h'], says: /invalid --duration: out of range/ },
  { argv: ['serve', '--admin-token', ''], says: /--admin-token is empty\nReceived: ""/ },
  { argv: ['serve', '--admin-token', '   '], says: /--admin-token is empty/ },
  { argv: ['serve', '--port', '0x50'], says: /--port must be an integer from 0 to 65535\nReceived: 0x50/ },
];

describe('bad flag values', () => {
  for (const { argv, says } of CASES) {
    it(`refuses ${argv.map((arg) => (arg === '' || arg.includes(' ') ? JSON.stringify(arg) : arg)).join(' ')} with exit 2 and the accepted range`, async () => {
      const { code, out, err } = await run(argv);
      expect(code, err).toBe(EXIT.usage);
      expect(err).toMatch(says);
      expect(out).toBe('');
      expect(err).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    });
  }
});
