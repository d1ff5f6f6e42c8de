import type { Operation } from '../../spec/index.ts';
import { jsonText, type Reply, type TextReply } from '../http/reply.ts';
import type { SimRequest } from '../providers/provider.ts';
import { rejectInvalid, rejectUnknown, type EngineContext } from './engine-context.ts';
import { documentedResponse, jsonMediaOf, successStatus } from './spec-operations.ts';
import { summarize, type TemplateTools } from './template-tools.ts';

/**
 * An operation that is no create, poll or cancel of a run kind (a list, a lookup): it answers its first documented
 * success with one body prepared at start-up, the first example or sample that conforms.
 */
export function staticHandler(context: EngineContext, tools: TemplateTools, operation: Operation): (request: SimRequest) => Reply {
  const reply = staticReply(tools, operation);
  return (request) => rejectInvalid(context, operation, request) ?? rejectUnknown(context, operation, request) ?? reply;
}

/** The operation's first documented success, with the first example or sample that conforms (prepared once). */
export function staticReply(tools: TemplateTools, operation: Operation): TextReply {
  const status = successStatus(operation);
  const found = documentedResponse(operation, status);
  const media = found && jsonMediaOf(found.response.content);
  const owner = `${operation.operationId} ${status}`;
  const headers = found ? tools.headersOf(found.response, owner, media?.type) : {};
  if (!media) return jsonText(status, '', headers);
  let first: { body: unknown; problem: string } | undefined;
  for (const candidate of tools.candidates(owner, media.media).all()) {
    const violations = tools.check(operation.operationId, status, candidate, headers);
    if (violations.length === 0) return jsonText(status, JSON.stringify(candidate), headers);
    first ??= { body: candidate, problem: summarize(violations) };
  }
  if (first) tools.note(`${owner}: no body conforms to the spec: ${first.problem}`);
  return jsonText(status, JSON.stringify(first?.body ?? {}), headers);
}
