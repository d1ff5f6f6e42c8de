import { RunwardenError } from '../core/errors.ts';
import type { ProviderProfile } from '../core/profile/index.ts';
import type { LoadedSpec } from '../spec/index.ts';
import { durationMs } from './duration.ts';
import { scenarioEndpoints } from './endpoint-keys.ts';
import { flowFromProfile } from './flow-from-profile.ts';
import { documentShapeProblems, type FlowDocument, type ModelDocument, type ScenarioDocument } from './scenario-document.ts';
import { scenarioProblems, type Flow, type Scenario, type WorkloadModel } from './scenario.ts';

/** The configured providers by name (runwarden's `ProviderSet` is one): PROVIDER_UNKNOWN for a name it lacks. */
export interface ProfileLookup {
  get(name: string, where?: string): ProviderProfile;
}

/** Each provider's loaded spec, by provider name: the caller loads them (once) before compiling. */
export type SpecLookup = ReadonlyMap<string, LoadedSpec>;

/** Where a document came from, to put `file:line:column` on each problem. */
export interface DocumentPlace {
  file: string;
  /** `file:line:column` of the value at a JSON pointer (of its key with `atKey`). */
  where(pointer: string, atKey?: boolean): string;
}

const HINT = 'See load/README.md for every field of a scenario; docs/config.md for the profiles it builds on.';

/** The providers a document's flows name, in order, each once: the specs the compiler will need. */
export function documentProviders(document: ScenarioDocument): string[] {
  return [...new Set(providerPointers(document).map(({ name }) => name))];
}

/** Each flow's provider name and the JSON pointer it is written at, for messages about it. */
export function providerPointers(document: ScenarioDocument): Array<{ name: string; pointer: string }> {
  return flowsOf(document).filter(({ flow }) => typeof flow.provider === 'string').map(({ flow, at }) => ({ name: flow.provider, pointer: `${at}/provider` }));
}

/**
 * Compiles a scenario document into the engine's scenario: each flow's operations, run id, poll interval and
 * lifecycle from its provider's profile (the run kind named, else the first), methods and paths from the provider's
 * spec, the document's changes applied. Every problem is reported together, each at its place in the file.
 */
export function scenarioFromDocument(document: ScenarioDocument, providers: ProfileLookup, specs: SpecLookup, place: DocumentPlace = inlinePlace(document.name)): Scenario {
  const problems: string[] = [];
  const problem = (at: string, text: string): void => { problems.push(`${place.where(at)}: ${text}`); };
  const fail = (): never => {
    throw new RunwardenError('CONFIG_INVALID', `invalid scenario ${document.name}:\n  ${problems.join('\n  ')}`, HINT);
  };
  for (const { at, text } of documentShapeProblems(document)) problem(at, text);
  if (problems.length > 0) fail();

  const flows: Flow[] = [];
  for (const { flow, at } of flowsOf(document)) {
    const profile = providers.get(flow.provider, `${place.where(`${at}/provider`)}: `);
    const spec = specs.get(profile.name);
    if (spec === undefined) throw new RunwardenError('INTERNAL', `scenario ${document.name}: the spec of ${profile.name} was not loaded before compiling`);
    const compiled = flowFromProfile(flow, { profile, spec, at, problem });
    if (compiled) flows.push(compiled);
  }
  const model = modelOf(document.model, problem);
  const scenario: Scenario = {
    name: document.name,
    description: document.description ?? `${documentProviders(document).join(' + ')}: create runs and poll them to the end`,
    model,
    durationMs: durationMs(document.duration, '/duration', problem),
    flows,
    ...(document.thresholds === undefined ? {} : { thresholds: document.thresholds }),
    ...(document.validateEvery === undefined ? {} : { validateEvery: document.validateEvery }),
    ...(document.requestTimeout === undefined ? {} : { requestTimeoutMs: durationMs(document.requestTimeout, '/requestTimeout', problem) }),
    ...(document.drain === undefined ? {} : { drainMs: durationMs(document.drain, '/drain', problem, true) }),
    ...(document.maxRuns === undefined ? {} : { maxRuns: document.maxRuns }),
  };
  if (problems.length > 0) fail();
  const known = scenarioEndpoints(flows);
  for (const key of Object.keys(document.thresholds?.endpoints ?? {})) {
    if (!known.includes(key)) problems.push(`${place.where(`/thresholds/endpoints/${escape(key)}`, true)}: thresholds.endpoints.${key}: the scenario sends no such operation (it sends ${known.join(', ')})`);
  }
  for (const text of scenarioProblems(scenario)) if (!text.startsWith('thresholds.endpoints.')) problems.push(`${place.file}: ${text}`);
  if (problems.length > 0) fail();
  return scenario;
}

function flowsOf(document: ScenarioDocument): Array<{ flow: FlowDocument; at: string }> {
  if (document.flows !== undefined) return document.flows.map((flow, index) => ({ flow, at: `/flows/${index}` }));
  if (document.provider === undefined) return [];
  // At the top level, `name` is the scenario's: the one flow is named after its provider.
  const { name: _scenario, ...flow } = document;
  return [{ flow: flow as FlowDocument, at: '' }];
}

function modelOf(model: ModelDocument, problem: (at: string, text: string) => void): WorkloadModel {
  const max = 'maxConnections' in model && model.maxConnections !== undefined ? { maxConnections: model.maxConnections } : {};
  if ('connections' in model) {
    if ('maxConnections' in model) problem('/model/maxConnections', 'maxConnections applies to the open model (rate or ramp); a closed model opens one connection per client');
    return { kind: 'closed', connections: model.connections };
  }
  if ('rate' in model) return { kind: 'open', rate: model.rate, ...max };
  const stages = model.ramp.stages.map((stage, index) => ({ durationMs: durationMs(stage.duration, `/model/ramp/stages/${index}/duration`, problem), toRate: stage.to }));
  return { kind: 'open', ramp: { fromRate: model.ramp.from ?? 0, stages }, ...max };
}

/** For a document with no file (a TypeScript scenario): places are JSON pointers. */
function inlinePlace(name: string): DocumentPlace {
  return { file: `scenario ${name}`, where: (pointer) => `scenario ${name} at ${pointer === '' ? '/' : pointer}` };
}

function escape(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
