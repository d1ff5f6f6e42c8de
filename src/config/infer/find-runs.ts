import type { LoadedSpec, Operation, SchemaObject } from '../../spec/index.ts';
import {
  eventStreamOf, jsonSchemaOf, linkedOperationIds, locationHeaderOf, pathParams, readResponseOf, segmentsOf, singular, successStatuses,
} from './operation-facts.ts';
import type { Confidence } from './profile-draft.ts';
import { exampleOf, propertiesOf, sameSchema, walkProperties } from './schema-walk.ts';

/** A create operation and the poll that reads the runs it starts. */
export interface RunPair {
  create: Operation;
  poll: Operation;
  /** The poll path's parameter that takes the run id. */
  runIdParam: string;
  /** The schema of the run as the poll returns it. */
  runSchema: SchemaObject | undefined;
  confidence: Confidence;
  /** Why these two belong together. */
  reason: string;
}

/** The pairs found, and the candidates looked at (named in the message when there is no pair). */
export interface PairSearch {
  pairs: RunPair[];
  creates: Operation[];
  polls: Operation[];
}

/** Below this, a create and a poll share too little (a name, a few fields) to call them a pair. */
const MIN_SCORE = 40;

/** A POST whose success answer can carry a new run's id: an id-like body field, a `Location` header, or an event stream. */
export function isCreateCandidate(operation: Operation): boolean {
  if (operation.method !== 'post') return false;
  return successStatuses(operation).some((status) => {
    const response = operation.responses[status]!;
    if (locationHeaderOf(response) || eventStreamOf(response)) return true;
    return walkProperties(jsonSchemaOf(response)).some((property) => property.depth <= 2 && /(^id$|_id$|[a-z]Id$)/.test(property.name));
  });
}

/** A GET on a path with a parameter whose success answer is a JSON object: something that reads one resource. */
export function isPollCandidate(operation: Operation): boolean {
  return operation.method === 'get' && pathParams(operation.pathTemplate).length > 0 && propertiesOf(jsonSchemaOf(readResponseOf(operation)?.response)).size > 0;
}

/**
 * The poll parameter that takes the run id: the poll path's last parameter, provided it sits past the part of
 * the path the poll shares with the create (`/tasks/{task_id}` names the task, not a run of it).
 */
export function runIdParamOf(create: Operation, poll: Operation): string | undefined {
  const [a, b] = [segmentsOf(create.pathTemplate), segmentsOf(poll.pathTemplate)];
  let shared = 0;
  while (shared < Math.min(a.length, b.length) && a[shared] === b[shared]) shared++;
  const last = pathParams(poll.pathTemplate).at(-1);
  return last !== undefined && last.segment >= shared ? last.name : undefined;
}

interface Score {
  points: number;
  reasons: string[];
}

function scorePair(spec: LoadedSpec, create: Operation, poll: Operation): Score {
  const reasons: string[] = [];
  let points = 0;
  const createStatuses = successStatuses(create);
  const linked = createStatuses.find((status) => linkedOperationIds(spec, create.responses[status]!).includes(poll.operationId));
  if (linked) { points += 100; reasons.push(`the create's ${linked} response links to it`); }
  const [c, p] = [segmentsOf(create.pathTemplate), segmentsOf(poll.pathTemplate)];
  if (p.length === c.length + 1 && p.at(-1) === '{}' && c.every((segment, index) => p[index] === segment)) {
    points += 80; reasons.push("its path is the create's path plus the run id");
  }
  const pollSchema = jsonSchemaOf(readResponseOf(poll)?.response);
  const same = createStatuses.find((status) => sameSchema(jsonSchemaOf(create.responses[status]), pollSchema));
  if (same) { points += 70; reasons.push(`it returns the same schema as the create's ${same} response`); }
  const location = createStatuses.map((status) => create.responses[status]!).find((response) => locationHeaderOf(response));
  if (location && matchesTemplate(locationExample(location.headers[locationHeaderOf(location)!]?.schema), poll)) {
    points += 70; reasons.push("the create's Location example is its path");
  }
  if (!same && sharedFields(create, pollSchema) >= 0.5) { points += 30; reasons.push('its run shares most fields with the create\'s answer'); }
  const nouns = new Set(c.filter((segment) => segment !== '{}').map((segment) => singular(segment.toLowerCase())));
  const pollNoun = p.filter((segment) => segment !== '{}').at(-1);
  if (pollNoun !== undefined && nouns.has(singular(pollNoun.toLowerCase()))) { points += 20; reasons.push(`its path names the same resource ("${pollNoun}")`); }
  return { points, reasons };
}

function locationExample(schema: SchemaObject | undefined): string | undefined {
  const value = exampleOf(schema);
  return typeof value === 'string' ? value : undefined;
}

function matchesTemplate(value: string | undefined, operation: Operation): boolean {
  if (value === undefined) return false;
  const pathname = value.replace(/^[a-z]+:\/\/[^/]+/i, '').split('?')[0]!;
  return [operation.fullPathTemplate, operation.pathTemplate].some((template) => {
    const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
    return new RegExp(`^${pattern}$`).test(pathname);
  });
}

/** Share of the poll run's top-level fields that some create answer also has (0–1). */
function sharedFields(create: Operation, pollSchema: SchemaObject | undefined): number {
  const polled = [...propertiesOf(pollSchema).keys()];
  if (polled.length === 0) return 0;
  return Math.max(0, ...successStatuses(create).map((status) => {
    const created = propertiesOf(jsonSchemaOf(create.responses[status]));
    return polled.filter((name) => created.has(name)).length / polled.length;
  }));
}

/**
 * Pairs every create candidate with the poll that best explains it (links, path, schema, Location example,
 * shared fields, names). A create no poll explains well enough is left out: it may be anything (a login, an upload).
 */
export function findRunPairs(spec: LoadedSpec): PairSearch {
  const creates = spec.operations.filter(isCreateCandidate);
  const polls = spec.operations.filter(isPollCandidate);
  const pairs: RunPair[] = [];
  for (const create of creates) {
    const ranked = polls.flatMap((poll) => {
      const runIdParam = runIdParamOf(create, poll);
      if (runIdParam === undefined) return [];
      return [{ poll, runIdParam, score: scorePair(spec, create, poll) }];
    }).sort((a, b) => b.score.points - a.score.points || segmentsOf(a.poll.pathTemplate).length - segmentsOf(b.poll.pathTemplate).length);
    const best = ranked[0];
    if (!best || best.score.points < MIN_SCORE) continue;
    const confidence: Confidence = best.score.points >= 80 ? 'high' : best.score.points >= 60 ? 'medium' : 'low';
    pairs.push({
      create, poll: best.poll, runIdParam: best.runIdParam, runSchema: jsonSchemaOf(readResponseOf(best.poll)?.response),
      confidence, reason: best.score.reasons.join('; '),
    });
  }
  return { pairs, creates, polls };
}
