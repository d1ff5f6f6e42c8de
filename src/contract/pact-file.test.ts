import { describe, expect, it } from 'vitest';
import { RunwardenError } from '../core/errors.ts';
import { checkedInPact, rawPact } from '../../test/helpers/pact-copies.ts';
import { bundledPactsDir } from './bundled-pacts.ts';
import { listPactFiles, parsePact, readPactFile } from './pact-file.ts';

const caught = async (promise: Promise<unknown>): Promise<RunwardenError> => (await promise.then(() => undefined, (error: unknown) => error)) as RunwardenError;

describe('readPactFile', () => {
  it('reads a checked-in pact with normalised requests and decoded bodies', async () => {
    const [deckFile, , rightbrainFile] = await listPactFiles(bundledPactsDir());
    const deck = await readPactFile(deckFile!);
    expect(deck).toMatchObject({ consumer: 'runwarden', providerName: 'deck', specification: '4.0' });
    const run = deck.interactions.find((interaction) => interaction.description === 'a request to run a task')!;
    expect(run.request).toMatchObject({ method: 'POST', path: '/tasks/task_8mQ2vX4nR7pL1zK6/run', body: { content: { input: { billing_period: '2025-05' } } } });
    expect(run.request.headers.authorization).toEqual(['Bearer <redacted>']);
    const stream = (await readPactFile(rightbrainFile!)).interactions.find((interaction) => interaction.description === 'a request to run a task agent')!;
    expect(stream.response.body?.content).toMatch(/^data: \{"event_type": "session_id"/);
  });

  it('reports a file that is not JSON as PACT_INVALID, naming the file, the position and the fix', async () => {
    const { file } = rawPact('{"consumer": {"name": "runwarden"}, "interactions": [');
    const error = await caught(readPactFile(file));
    expect(error.code).toBe('PACT_INVALID');
    expect(error.message).toContain('corrupt pact file');
    expect(error.message).toContain('runwarden-deck.json:1:');
    expect(error.hint).toContain('npx vitest run contracts -u');
  });

  it('lists every structural problem at once', () => {
    let error: unknown;
    try {
      parsePact({ consumer: {}, interactions: [{ description: 'x', request: { path: 5 }, response: { status: '200' } }, 5] }, '/tmp/broken.json');
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(RunwardenError);
    const message = (error as Error).message;
    for (const problem of ['consumer.name is missing', 'provider.name is missing', 'interactions[0].request.method is missing', 'interactions[0].request.path is missing', 'interactions[0].response.status is missing or not an integer', 'interactions[1] is not an object']) {
      expect(message).toContain(problem);
    }
  });

  it('accepts V4 message interactions, leaving them out with their index, and repeated descriptions', () => {
    const http = (status: number) => ({ type: 'Synchronous/HTTP', description: 'a request for a pet', request: { method: 'GET', path: '/pets/1' }, response: { status } });
    const pact = parsePact({
      consumer: { name: 'pet-shop' }, provider: { name: 'pets' }, metadata: { pactSpecification: { version: '4.0' } },
      interactions: [
        http(200),
        { type: 'Asynchronous/Messages', description: 'a pet-adopted event', contents: { content: { id: 1 } } },
        http(404),
        { type: 'Synchronous/Messages', description: 'a pet lookup', request: { contents: { content: '1' } }, response: [] },
      ],
    }, '/tmp/pets.json');
    expect(pact.interactions.map((interaction) => [interaction.index, interaction.description, interaction.response.status])).toEqual([[0, 'a request for a pet', 200], [2, 'a request for a pet', 404]]);
    expect(pact.skippedInteractions).toEqual([
      { index: 1, description: 'a pet-adopted event', type: 'Asynchronous/Messages' },
      { index: 3, description: 'a pet lookup', type: 'Synchronous/Messages' },
    ]);
  });

  it('still refuses an interaction type Pact does not define, naming the ones it does', () => {
    expect(() => parsePact({ consumer: { name: 'c' }, provider: { name: 'p' }, interactions: [{ type: 'Synchronous/GRPC', description: 'x' }] }, '/tmp/p.json'))
      .toThrow(/interactions\[0\] has type "Synchronous\/GRPC"; Pact V4 names Synchronous\/HTTP, Asynchronous\/Messages and Synchronous\/Messages/);
  });

  it('does not assume the pact was written by runwarden\'s own tests in its hint', () => {
    const error = (() => { try { parsePact({}, '/tmp/p.json'); } catch (thrown) { return thrown as RunwardenError; } })()!;
    expect(error.hint).toMatch(/^Fix the pact file, or write it again from the consumer's Pact tests/);
  });

  it('marks pending interactions', () => {
    const raw = checkedInPact('refactor');
    const overRateLimit = raw.interactions.find((interaction) => interaction.description === 'a request to run a runnable over the rate limit')!;
    overRateLimit.pending = true;
    const pact = parsePact(raw, '/tmp/refactor.json');
    expect(pact.providerName).toBe('refactor');
    expect(pact.interactions.filter((interaction) => interaction.pending).map((interaction) => interaction.description)).toEqual(['a request to run a runnable over the rate limit']);
  });

  it('says where to find pacts when the path does not exist, and finds none (no error) in a directory without any', async () => {
    const missing = await caught(listPactFiles('/nonexistent/pacts'));
    expect(missing.code).toBe('FILE_NOT_FOUND');
    expect(missing.hint).toContain('--pacts');
    const { dir } = rawPact('{}', 'notes.txt');
    expect(await listPactFiles(dir)).toEqual([]);
  });
});
