import { describe, expect, it } from 'vitest';
import { idInHeader, runIdInAnswer } from './run-id.ts';

describe('runIdInAnswer', () => {
  const none = () => undefined;

  it('reads a body pointer: a non-empty string, or a number as its string', () => {
    const source = { from: 'body', pointer: '/job/id' } as const;
    expect(runIdInAnswer(source, { job: { id: 'job-1' } }, none)).toBe('job-1');
    expect(runIdInAnswer(source, { job: { id: 42 } }, none)).toBe('42');
    expect(runIdInAnswer(source, { job: { id: '' } }, none)).toBeUndefined();
    expect(runIdInAnswer(source, 'not json', none)).toBeUndefined();
  });

  it('reads a header as the id, or as a URL whose last path segment is the id', () => {
    const source = { from: 'header', name: 'Location' } as const;
    expect(runIdInAnswer(source, undefined, (name) => (name === 'Location' ? '/v1/jobs/job-7' : undefined))).toBe('job-7');
    expect(idInHeader('job-7')).toBe('job-7');
    expect(idInHeader('https://api.example/v1/jobs/job-7/?watch=1#top')).toBe('job-7');
    expect(idInHeader('/v1/jobs/job%2F7')).toBe('job/7');
    expect(idInHeader('/v1/jobs/%E0%A4%A')).toBeUndefined();
    expect(idInHeader('  ')).toBeUndefined();
  });

  it('leaves an event-stream source to its caller', () => {
    expect(runIdInAnswer({ from: 'sse', pointer: '/id' }, { id: 'x' }, none)).toBeUndefined();
  });
});
