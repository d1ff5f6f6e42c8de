import path from 'node:path';
import { RunwardenError } from '../../core/errors.ts';
import { displayPath, type LoadedSpec } from '../../spec/index.ts';
import { inferAuth } from './auth-scheme.ts';
import { findRunPairs, type RunPair } from './find-runs.ts';
import { inferRun, namedOperations } from './infer-run.ts';
import { describeOperation } from './operation-facts.ts';
import { runKindNames } from './run-kind-names.ts';
import type { DraftRun, InferenceNote, ProfileDraft } from './profile-draft.ts';

export interface InferOptions {
  /** The provider's name; default: derived from the spec's file name or title. */
  name?: string;
  baseUrl?: string;
  /** The environment variable with the secret; default `<NAME>_TOKEN` (bearer) or `<NAME>_API_KEY`. */
  tokenEnv?: string;
}

/**
 * Infers a provider profile from a loaded spec: one run kind per create/poll pair, each with its lifecycle,
 * and a note on every item saying how sure it is and why. Pure: reads nothing but the spec.
 * Throws PROFILE_NOT_INFERRED naming what is missing when the spec has no create/poll pair.
 */
export function inferProfile(spec: LoadedSpec, options: InferOptions = {}): ProfileDraft {
  const name = options.name ?? providerNameOf(spec);
  const search = findRunPairs(spec);
  if (search.pairs.length === 0) throw notInferred(spec, missingPair(search));
  const named = namedOperations(spec, search.pairs);
  const names = runKindNames(search.pairs);
  const runs: Record<string, DraftRun> = {};
  const notes: InferenceNote[] = [];
  const missing: string[] = [];
  search.pairs.forEach((pair, index) => {
    const inferred = inferRun(spec, pair, names[index]!, named);
    if ('missing' in inferred) { missing.push(inferred.missing); return; }
    runs[names[index]!] = inferred.run;
    notes.push(...inferred.notes);
  });
  if (Object.keys(runs).length === 0) throw notInferred(spec, missing.join('\n'));
  const first = search.pairs.find((_pair, index) => runs[names[index]!] !== undefined)!;
  const auth = inferAuth(spec, first.create, options.tokenEnv ?? defaultTokenEnv(name, spec, first));
  notes.unshift({ item: 'auth', confidence: auth.confidence, reason: auth.reason, ...(auth.check ? { check: auth.check } : {}), at: ['auth'] });
  for (const reason of missing) notes.push({ item: 'skipped', confidence: 'low', reason, check: 'add that run kind by hand if it matters (docs/config.md#runs)', at: ['runs'] });
  return {
    name,
    profile: { spec: spec.path, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}), auth: auth.auth, runs },
    notes,
  };
}

/** `jobs.openapi.yaml` → `jobs`; a generic file name (`openapi.yaml`) → the title's first word (`Batch Jobs API` → `batch`). */
export function providerNameOf(spec: LoadedSpec): string {
  const base = path.basename(spec.path).replace(/\.(ya?ml|json)$/i, '').replace(/[._-]?(openapi|swagger|spec|api)$/i, '');
  const fromFile = slug(base);
  if (fromFile !== '' && !/^(openapi|swagger|spec|api|index|v\d+)$/.test(fromFile)) return fromFile;
  const word = spec.title.replace(/\(.*?\)/g, ' ').split(/\s+/).map(slug).find((candidate) => candidate !== '' && !/^(the|openapi|api)$/.test(candidate));
  return word ?? 'api';
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[-_]+|[-_]+$/g, '');
}

function defaultTokenEnv(name: string, spec: LoadedSpec, pair: RunPair): string {
  const stem = name.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^(\d)/, '_$1');
  const apiKey = inferAuth(spec, pair.create, 'X').auth.type;
  return `${stem}_${apiKey === 'bearer' ? 'TOKEN' : 'API_KEY'}`;
}

function missingPair(search: ReturnType<typeof findRunPairs>): string {
  if (search.creates.length === 0) {
    return 'no create operation: a POST answering 201, 202 or 200 with an id in its body, a Location header, or an event stream';
  }
  const creates = search.creates.slice(0, 5).map(describeOperation).join(', ');
  if (search.polls.length === 0) {
    return `no poll operation: a GET on a path with a parameter that answers with the run as a JSON object (found create candidates: ${creates})`;
  }
  const polls = search.polls.slice(0, 5).map((operation) => `${describeOperation(operation)}`).join(', ');
  return 'no poll operation reads the runs the creates start: no response links them, no poll path is a create path plus the id (POST /jobs → GET /jobs/{id}), and no poll returns the same schema\n'
    + `Create candidates: ${creates}\nPoll candidates: ${polls}`;
}

function notInferred(spec: LoadedSpec, why: string): RunwardenError {
  return new RunwardenError('PROFILE_NOT_INFERRED', `cannot infer a task-run profile from ${displayPath(spec.path)}: ${why}`,
    'Write the profile by hand (runs → create, poll, lifecycle): docs/config.md#a-provider-profile shows every field, and the `jobs` example at its top is a whole one.');
}
