import { describe, expect, it } from 'vitest';
import { basePathOf } from './base-path.ts';

describe('basePathOf', () => {
  it('takes the pathname of the first server URL', () => {
    expect(basePathOf([{ url: 'https://api.deck.co/v2' }, { url: 'https://other/v9' }])).toBe('/v2');
  });

  it('replaces server variables with their defaults', () => {
    expect(basePathOf([{ url: '{origin}/v1', variables: { origin: { default: 'https://api.example.com' } } }])).toBe('/v1');
    expect(basePathOf([{ url: 'https://api.example.com/{version}', variables: { version: { default: 'v3' } } }])).toBe('/v3');
  });

  it('accepts relative server URLs and drops the trailing slash', () => {
    expect(basePathOf([{ url: '/api/v1/' }])).toBe('/api/v1');
  });

  it('is empty without servers or without a path', () => {
    expect(basePathOf(undefined)).toBe('');
    expect(basePathOf([{ url: 'https://api.example.com' }])).toBe('');
  });
});
