import { describe, expect, it } from 'vitest';
import { Rng } from '../random.ts';
import { isoTime } from './iso-time.ts';

describe('isoTime', () => {
  it('formats exactly as Date#toISOString across leap years, centuries and the edges of the range', () => {
    const rng = new Rng(11);
    const instants = [0, -1, 951_782_400_000, 951_868_799_999, 4_107_542_400_000, -62_167_219_200_000, 253_402_300_799_999, Date.parse('2025-06-03T12:00:00.000Z')];
    for (let i = 0; i < 20_000; i++) instants.push(Math.floor((rng.next() * 2 - 1) * 62_000_000_000_000));
    for (const ms of instants) expect(isoTime(ms), String(ms)).toBe(new Date(ms).toISOString());
  });
});
