import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readSourceDocument } from '../config/read-document.ts';
import { RunwardenError, describeError, isRunwardenError } from '../core/errors.ts';
import { displayPath } from '../spec/index.ts';
import { documentProviders, providerPointers, scenarioFromDocument, type DocumentPlace, type ProfileLookup, type SpecLookup } from './scenario-compiler.ts';
import type { ScenarioDocument } from './scenario-document.ts';
import { checkScenarioSchema } from './scenario-schema.ts';
import { isEngineScenario, scenarioProblems, type Flow, type Scenario } from './scenario.ts';

/** A scenario as read from its file, before it meets the configured providers. */
export type ScenarioSource =
  /** A document (a YAML or JSON file, or a TypeScript file's `defineScenario({...})`) to compile against profiles. */
  | { kind: 'document'; name: string; description: string | undefined; file: string; document: ScenarioDocument; place: DocumentPlace }
  /** A TypeScript scenario spelled out request by request for the engine. */
  | { kind: 'engine'; name: string; description: string; file: string; scenario: Scenario };

const DOCUMENT_FILES = /\.(ya?ml|json)$/i;
const MODULE_FILES = /\.([cm]?[jt]s)$/i;

/** Reads a scenario file: YAML or JSON (checked against docs/scenario.schema.json, problems at file:line:column) or TypeScript. */
export async function readScenarioFile(file: string): Promise<ScenarioSource> {
  const absolute = path.resolve(file);
  if (DOCUMENT_FILES.test(absolute)) {
    const source = readSourceDocument(absolute, 'scenario file');
    checkScenarioSchema(source);
    const document = source.value as ScenarioDocument;
    return { kind: 'document', name: document.name, description: document.description, file: absolute, document, place: source };
  }
  if (!MODULE_FILES.test(absolute)) {
    throw new RunwardenError('CONFIG_INVALID', `${displayPath(absolute)}: a scenario file is YAML (.yaml, .yml), JSON (.json) or TypeScript (.ts)`, 'See load/README.md.');
  }
  return fromModule(absolute, await importDefault(absolute));
}

/** The providers a scenario talks to, by name. */
export function sourceProviders(source: ScenarioSource): string[] {
  return source.kind === 'document' ? documentProviders(source.document) : [...new Set(source.scenario.flows.map((flow) => flow.provider))];
}

/** Each provider a scenario names, with the message prefix that says where (`file:line:column: `). */
export function providerMentions(source: ScenarioSource): Array<{ name: string; where: string }> {
  if (source.kind === 'document') return providerPointers(source.document).map(({ name, pointer }) => ({ name, where: `${source.place.where(pointer)}: ` }));
  return source.scenario.flows.map((flow) => ({ name: flow.provider, where: `${displayPath(source.file)}: flow ${flow.name}: ` }));
}

/**
 * The scenario ready for the engine: a document compiled against the providers' profiles and specs; an engine
 * scenario with each flow's auth scheme taken from its provider's profile where the flow sets none.
 */
export function compileScenario(source: ScenarioSource, providers: ProfileLookup, specs: SpecLookup): Scenario {
  if (source.kind === 'document') return scenarioFromDocument(source.document, providers, specs, source.place);
  const flows = source.scenario.flows.map((flow): Flow => (flow.auth ? flow : { ...flow, auth: providers.get(flow.provider, `${displayPath(source.file)}: flow ${flow.name}: `).auth }));
  return { ...source.scenario, flows };
}

async function importDefault(file: string): Promise<unknown> {
  try {
    const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
    return module.default;
  } catch (error) {
    if (isRunwardenError(error)) throw error;
    throw new RunwardenError('CONFIG_INVALID', `cannot load scenario file ${displayPath(file)}: ${describeError(error)}`, 'A TypeScript scenario default-exports defineScenario({...}) (load/README.md).');
  }
}

function fromModule(file: string, exported: unknown): ScenarioSource {
  if (typeof exported !== 'object' || exported === null || typeof (exported as { name?: unknown }).name !== 'string') {
    throw new RunwardenError('CONFIG_INVALID', `${displayPath(file)} has no scenario as its default export`, 'End the file with: export default defineScenario({ name: ..., provider: ..., model: ..., duration: ... }).');
  }
  const definition = exported as Scenario | ScenarioDocument;
  if (isEngineScenario(definition)) {
    const problems = scenarioProblems(definition);
    if (problems.length > 0) throw new RunwardenError('CONFIG_INVALID', `invalid scenario ${definition.name} (${displayPath(file)}): ${problems.join('; ')}`, 'See load/README.md.');
    return { kind: 'engine', name: definition.name, description: definition.description, file, scenario: definition };
  }
  const place: DocumentPlace = { file: displayPath(file), where: (pointer) => `${displayPath(file)} at ${pointer === '' ? '/' : pointer}` };
  return { kind: 'document', name: definition.name, description: definition.description, file, document: definition, place };
}
