import { RunwardenError } from '../core/errors.ts';
import { idValue, runIdInAnswer, valueAtPointer, type ProviderProfile, type RunIdSource, type RunKind } from '../core/profile/index.ts';
import type { ServerSentEvent } from './sse.ts';

/** A 2xx answer as the shared HTTP client returns it. */
export type Answer = { status: number; body: unknown; headers: Headers };

/** The new run's id where `source` says: a body pointer, a header (a URL's last segment), or an event's data. */
export function runIdOf(source: RunIdSource, response: Answer, events: readonly ServerSentEvent[] | undefined): string | undefined {
  if (source.from !== 'sse') return runIdInAnswer(source, response.body, (name) => response.headers.get(name) ?? undefined);
  const candidates = (events ?? []).filter((event) => source.event === undefined || event.event === source.event);
  for (const event of candidates.reverse()) {
    const id = idValue(valueAtPointer(jsonOrUndefined(event.data), source.pointer));
    if (id !== undefined) return id;
  }
  return undefined;
}

function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The error for a create answer without the id the profile says it carries. */
export function missingRunId(profile: ProviderProfile, runKind: RunKind, response: Answer): RunwardenError {
  const source = runKind.create.runId;
  const where = source.from === 'header' ? `header ${source.name}` : `${source.from} ${source.pointer}${source.from === 'sse' && source.event ? ` (event ${source.event})` : ''}`;
  return new RunwardenError('REMOTE_REFUSED',
    `${profile.name} ${runKind.create.operationId}: the answer (${response.status}) carries no run id\nReceived: nothing at ${where}\nDocumented: runs.${runKind.name}.create.runId`,
    `Check runs.${runKind.name}.create.runId in ${profile.source} against what the API answers (docs/config.md).`);
}
