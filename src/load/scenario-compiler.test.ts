import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from './engine.ts';
import { startFakeRunApi, type FakeRunApi } from './fake-run-api.fixture.ts';
import { scenarioFromDocument } from './scenario-compiler.ts';
import type { ScenarioDocument } from './scenario-document.ts';
import { compileScenario, readScenarioFile } from './scenario-file.ts';
import type { CreatePollFlow, ReadFlow } from './scenario.ts';
import { tasksProject, type TasksProject } from './tasks-profile.fixture.ts';

let project: TasksProject;
beforeAll(async () => { project = await tasksProject(); });

let api: FakeRunApi | undefined;
afterEach(async () => { await api?.close(); api = undefined; });

const MINIMAL = `# yaml-language-server: $schema=../docs/scenario.schema.json
name: tasks-create-poll
provider: tasks
model: { rate: 10 }
duration: 10s
thresholds: { runP95Ms: 5000, maxFailedRunRate: 0.05, maxLostRuns: 0, maxViolations: 0 }
`;

async function compiledFile(name: string, text: string) {
  const source = await readScenarioFile(project.write(name, text));
  return compileScenario(source, project.providers, project.specs);
}

describe('scenarioFromDocument', () => {
  it('builds a create-and-poll flow from the profile\'s first run kind and the spec\'s operations', async () => {
    const scenario = await compiledFile('minimal.yaml', MINIMAL);
    expect(scenario).toMatchObject({ name: 'tasks-create-poll', model: { kind: 'open', rate: 10 }, durationMs: 10_000, thresholds: { maxFailedRunRate: 0.05 } });
    const flow = scenario.flows[0] as CreatePollFlow;
    expect(flow).toMatchObject({
      kind: 'create-poll', name: 'tasks', provider: 'tasks', auth: { type: 'header', name: 'X-Api-Key' },
      create: { operationId: 'runTask', method: 'POST', path: '/tasks/t/run', headers: { 'Idempotency-Key': '{uuid}' }, body: { input: { from: 'spec' } } },
      runId: { from: 'body', pointer: '/id' }, sync: false,
      poll: { operationId: 'getTaskRun', method: 'GET', path: '/task-runs/{runId}', intervalMs: 40 },
      successStatuses: ['completed'], runTimeoutMs: 30_000,
    });
    expect(flow.lifecycle.terminal).toEqual(['completed', 'failed', 'canceled']);
  });

  it('applies a flow\'s changes over the profile: params, query, headers, body, poll interval, run timeout, run kind', () => {
    const scenario = scenarioFromDocument({
      name: 'tasks-quick', model: { connections: 3 }, duration: '2s',
      provider: 'tasks', run: 'quick', params: { task_id: 'other task' },
      create: { query: { priority: 'low' }, headers: { 'X-Trace': 'on' }, body: { input: { n: 1 } } },
      poll: { interval: '0ms', minPolls: 1 }, runTimeout: '5s',
    }, project.providers, project.specs);
    expect(scenario.model).toEqual({ kind: 'closed', connections: 3 });
    expect(scenario.flows[0]).toMatchObject({
      name: 'tasks-quick', sync: true,
      create: { path: '/tasks/other%20task/run', query: { priority: 'low' }, headers: { 'X-Trace': 'on' }, body: { input: { n: 1 } } },
      poll: { intervalMs: 0, minPolls: 1 }, runTimeoutMs: 5_000,
    });
  });

  it('mixes several flows by weight, and reads seeded runs in a read flow', () => {
    const scenario = scenarioFromDocument({
      name: 'tasks-mix', model: { ramp: { from: 2, stages: [{ duration: '8s', to: 30 }, { duration: '2s', to: 5 }] } }, duration: '10s',
      flows: [{ provider: 'tasks', weight: 3 }, { provider: 'tasks', run: 'quick', weight: 1, poll: false }, { provider: 'tasks', name: 'hot', read: { seed: 5 } }],
    }, project.providers, project.specs);
    expect(scenario.model).toEqual({ kind: 'open', ramp: { fromRate: 2, stages: [{ durationMs: 8_000, toRate: 30 }, { durationMs: 2_000, toRate: 5 }] } });
    expect(scenario.flows.map((flow) => [flow.name, flow.kind, flow.weight])).toEqual([['tasks', 'create-poll', 3], ['tasks-quick', 'create-poll', 1], ['hot', 'read', undefined]]);
    expect((scenario.flows[1] as CreatePollFlow).poll).toBeUndefined();
    expect(scenario.flows[2] as ReadFlow).toMatchObject({ seed: { count: 5, create: { operationId: 'runTask' } }, read: { operationId: 'getTaskRun', path: '/task-runs/{runId}' } });
  });

  it('puts the run id in the only path parameter the call and the create do not give', async () => {
    const profile = { ...project.profile, runs: [{ ...project.profile.runs[0]!, create: { ...project.profile.runs[0]!.create, params: { task_id: 't', org: 'acme' } }, poll: { operationId: 'getOrgTaskRun' } }] };
    const scenario = scenarioFromDocument({ name: 'org', model: { rate: 1 }, duration: '1s', provider: 'tasks' }, { get: () => profile }, project.specs);
    expect((scenario.flows[0] as CreatePollFlow).poll).toMatchObject({ path: '/org/acme/task-runs/{runId}', intervalMs: 250 });
  });

  it('answers interactions in a TypeScript document, with the request built from the spec', () => {
    const document: ScenarioDocument = {
      name: 'tasks-answer', model: { connections: 1 }, duration: '1s', provider: 'tasks',
      interact: { whenStatus: 'interaction_required', operationId: 'submitInteractionInput', answer: { fieldsAt: 'interaction.fields', into: 'input', value: '1' } },
    };
    const flow = scenarioFromDocument(document, project.providers, project.specs).flows[0] as CreatePollFlow;
    expect(flow.interact).toEqual({
      whenStatus: 'interaction_required', answer: { fieldsAt: 'interaction.fields', into: 'input', value: '1' },
      request: { operationId: 'submitInteractionInput', method: 'POST', path: '/task-runs/{runId}/interaction', body: { input: { code: '000000' } } },
    });
  });

  it('runs what it compiles: the minimal file against an API that serves the spec, authenticated with the profile\'s key header', async () => {
    api = await startFakeRunApi({ pollsToFinish: 2 });
    const scenario = await compiledFile('run.yaml', MINIMAL.replace('model: { rate: 10 }', 'model: { connections: 2 }\nmaxRuns: 4'));
    const result = await runLoad({ scenario, targets: { tasks: api.url }, tokens: { tasks: 'key-1' } });
    expect(result.runs).toMatchObject({ created: 4, completed: 4, lost: 0 });
    expect(result.passed).toBe(true);
    expect(api.requests.every((request) => request.headers['x-api-key'] === 'key-1')).toBe(true);
    expect(api.requests.filter((request) => request.method === 'POST').map((request) => request.url)).toEqual(Array(4).fill('/v2/tasks/t/run'));
  });
});

