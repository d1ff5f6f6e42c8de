import { beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../../test/fixtures/fixture-path.ts';
import { loadProfileFile } from '../config/index.ts';
import type { ProviderProfile } from '../core/profile/index.ts';
import { loadSpec } from '../spec/load-spec.ts';
import { validateHar } from './har.ts';
import { createValidator, type Validator } from './validator.ts';

let validator: Validator;
let profile: ProviderProfile;

beforeAll(async () => {
  profile = loadProfileFile(fixturePath('jobs/jobs.profile.yaml'));
  validator = createValidator(await loadSpec(profile.spec));
});

const KEY = [{ name: 'X-Api-Key', value: 'k' }];
const json = (value: unknown) => ({ mimeType: 'application/json', text: JSON.stringify(value) });
const job = (id: string, state: string, finished: string | null = null) => ({ job: { id, state, submitted_at: '2026-01-01T00:00:00Z', finished_at: finished } });

function submit(id: string, at: number) {
  return {
    startedDateTime: new Date(Date.UTC(2026, 0, 1, 0, 0, at)).toISOString(),
    request: { method: 'POST', url: 'http://jobs.local/api/jobs', headers: [...KEY, { name: 'Content-Type', value: 'application/json' }], postData: { mimeType: 'application/json', text: '{"task":"resize"}' } },
    response: { status: 202, headers: [{ name: 'Location', value: `/api/jobs/${id}` }], content: json(job(id, 'pending')) },
  };
}

function read(id: string, state: string, at: number, finished: string | null = null) {
  return {
    startedDateTime: new Date(Date.UTC(2026, 0, 1, 0, 0, at)).toISOString(),
    request: { method: 'GET', url: `http://jobs.local/api/jobs/${id}`, headers: KEY },
    response: { status: 200, headers: [], content: json(job(id, state, finished)) },
  };
}

describe('validateHar with a provider profile', () => {
  it('follows each run from its Location-header create through its polls and accepts a legal walk', () => {
    const entries = [submit('job-1', 0), submit('job-2', 1), read('job-1', 'working', 2), read('job-2', 'done', 3, '2026-01-01T00:00:05Z'), read('job-1', 'done', 4, '2026-01-01T00:00:05Z')];
    const results = validateHar(validator, { log: { entries } }, 'jobs.har', { profile });
    expect(results.flatMap((result) => result.violations)).toEqual([]);
  });

  it('reports a backward transition on the entry where it was seen, naming the run and the rule', () => {
    const entries = [submit('job-1', 0), read('job-1', 'working', 1), read('job-1', 'pending', 2), read('job-1', 'done', 3)];
    const results = validateHar(validator, { log: { entries } }, 'jobs.har', { profile });
    expect(results.map((result) => result.violations.map((violation) => violation.code))).toEqual([[], [], ['ILLEGAL_TRANSITION'], []]);
    expect(results[2]!.violations[0]).toMatchObject({ pointer: '/job/state', message: 'job job-1: Received: working → pending\nDocumented: working → done, error' });
  });

  it('reports a terminal state that changes, and does not follow runs without a profile', () => {
    const entries = [submit('job-1', 0), read('job-1', 'done', 1, '2026-01-01T00:00:05Z'), read('job-1', 'working', 2)];
    expect(validateHar(validator, { log: { entries } }, 'jobs.har', { profile }).flatMap((result) => result.violations.map((v) => v.code))).toEqual(['TERMINAL_CHANGED']);
    expect(validateHar(validator, { log: { entries } }).flatMap((result) => result.violations)).toEqual([]);
  });

  it('with responsesOnly ignores deliberately bad requests but still checks their responses', () => {
    const bad = { ...submit('job-1', 0), request: { method: 'POST', url: 'http://jobs.local/api/jobs', headers: KEY, postData: { mimeType: 'application/json', text: '{"task":"explode"}' } } };
    bad.response = { status: 422, headers: [], content: json({ detail: 'no title' }) };
    const strict = validateHar(validator, { log: { entries: [bad] } });
    expect(strict[0]!.violations.map((violation) => violation.where)).toEqual(expect.arrayContaining(['request', 'response']));
    const responsesOnly = validateHar(validator, { log: { entries: [bad] } }, 'jobs.har', { responsesOnly: true });
    expect(responsesOnly[0]!.violations.map((violation) => violation.where)).toEqual(['response']);
  });

  it('gives a non-JSON request body one finding, not also a missing body', () => {
    const garbled = { ...submit('job-1', 0), request: { method: 'POST', url: 'http://jobs.local/api/jobs', headers: KEY, postData: { mimeType: 'application/json', text: 'task=resize' } } };
    const results = validateHar(validator, { log: { entries: [garbled] } });
    expect(results[0]!.violations.filter((violation) => violation.where === 'request').map((violation) => violation.code)).toEqual(['BODY_NOT_JSON']);
  });
});

describe('response headers', () => {
  it('are coerced to their schema type: an integer Retry-After conforms, a word does not', () => {
    const limited = (value: string) => validator.validateResponse('readJob', { status: 429, headers: { 'retry-after': value }, body: { title: 'slow down' } });
    expect(limited('5')).toEqual([]);
    expect(limited('soon').map((violation) => [violation.code, violation.part])).toEqual([['PARAMETER_INVALID', 'header']]);
  });
});
