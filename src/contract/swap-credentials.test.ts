import { describe, expect, it } from 'vitest';
import { swapCredentials } from './swap-credentials.ts';

const TOKEN = 'tok_live_5be1c0d2';

describe('swapCredentials', () => {
  it('puts a bearer token in Authorization in place of the placeholder', () => {
    expect(swapCredentials('/v2/task-runs/trun_1', { authorization: 'Bearer <redacted>', accept: 'application/json' }, { type: 'bearer' }, TOKEN))
      .toEqual({ url: '/v2/task-runs/trun_1', headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/json' } });
  });

  it('puts an API key in the header the profile names, whichever header held the placeholder', () => {
    const auth = { type: 'header', name: 'X-Api-Key' } as const;
    expect(swapCredentials('/jobs', { 'x-api-key': '<redacted>' }, auth, TOKEN).headers).toEqual({ 'x-api-key': TOKEN });
    expect(swapCredentials('/jobs', { authorization: 'Bearer <redacted>' }, auth, TOKEN).headers).toEqual({ 'x-api-key': TOKEN });
  });

  it('puts an API key in the query parameter the profile names, keeping the other parameters', () => {
    const auth = { type: 'query', name: 'api_key' } as const;
    expect(swapCredentials('/jobs?api_key=%3Credacted%3E&page=2', {}, auth, TOKEN)).toEqual({ url: `/jobs?page=2&api_key=${TOKEN}`, headers: {} });
    expect(swapCredentials('/jobs?page=2', { authorization: 'Bearer <redacted>' }, auth, TOKEN)).toEqual({ url: `/jobs?page=2&api_key=${TOKEN}`, headers: {} });
  });

  it('sends a request without a placeholder as recorded: no credentials, or a deliberately revoked key', () => {
    expect(swapCredentials('/jobs?x=%20', { 'x-api-key': 'revoked-key-for-contract-tests' }, { type: 'header', name: 'X-Api-Key' }, TOKEN))
      .toEqual({ url: '/jobs?x=%20', headers: { 'x-api-key': 'revoked-key-for-contract-tests' } });
    expect(swapCredentials('/jobs', {}, { type: 'bearer' }, TOKEN)).toEqual({ url: '/jobs', headers: {} });
  });

  it('drops the placeholder without a token or with auth none', () => {
    expect(swapCredentials('/jobs', { authorization: 'Bearer <redacted>' }, { type: 'bearer' }, undefined).headers).toEqual({});
    expect(swapCredentials('/jobs', { authorization: 'Bearer <redacted>' }, { type: 'none' }, TOKEN).headers).toEqual({});
  });
});
