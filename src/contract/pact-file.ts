import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isRunwardenError, RunwardenError } from '../core/errors.ts';
import { displayPath, parseJsonText, readTextFile } from '../spec/read-source.ts';

/** A matching rule set as Pact V4 writes it: `{combine, matchers: [{match, …}]}`. */
export interface PactRuleSet {
  combine?: 'AND' | 'OR';
  matchers: Array<{ match: string; [key: string]: unknown }>;
}

/** The body of a request or response: its example content (decoded) and content type. */
export interface PactBody {
  content: unknown;
  contentType?: string;
}

/** One side of an interaction, normalised (header names lower-cased, bodies decoded). */
export interface PactMessage {
  headers: Record<string, string[]>;
  body?: PactBody;
  matchingRules: Record<string, unknown>;
}

export interface PactRequest extends PactMessage {
  method: string;
  path: string;
  query: Record<string, string[]>;
}

export interface PactResponse extends PactMessage {
  status: number;
}

/** One HTTP interaction of a pact. */
export interface PactInteraction {
  description: string;
  providerStates: Array<{ name: string; params: Record<string, unknown> }>;
  request: PactRequest;
  response: PactResponse;
  /** Pact V4 pending: verified and reported, but its failure does not fail the verification. */
  pending: boolean;
  /** Index in the file's `interactions` array, for pointers. */
  index: number;
}

/** A pact file read and checked: which consumer, which provider, which interactions. */
export interface PactFile {
  /** Absolute path. */
  file: string;
  consumer: string;
  /** The provider name as written in the pact. */
  providerName: string;
  specification: string;
  interactions: PactInteraction[];
  /** Interactions that are not HTTP (V4 messages), left out of `interactions`: skipped with a note, not refused. */
  skippedInteractions: SkippedInteraction[];
}

/** A V4 message interaction: runwarden verifies and cross-checks HTTP interactions only. */
export interface SkippedInteraction {
  /** Index in the file's `interactions` array. */
  index: number;
  description: string;
  /** `Asynchronous/Messages` or `Synchronous/Messages`. */
  type: string;
}

/** The V4 interaction types that are messages, not HTTP: skipped with a note. */
export const MESSAGE_TYPES: ReadonlySet<string> = new Set(['Asynchronous/Messages', 'Synchronous/Messages']);

const FIX_HINT = 'Fix the pact file, or write it again from the consumer\'s Pact tests (any Pact library writing V1–V4 pacts will do; runwarden\'s own bundled pacts: `npx vitest run contracts -u`).';

/** Reads and checks one pact file; PACT_INVALID names the file, every problem found and the fix. */
export async function readPactFile(file: string): Promise<PactFile> {
  const absolute = path.resolve(file);
  const text = await readTextFile(absolute, 'pact file');
  let json: unknown;
  try {
    json = parseJsonText(text, absolute);
  } catch (error) {
    if (isRunwardenError(error)) throw new RunwardenError('PACT_INVALID', `corrupt pact file ${error.message}`, FIX_HINT);
    throw error;
  }
  return parsePact(json, absolute);
}

/** Checks a parsed pact document; collects every problem before throwing. */
export function parsePact(json: unknown, file: string): PactFile {
  const problems: string[] = [];
  const root = isObject(json) ? json : (problems.push('the top level is not a JSON object'), {});
  const consumer = nameOf(root.consumer);
  const providerName = nameOf(root.provider);
  if (consumer === undefined) problems.push('consumer.name is missing');
  if (providerName === undefined) problems.push('provider.name is missing');
  const specification = String((isObject(root.metadata) && isObject(root.metadata.pactSpecification) && root.metadata.pactSpecification.version) || 'unknown');
  const interactions: PactInteraction[] = [];
  const skippedInteractions: SkippedInteraction[] = [];
  // Repeated descriptions are fine (Pact allows them): an interaction is identified by its index and description.
  if (!Array.isArray(root.interactions)) {
    problems.push('interactions is missing or not an array');
  } else {
    root.interactions.forEach((raw, index) => {
      const type = isObject(raw) ? raw.type : undefined;
      if (typeof type === 'string' && MESSAGE_TYPES.has(type)) {
        skippedInteractions.push({ index, description: typeof raw.description === 'string' ? raw.description : '', type });
        return;
      }
      const interaction = parseInteraction(raw, index, problems);
      if (interaction) interactions.push(interaction);
    });
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 10).map((problem) => `  - ${problem}`);
    if (problems.length > 10) shown.push(`  - … and ${problems.length - 10} more`);
    throw new RunwardenError('PACT_INVALID', `corrupt pact file ${displayPath(file)}:\n${shown.join('\n')}`, FIX_HINT);
  }
  return { file, consumer: consumer!, providerName: providerName!, specification, interactions, skippedInteractions };
}