describe('TypeScript scenario files', () => {
  const LOAD = new URL('./index.ts', import.meta.url).pathname;

  it('compile a defineScenario document like a YAML file, with the options only code has', async () => {
    const file = project.write('answer.ts', `import { defineScenario } from ${JSON.stringify(LOAD)};
export default defineScenario({
  name: 'tasks-answer', provider: 'tasks', model: { connections: 2 }, duration: '1s',
  interact: { whenStatus: 'interaction_required', operationId: 'submitInteractionInput' },
});
`);
    const source = await readScenarioFile(file);
    expect(source).toMatchObject({ kind: 'document', name: 'tasks-answer' });
    const flow = compileScenario(source, project.providers, project.specs).flows[0] as CreatePollFlow;
    expect(flow.interact?.request).toMatchObject({ operationId: 'submitInteractionInput', path: '/task-runs/{runId}/interaction' });
  });

  it('take a scenario spelled out for the engine as is, its auth from the provider\'s profile', async () => {
    const file = project.write('engine.ts', `import { defineScenario } from ${JSON.stringify(LOAD)};
import { fakeFlow } from ${JSON.stringify(new URL('./fake-scenario.fixture.ts', import.meta.url).pathname)};
export default defineScenario({ name: 'by-hand', description: 'by hand', model: { kind: 'closed', connections: 1 }, durationMs: 1000, flows: [fakeFlow({ provider: 'tasks' })] });
`);
    const source = await readScenarioFile(file);
    expect(source).toMatchObject({ kind: 'engine', name: 'by-hand', description: 'by hand' });
    expect(compileScenario(source, project.providers, project.specs).flows[0]).toMatchObject({ provider: 'tasks', auth: { type: 'header', name: 'X-Api-Key' } });
  });

  it('say what is missing when a file exports no scenario', async () => {
    await expect(readScenarioFile(project.write('empty.ts', 'export const nothing = 1;\n'))).rejects.toMatchObject({
      code: 'CONFIG_INVALID', message: expect.stringMatching(/empty\.ts has no scenario as its default export/), hint: expect.stringMatching(/export default defineScenario/),
    });
    await expect(readScenarioFile(project.write('notes.txt', 'hi'))).rejects.toMatchObject({ message: expect.stringMatching(/a scenario file is YAML \(\.yaml, \.yml\), JSON \(\.json\) or TypeScript/) });
  });
});

