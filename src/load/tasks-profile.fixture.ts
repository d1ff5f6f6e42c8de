import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadProfileFile, ProviderSet } from '../config/index.ts';
import type { ProviderProfile } from '../core/profile/index.ts';
import { loadSpec, type LoadedSpec } from '../spec/index.ts';

/** An OpenAPI document of the API `startFakeRunApi` serves, written as a user would: no vendor's words. */
export const TASKS_SPEC = `openapi: 3.1.0
info: { title: Tasks (a test API), version: 1.0.0 }
servers: [{ url: 'http://127.0.0.1:9/v2' }]
paths:
  /tasks/{task_id}/run:
    post:
      operationId: runTask
      parameters:
        - { name: task_id, in: path, required: true, schema: { type: string } }
        - { name: priority, in: query, schema: { type: string } }
      requestBody:
        required: true
        content:
          application/json:
            schema: { type: object }
            example: { input: { from: spec } }
      responses:
        '201': { description: Created, content: { application/json: { schema: { $ref: '#/components/schemas/Run' } } } }
  /task-runs/{run_id}:
    get:
      operationId: getTaskRun
      parameters: [{ name: run_id, in: path, required: true, schema: { type: string } }]
      responses:
        '200': { description: The run, content: { application/json: { schema: { $ref: '#/components/schemas/Run' } } } }
  /task-runs/{run_id}/interaction:
    post:
      operationId: submitInteractionInput
      parameters: [{ name: run_id, in: path, required: true, schema: { type: string } }]
      requestBody:
        required: true
        content: { application/json: { schema: { type: object }, example: { input: { code: '000000' } } } }
      responses:
        '200': { description: Answered, content: { application/json: { schema: { $ref: '#/components/schemas/Run' } } } }
  /org/{org}/task-runs/{run_id}:
    get:
      operationId: getOrgTaskRun
      parameters:
        - { name: org, in: path, required: true, schema: { type: string } }
        - { name: run_id, in: path, required: true, schema: { type: string } }
      responses:
        '200': { description: The run, content: { application/json: { schema: { $ref: '#/components/schemas/Run' } } } }
  /reports:
    get:
      operationId: listReports
      parameters: [{ name: since, in: query, required: true, schema: { type: string } }]
      responses:
        '200': { description: Reports }
components:
  schemas:
    Run:
      type: object
      required: [id, status]
      properties: { id: { type: string }, status: { type: string } }
`;

const LIFECYCLE = `
    lifecycle:
      status: /status
      initial: [queued]
      success: [completed]
      failure: [failed, canceled]
      transitions:
        queued: [running, failed, canceled]
        running: [interaction_required, completed, failed, canceled]
        interaction_required: [running, failed, canceled]`;

/** The profile of that API: a task run polled every 40 ms, and a synchronous quick run. */
export const TASKS_PROFILE = `name: tasks
spec: tasks.openapi.yaml
auth: { type: header, name: X-Api-Key, tokenEnv: TASKS_KEY }
runs:
  task:
    create:
      operationId: runTask
      params: { task_id: t }
      headers: { Idempotency-Key: '{uuid}' }
      runId: { body: /id }
    poll: { operationId: getTaskRun, interval: 40ms }${LIFECYCLE}
  quick:
    create:
      operationId: runTask
      params: { task_id: t }
      query: { priority: high }
      body: { input: { fast: true } }
      sync: true
    poll: { operationId: getTaskRun }${LIFECYCLE}
`;

export interface TasksProject {
  dir: string;
  profile: ProviderProfile;
  spec: LoadedSpec;
  providers: ProviderSet;
  specs: ReadonlyMap<string, LoadedSpec>;
  /** Writes a file into the project and returns its path. */
  write(name: string, text: string): string;
}

/** A throwaway project: the tasks spec and profile in a temporary directory, read as runwarden reads a user's. */
export async function tasksProject(): Promise<TasksProject> {
  const dir = mkdtempSync(path.join(tmpdir(), 'runwarden-tasks-'));
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  write('tasks.openapi.yaml', TASKS_SPEC);
  const profile = loadProfileFile(write('tasks.profile.yaml', TASKS_PROFILE));
  const spec = await loadSpec(profile.spec);
  return { dir, profile, spec, providers: new ProviderSet([profile], 'the test project'), specs: new Map([[profile.name, spec]]), write };
}
