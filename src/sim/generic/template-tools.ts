import { isRunwardenError } from '../../core/errors.ts';
import type { Violation } from '../../core/violation.ts';
import type { MediaType, ResponseSpec } from '../../spec/index.ts';
import type { Validator } from '../../validate/index.ts';
import { Rng, hashString, mixSeed } from '../random.ts';
import { BodyCandidates } from './body-candidates.ts';
import type { SchemaSampler } from './schema-sampler.ts';

/** A documented JSON response body: its media type name and schema/examples. */
export interface JsonMedia {
  type: string;
  media: MediaType;
}

/** What every body of one spec is built with, at start-up. */
export class TemplateTools {
  /** Bodies that could not be made to conform (a lifecycle state the spec's enum lacks, say); `serve` prints them. */
  readonly problems: string[] = [];
  /** Draws the sample ids bodies are checked with (runs draw theirs from their own seeds). */
  readonly sampleRng = new Rng(0x5a17);
  private readonly candidatesByOwner = new Map<string, BodyCandidates>();

  constructor(
    /** A strict validator: the bodies the engine serves must conform without undocumented properties. */
    readonly validator: Validator,
    readonly sampler: SchemaSampler,
    readonly seed: number,
    readonly preferExamples: boolean,
  ) {}

  /** The candidate bodies of one documented response (`createJob 201`), built once and shared. */
  candidates(owner: string, media: MediaType): BodyCandidates {
    let candidates = this.candidatesByOwner.get(owner);
    if (!candidates) {
      candidates = new BodyCandidates(media, this.sampler, this.seed, owner, this.preferExamples);
      this.candidatesByOwner.set(owner, candidates);
    }
    return candidates;
  }

  /** Findings of a response the engine is about to serve ([] for an operation whose schemas cannot compile). */
  check(operationId: string, status: number, body: unknown, headers: Record<string, string>): Violation[] {
    try {
      return this.validator.validateResponse(operationId, { status, headers, body });
    } catch (error) {
      if (isRunwardenError(error)) return [];
      throw error;
    }
  }

  /** Values for the response headers the spec requires (drawn from their schemas), plus the media type. */
  headersOf(response: ResponseSpec, owner: string, contentType: string | undefined): Record<string, string> {
    const headers: Record<string, string> = contentType === undefined || contentType === 'application/json' ? {} : { 'content-type': contentType };
    for (const [name, header] of Object.entries(response.headers)) {
      const lower = name.toLowerCase();
      if (!header.required || lower === 'content-type' || lower === 'content-length') continue;
      const value = this.sampler.sample(header.schemaLocation, mixSeed(this.seed, hashString(`${owner} ${lower}`)), true);
      headers[lower] = typeof value === 'string' ? value : JSON.stringify(value ?? '');
    }
    return headers;
  }

  note(problem: string): void {
    if (!this.problems.includes(problem)) this.problems.push(problem);
  }
}

/** Removes the property a JSON pointer names (a body the engine built itself). */
export function deleteAtPointer(body: unknown, pointer: string): void {
  const tokens = pointer.slice(1).split('/').map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'));
  let target: unknown = body;
  for (const token of tokens.slice(0, -1)) {
    if (typeof target !== 'object' || target === null) return;
    target = (target as Record<string, unknown>)[token];
  }
  if (typeof target === 'object' && target !== null) delete (target as Record<string, unknown>)[tokens[tokens.length - 1]!];
}

/** A one-line summary of the first findings, for notes. */
export function summarize(violations: readonly Violation[]): string {
  const first = violations.slice(0, 2).map((violation) => `${violation.pointer ?? violation.part}: ${violation.message.replace(/\n/g, ' / ')}`);
  return `${first.join('; ')}${violations.length > 2 ? ` (+${violations.length - 2} more)` : ''}`;
}
