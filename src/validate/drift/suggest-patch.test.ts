import { describe, expect, it } from 'vitest';
import type { DriftFinding } from './drift-finding.ts';
import { suggestPatch } from './suggest-patch.ts';

const property = (name: string, value: unknown, operation = 'GET /things'): DriftFinding => ({
  kind: 'property', operation, where: 'response', status: 200, name, specLocation: '#/components/schemas/Thing', count: 1, first: { har: 'a.har', entry: 0, value },
});

describe('suggestPatch', () => {
  it('nests a property found inside array items and merges the findings of one schema into one fragment', () => {
    const [hunk, ...rest] = suggestPatch([property('/items/*/tax', 1.5), property('/items/*/code', 'x'), property('/region', 'eu', 'GET /things/{id}')]);
    expect(rest).toEqual([]);
    expect(hunk!.operations).toEqual(['GET /things', 'GET /things/{id}']);
    expect(hunk!.fragment).toEqual({
      properties: { items: { items: { properties: { tax: { type: 'number' }, code: { type: 'string' } } } }, region: { type: 'string' } },
    });
  });

  it('collects the new members of one enum into one list, and infers nested schemas for an undocumented status', () => {
    const enumValue = (value: string): DriftFinding => ({ kind: 'enum-value', operation: 'GET /runs/{id}', where: 'response', status: 200, name: `/status = "${value}"`, specLocation: '#/components/schemas/Status/enum', count: 2, first: { har: 'a.har', entry: 1, value } });
    const status: DriftFinding = { kind: 'status', operation: 'GET /runs/{id}', where: 'response', status: 409, name: '409', specLocation: '#/paths/~1runs~1{id}/get/responses', count: 1, first: { har: 'a.har', entry: 3, value: { errors: [{ code: 'busy' }] }, mediaType: 'application/json' } };
    const hunks = suggestPatch([enumValue('paused'), enumValue('archived'), status]);
    expect(hunks.map((hunk) => hunk.fragment)).toEqual([
      ['paused', 'archived'],
      { 409: { description: 'Seen in recorded traffic: say when it happens', content: { 'application/json': { schema: { type: 'object', properties: { errors: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' } } } } } } } } } },
    ]);
  });
});