/**
 * The pact files at a path: the file itself, or every `*.json` in a directory (sorted; none is no error, since
 * a provider without pacts is skipped with a note). FILE_NOT_FOUND when the path does not exist.
 */
export async function listPactFiles(target: string): Promise<string[]> {
  const absolute = path.resolve(target);
  let info;
  try {
    info = await stat(absolute);
  } catch {
    throw new RunwardenError('FILE_NOT_FOUND', `pacts not found: ${displayPath(absolute)}`, 'Pass a pact file or a directory of pacts (--pacts), or fix `pacts:` in runwarden.config.yaml.');
  }
  if (!info.isDirectory()) return [absolute];
  return (await readdir(absolute)).filter((name) => name.endsWith('.json')).sort().map((name) => path.join(absolute, name));
}

function parseInteraction(raw: unknown, index: number, problems: string[]): PactInteraction | undefined {
  const where = `interactions[${index}]`;
  if (!isObject(raw)) {
    problems.push(`${where} is not an object`);
    return undefined;
  }
  const type = raw.type ?? 'Synchronous/HTTP';
  if (type !== 'Synchronous/HTTP') {
    problems.push(`${where} has type ${JSON.stringify(type)}; Pact V4 names Synchronous/HTTP, Asynchronous/Messages and Synchronous/Messages`);
    return undefined;
  }
  const count = problems.length;
  if (typeof raw.description !== 'string' || raw.description === '') problems.push(`${where}.description is missing`);
  const request = isObject(raw.request) ? raw.request : (problems.push(`${where}.request is missing`), {});
  const response = isObject(raw.response) ? raw.response : (problems.push(`${where}.response is missing`), {});
  if (typeof request.method !== 'string') problems.push(`${where}.request.method is missing`);
  if (typeof request.path !== 'string') problems.push(`${where}.request.path is missing`);
  if (!Number.isInteger(response.status)) problems.push(`${where}.response.status is missing or not an integer`);
  const states = raw.providerStates ?? (typeof raw.providerState === 'string' ? [{ name: raw.providerState }] : []);
  if (!Array.isArray(states) || states.some((state) => !isObject(state) || typeof state.name !== 'string')) {
    problems.push(`${where}.providerStates must be an array of {name, params}`);
  }
  if (problems.length > count) return undefined;
  return {
    description: raw.description as string,
    providerStates: (states as Array<{ name: string; params?: unknown }>).map((state) => ({ name: state.name, params: isObject(state.params) ? state.params : {} })),
    request: {
      method: (request.method as string).toUpperCase(),
      // Some consumers write `items/1`: Pact sends it relative to the provider's base URL, as `/items/1`.
      path: (request.path as string).startsWith('/') ? request.path as string : `/${request.path as string}`,
      query: queryMap(request.query),
      headers: lowerKeys(multiMap(request.headers)),
      body: bodyOf(request.body, request.headers),
      matchingRules: isObject(request.matchingRules) ? request.matchingRules : {},
    },
    response: {
      status: response.status as number,
      headers: lowerKeys(multiMap(response.headers)),
      body: bodyOf(response.body, response.headers),
      matchingRules: isObject(response.matchingRules) ? response.matchingRules : {},
    },
    pending: raw.pending === true,
    index,
  };
}

/** V4 bodies are `{content, contentType, encoded}`; V3 bodies are the content itself. */
function bodyOf(raw: unknown, headers: unknown): PactBody | undefined {
  if (raw === undefined || raw === null) return undefined;
  const headerType = lowerKeys(multiMap(headers))['content-type']?.[0];
  if (isObject(raw) && 'content' in raw && ('contentType' in raw || 'encoded' in raw)) {
    const contentType = typeof raw.contentType === 'string' ? raw.contentType : headerType;
    let content = raw.content;
    if (typeof content === 'string' && (raw.encoded === 'base64' || raw.encoded === true)) content = Buffer.from(content, 'base64').toString('utf8');
    if (typeof content === 'string' && contentType !== undefined && /json/i.test(contentType) && raw.encoded === 'json') content = JSON.parse(content) as unknown;
    return { content, contentType };
  }
  return { content: raw, contentType: headerType };
}

function multiMap(raw: unknown): Record<string, string[]> {
  if (!isObject(raw)) return {};
  return Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value.map(String) : [String(value)]]));
}

/** A query in any Pact form: a V1/V2 string (`a=1&a=2`) or a V3/V4 map of names to values. */
function queryMap(raw: unknown): Record<string, string[]> {
  if (typeof raw !== 'string') return multiMap(raw);
  const query: Record<string, string[]> = {};
  for (const [name, value] of new URLSearchParams(raw.startsWith('?') ? raw.slice(1) : raw)) (query[name] ??= []).push(value);
  return query;
}

function lowerKeys(map: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [key.toLowerCase(), value]));
}

function nameOf(party: unknown): string | undefined {
  return isObject(party) && typeof party.name === 'string' && party.name !== '' ? party.name : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
