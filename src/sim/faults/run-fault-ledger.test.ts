import { describe, expect, it } from 'vitest';
import { bundledProfile } from '../../config/index.ts';
import { MAX_LEDGER_RUNS, RunFaultLedger, runIdInReply, runIdSources } from './run-fault-ledger.ts';

describe('run fault ledger', () => {
  it('finds the run id where the profile says the create puts it: a body pointer, a header, never a stream', () => {
    const body = { from: 'body', pointer: '/data/run/id' } as const;
    expect(runIdInReply({ kind: 'json', status: 201, body: { data: { run: { id: 'r1' } } } }, body)).toBe('r1');
    expect(runIdInReply({ kind: 'text', status: 201, text: '{"data":{"run":{"id":42}}}' }, body)).toBe('42');
    expect(runIdInReply({ kind: 'text', status: 201, text: 'not json' }, body)).toBeUndefined();
    expect(runIdInReply({ kind: 'json', status: 201, body: {} }, body)).toBeUndefined();
    const location = { from: 'header', name: 'Location' } as const;
    expect(runIdInReply({ kind: 'json', status: 202, body: null, headers: { location: 'https://api.example/runs/r2/' } }, location)).toBe('r2');
    expect(runIdInReply({ kind: 'stream', status: 200, start: () => undefined }, { from: 'sse', pointer: '/run_id' })).toBeUndefined();
  });

  it('reads each create operation\'s id source from a profile', () => {
    expect(runIdSources(bundledProfile('deck')).get('runTask')).toEqual({ from: 'body', pointer: '/id' });
    expect(runIdSources(bundledProfile('rightbrain')).get('runTaskAgent')).toMatchObject({ from: 'sse' });
  });

  it('lists faulted runs by id, counts those without one, and stays bounded', () => {
    const ledger = new RunFaultLedger();
    ledger.record([], 'deck', 'runTask', 'unharmed');
    ledger.record(['stuck'], 'deck', 'runTask', 'a');
    ledger.record(['stuck', 'drop'], 'rightbrain', 'runTaskAgent', undefined);
    expect(ledger.snapshot()).toEqual({ runs: [{ id: 'a', provider: 'deck', operationId: 'runTask', kinds: ['stuck'] }], unidentified: { stuck: 1, fail: 0, drop: 1, backward: 0 }, overflow: 0 });
    for (let i = 0; i < MAX_LEDGER_RUNS; i++) ledger.record(['drop'], 'deck', 'runTask', `r${i}`);
    expect(ledger.snapshot()).toMatchObject({ overflow: 1 });
    expect(ledger.snapshot().runs).toHaveLength(MAX_LEDGER_RUNS);
  });
});