describe('scenario problems, with their place in the file', () => {
  it('reports schema problems at file:line:column: unknown fields, wrong types, malformed durations', async () => {
    const text = `name: tasks-bad
provider: tasks
model: { rate: fast }
duration: 10 seconds
pol: { interval: 1s }
thresholds: { maxFailedRunRate: 2 }
`;
    await expect(readScenarioFile(project.write('bad.yaml', text))).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringMatching(/invalid scenario:\n {2}\S*bad\.yaml:3:16: model\.rate must be number\n {2}\S*bad\.yaml:4:11: duration must be a number with a unit[^\n]*\n {2}\S*bad\.yaml:5:1: the file has an unknown field "pol"\n {2}\S*bad\.yaml:6:33: thresholds\.maxFailedRunRate must be <= 1/),
      hint: expect.stringContaining('load/README.md'),
    });
  });

  it('refuses interact in a YAML file: answering questions is for TypeScript scenarios', async () => {
    await expect(readScenarioFile(project.write('interact.yaml', `${MINIMAL}interact: { whenStatus: x, operationId: y }\n`))).rejects.toMatchObject({
      message: expect.stringMatching(/interact\.yaml:7:1: the file has an unknown field "interact"/),
    });
  });

  it('names an unknown provider at its line, listing the configured ones', async () => {
    await expect(compiledFile('who.yaml', MINIMAL.replace('provider: tasks', 'provider: taskz'))).rejects.toMatchObject({
      code: 'PROVIDER_UNKNOWN', message: expect.stringMatching(/who\.yaml:3:11: unknown provider "taskz" \(did you mean tasks\?\)\nConfigured providers \(the test project\): tasks/),
    });
  });

  it('reports every semantic problem together, each at its line: an unknown run kind, a run id parameter the path lacks', async () => {
    const text = `name: tasks-wrong
flows:
  - provider: tasks
    run: quik
  - provider: tasks
    poll: { runIdParam: job_id }
model: { connections: 1 }
duration: 1s
`;
    await expect(compiledFile('wrong.yaml', text)).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringMatching(new RegExp('^invalid scenario tasks-wrong:\\n  \\S*wrong\\.yaml:4:10: tasks has no run kind "quik" \\(did you mean quick\\?\\); its runs: task, quick\\n'
        + '  \\S*wrong\\.yaml:6:25: runIdParam "job_id" is no path parameter of getTaskRun \\(/task-runs/\\{run_id\\}\\)$')),
    });
  });

  it('names a threshold for an operation the scenario never sends, at its key', async () => {
    const text = MINIMAL.replace('thresholds: {', 'thresholds: { endpoints: { getJob: { p99Ms: 10 } },');
    await expect(compiledFile('unsent.yaml', text)).rejects.toMatchObject({
      message: expect.stringMatching(/unsent\.yaml:6:28: thresholds\.endpoints\.getJob: the scenario sends no such operation \(it sends runTask, getTaskRun\)/),
    });
  });

  it('says which path and query parameters a call lacks, and when it cannot tell where the run id goes', () => {
    const run = project.profile.runs[0]!;
    const profile = { ...project.profile, runs: [{ ...run, create: { ...run.create, operationId: 'listReports', params: {} }, poll: { operationId: 'getOrgTaskRun' } }] };
    const compile = (): unknown => scenarioFromDocument({ name: 'reports', model: { rate: 1 }, duration: '1s', provider: 'tasks' }, { get: () => profile }, project.specs);
    expect(compile).toThrow('invalid scenario reports:\n  scenario reports at /create: listReports requires query parameter "since": add it to query\n'
      + '  scenario reports at /poll: cannot tell which path parameter of getOrgTaskRun (/org/{org}/task-runs/{run_id}) takes the run id (it could be org or run_id): set runIdParam');
    const missing = { ...project.profile, runs: [{ ...run, create: { ...run.create, params: {} } }] };
    expect(() => scenarioFromDocument({ name: 'bare', model: { rate: 1 }, duration: '1s', provider: 'tasks' }, { get: () => missing }, project.specs))
      .toThrow(/at \/create: runTask \(POST \/tasks\/\{task_id\}\/run\) needs path parameter "task_id": add it to params/);
  });

  it('refuses a document that names a provider and lists flows, or sets two workload models', () => {
    expect(() => scenarioFromDocument({ name: 'both', model: { rate: 1, connections: 2 } as never, duration: '1s', provider: 'tasks', flows: [{ provider: 'tasks' }] }, project.providers, project.specs))
      .toThrow(/name the flow at the top level or list flows:, not both \(found flows: and provider\)[\s\S]*model needs exactly one of rate, connections or ramp \(found rate, connections\)/);
  });
});
