import { describe, expect, it } from 'vitest';
import { pointerOf, resolvePointer, tokensOf } from './json-pointer.ts';

describe('json pointers', () => {
  it('escapes slashes and tildes in tokens', () => {
    expect(pointerOf(['paths', '/task-runs/{run_id}', 'get'])).toBe('#/paths/~1task-runs~1{run_id}/get');
    expect(tokensOf('#/paths/~1a~0b/get')).toEqual(['paths', '/a~b', 'get']);
  });

  it('resolves through $refs when asked and reports the canonical location', () => {
    const root = {
      paths: { '/x': { get: { responses: { 404: { $ref: '#/components/responses/NotFound' } } } } },
      components: { responses: { NotFound: { content: { 'application/json': { schema: { type: 'object' } } } } } },
    };
    const found = resolvePointer(root, '#/paths/~1x/get/responses/404/content/application~1json/schema', { followRefs: true });
    expect(found).toEqual({ value: { type: 'object' }, canonical: '#/components/responses/NotFound/content/application~1json/schema' });
    expect(resolvePointer(root, '#/paths/~1x/get/responses/404/content')).toBeUndefined();
  });

  it('gives up on a $ref cycle instead of looping', () => {
    const root = { a: { $ref: '#/b' }, b: { $ref: '#/a' } };
    expect(resolvePointer(root, '#/a/x', { followRefs: true })).toBeUndefined();
  });
});
