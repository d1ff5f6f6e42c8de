import { describe, expect, it } from 'vitest';
import { checkTarget, isLoopback } from './target-safety.ts';

describe('target safety', () => {
  it('treats 127.0.0.1, ::1 and localhost as loopback, and nothing else', () => {
    for (const url of ['http://127.0.0.1:1/v2', 'http://[::1]:8080', 'http://localhost/x', 'http://127.4.5.6']) expect(isLoopback(new URL(url))).toBe(true);
    for (const url of ['https://api.deck.co/v2', 'http://10.0.0.1', 'http://localhost.evil.com']) expect(isLoopback(new URL(url))).toBe(false);
  });

  it('refuses a remote target unless remote targets are allowed', () => {
    expect(() => checkTarget('https://api.deck.co/v2', false)).toThrow(expect.objectContaining({ code: 'REMOTE_REFUSED', hint: expect.stringMatching(/--allow-remote/) }));
    expect(checkTarget('https://api.deck.co/v2', true).host).toBe('api.deck.co');
  });

  it('rejects what is not an http(s) URL', () => {
    expect(() => checkTarget('not a url', false)).toThrow(expect.objectContaining({ code: 'URL_INVALID' }));
    expect(() => checkTarget('ftp://127.0.0.1', false)).toThrow(expect.objectContaining({ code: 'URL_INVALID' }));
  });
});
