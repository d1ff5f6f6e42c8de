import { describe, expect, it } from 'vitest';
import { checkTarget, isLoopback, resolveLoadTarget } from './target-safety.ts';

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

describe('resolveLoadTarget', () => {
  const resolver = (table: Record<string, string[]>) => async (name: string): Promise<string[]> => {
    const found = table[name];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
    return found;
  };

  it('refuses a *.localhost name that resolves to a remote address, naming the address', async () => {
    const resolve = resolver({ 'evil.localhost': ['203.0.113.7'] });
    await expect(resolveLoadTarget('http://evil.localhost:4010/v2', false, resolve)).rejects.toMatchObject({ code: 'REMOTE_REFUSED', message: expect.stringContaining('203.0.113.7') });
  });

  it('refuses a name when any one of its addresses is not loopback', async () => {
    const resolve = resolver({ 'mixed.test': ['127.0.0.1', '10.0.0.5'] });
    await expect(resolveLoadTarget('http://mixed.test:1/', false, resolve)).rejects.toMatchObject({ code: 'REMOTE_REFUSED', message: expect.stringContaining('10.0.0.5') });
  });

  it('pins an http target to the loopback address it checked', async () => {
    const resolve = resolver({ 'api.localhost': ['127.0.0.9'] });
    expect((await resolveLoadTarget('http://api.localhost:1/v2', false, resolve)).toString()).toBe('http://127.0.0.9:1/v2');
  });

  it('checks a loopback IP literal without a look-up and keeps it', async () => {
    const resolve = async (): Promise<string[]> => { throw new Error('must not be called'); };
    expect((await resolveLoadTarget('http://[::1]:8080/x', false, resolve)).toString()).toBe('http://[::1]:8080/x');
    await expect(resolveLoadTarget('http://10.1.2.3/', false, resolve)).rejects.toMatchObject({ code: 'REMOTE_REFUSED' });
  });

  it('refuses a name that does not resolve: it cannot be shown to be loopback', async () => {
    await expect(resolveLoadTarget('http://nowhere.test:1/', false, resolver({}))).rejects.toMatchObject({ code: 'REMOTE_REFUSED', message: expect.stringMatching(/nowhere\.test:1 \(it does not resolve here: no such host\)/) });
  });

  it('leaves the URL as given, unresolved, when remote targets are allowed', async () => {
    const resolve = async (): Promise<string[]> => { throw new Error('must not be called'); };
    expect((await resolveLoadTarget('https://api.example.com/v1', true, resolve)).host).toBe('api.example.com');
  });
});

describe('isLoopback', () => {
  it('does not take a *.localhost name as loopback by name alone', () => {
    expect(isLoopback(new URL('http://evil.localhost:4010'))).toBe(false);
    expect(() => checkTarget('http://evil.localhost:4010', false)).toThrow(expect.objectContaining({ code: 'REMOTE_REFUSED' }));
  });
});
