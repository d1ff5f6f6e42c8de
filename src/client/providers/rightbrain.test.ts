import { afterEach, describe, expect, it } from 'vitest';
import { json, startFixtureServer, type FixtureServer, type Handler } from '../../../test/helpers/fixture-server.ts';
import { createRightbrainClient, readAgentStream } from './rightbrain.ts';

let server: FixtureServer | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

const ids = { orgId: '8a6e4d12-0f3b-4b7a-b1c9-5e2d7f9a4c18', projectId: '3c1f5a7e-9b2d-4e6f-8a0c-1d3e5f7a9b2c' };
const stream = [
  '{"event_type": "session_id", "metadata": {"session_id": "s-1"}}',
  '{"event_type": "text_chunk", "data": {"text": "Hello "}}',
  '{"event_type": "text_chunk", "data": {"text": "world"}}',
  '{"event_type": "done", "metadata": {"session_id": "s-1", "run_id": "0198c1e0-3d4e-7f50-8a61-b2c3d4e5f607"}}',
].map((line) => `data: ${line}\n\n`).join('');
const sse: Handler = (_request, response) => { response.writeHead(200, { 'content-type': 'text/event-stream' }); response.end(stream); };
const agentRun = (status: string) => ({ id: '0198c1e0-3d4e-7f50-8a61-b2c3d4e5f607', task_agent_id: 'a', session_id: 's-1', input_tokens: 1, output_tokens: 1, total_tokens: 2, created: '2025-06-12T09:20:11.830562Z', status, is_error: status === 'failed', model_usages: [], files: [] });

describe('createRightbrainClient', () => {
  it('reads an agent stream, then polls the run it names to a terminal status', async () => {
    server = await startFixtureServer([sse, json(200, agentRun('running')), json(200, agentRun('waiting_for_human')), json(200, agentRun('completed'))]);
    const client = createRightbrainClient({ baseUrl: `${server.url}/api/v1`, ...ids });
    const result = await client.runTaskAgent('0198b2d4-6f70-7a81-b293-a4b5c6d7e8f9', { message: 'hi' });
    expect(result).toMatchObject({ sessionId: 's-1', runId: '0198c1e0-3d4e-7f50-8a61-b2c3d4e5f607', outcome: 'done', text: 'Hello world' });
    expect(server.received[0]?.headers.accept).toBe('text/event-stream');
    const polled = await client.pollUntilTerminal('0198b2d4-6f70-7a81-b293-a4b5c6d7e8f9', result.runId!, { intervalMs: 5, jitter: 0 });
    expect(polled.status).toBe('completed');
    expect(server.received[1]?.url).toBe(`/api/v1/org/${ids.orgId}/project/${ids.projectId}/task-agent/0198b2d4-6f70-7a81-b293-a4b5c6d7e8f9/run/0198c1e0-3d4e-7f50-8a61-b2c3d4e5f607`);
  });

  it('runs a task, then fetches the run it created', async () => {
    const taskRun = { id: '0197a4c3-5e21-7d8f-a1b2-3c4d5e6f7081', task_id: 't', task_revision_id: 'r', response: {}, run_data: {}, created: '2025-06-12T09:02:17Z', input_tokens: 1, output_tokens: 1, total_tokens: 2, is_error: false };
    server = await startFixtureServer(json(200, taskRun));
    const client = createRightbrainClient({ baseUrl: server.url, ...ids });
    const { run, fetched } = await client.runTaskThenFetch('01968f2e-7c41-7a3b-9d52-6e1f0b8c4a27', { task_input: { text: 'x' } }, { use_fallback_model: true });
    expect(fetched).toEqual(run);
    expect(server.received.map((request) => request.method)).toEqual(['POST', 'GET']);
    expect(server.received[0]?.url).toContain('use_fallback_model=true');
  });

  it('names the error reason of each Rightbrain error shape', async () => {
    server = await startFixtureServer([
      json(404, { detail: { reason: 'RESOURCE_NOT_FOUND', message: 'no' } }),
      json(401, { error: { code: 401, message: 'no token' } }),
      json(422, { detail: [{ loc: ['body', 'task_input'], msg: 'Field required', type: 'missing' }] }),
    ]);
    const client = createRightbrainClient({ baseUrl: server.url, ...ids });
    const codes = [];
    for (let index = 0; index < 3; index += 1) codes.push(await client.fetchTaskRun('t', 'r').catch((error: { providerCode?: string }) => error.providerCode));
    expect(codes).toEqual(['RESOURCE_NOT_FOUND', 'HTTP_401', 'VALIDATION_ERROR']);
  });

  it('reports an error outcome and rejects an event that is not JSON', () => {
    expect(readAgentStream('data: {"event_type": "error", "data": {"message": "x"}, "metadata": {"run_id": "r"}}\n\n')).toMatchObject({ outcome: 'error', runId: 'r' });
    expect(() => readAgentStream('data: not json\n\n')).toThrow(/not JSON/);
  });
});
