import { hashString, type Rng } from '../../random.ts';
import { isoTime, uuidFrom } from '../../ids.ts';
import type { SeededFaker } from '../../seeded-faker.ts';
import type { TaskRun } from './task-run.ts';

/** Model ids the simulated tasks use: a primary and a fallback. */
export const PRIMARY_MODEL_ID = '01923b7c-1a2b-7c3d-8e4f-5a6b7c8d9e0f';
export const FALLBACK_MODEL_ID = '01923b7c-4d5e-7f60-8172-93a4b5c6d7e8';

/** Credits for a token count: 1 credit per 1,000 tokens, two decimals (as the spec's examples). */
export function creditsFor(tokens: number): string {
  return (Math.round(tokens / 10) / 100).toFixed(2);
}

/** A UUID that is a pure function of `text` (a task's revision, a reporting group's id). */
export function stableUuid(rng: Rng, text: string, salt: number): string {
  rng.reseed(hashString(text) ^ salt);
  return uuidFrom(rng);
}

const OUTPUT_KINDS = ['sentiment', 'extraction', 'summary', 'classification'] as const;

/** The structured response of a successful run, shaped by the task (hash of its id) and seeded by the run. */
function taskResponse(seeded: SeededFaker, run: TaskRun): Record<string, unknown> | string {
  seeded.seed(run.seed ^ 0x7a5c);
  const { faker, rng } = seeded;
  switch (OUTPUT_KINDS[hashString(run.taskId) % OUTPUT_KINDS.length]!) {
    case 'sentiment':
      return {
        sentiment: rng.pick(['positive', 'neutral', 'negative']),
        confidence: Math.round((0.55 + rng.next() * 0.44) * 100) / 100,
        key_phrases: Array.from({ length: rng.int(1, 3) }, () => faker.lorem.words({ min: 2, max: 5 })),
        summary: faker.lorem.sentence({ min: 8, max: 16 }),
      };
    case 'extraction':
      return {
        vendor: faker.company.name(),
        invoice_number: `INV-${rng.int(10000, 99999)}`,
        total: Math.round(rng.next() * 500_000) / 100,
        currency: rng.pick(['EUR', 'USD', 'GBP']),
      };
    case 'summary':
      return faker.lorem.paragraph({ min: 2, max: 4 });
    case 'classification':
      return { label: rng.pick(['billing', 'shipping', 'technical', 'account']), confidence: Math.round((0.5 + rng.next() * 0.5) * 100) / 100 };
  }
}

/** The number of output tokens of a run (from its seed; errors produce short outputs). */
export function outputTokensOf(scratch: Rng, run: TaskRun): number {
  scratch.reseed(run.seed ^ 0x0701);
  return run.scenario === 'error' || run.scenario === 'fallback_error' ? scratch.int(10, 60) : scratch.int(30, 420);
}

/** Renders a TaskRun: tokens add up, credits follow tokens, fallback fields agree with each other. */
export function renderTaskRun(seeded: SeededFaker, scratch: Rng, userId: string, run: TaskRun): Record<string, unknown> {
  const outputTokens = outputTokensOf(scratch, run);
  const total = run.inputTokens + outputTokens;
  const usedFallback = run.fallbackRequested || run.scenario === 'fallback' || run.scenario === 'fallback_error';
  const isError = run.scenario === 'error' || run.scenario === 'fallback_error';
  const primaryFailure = run.fallbackRequested
    ? 'Primary model skipped: the caller requested the fallback model (use_fallback_model=true)'
    : usedFallback ? 'Primary model returned HTTP 529 (overloaded) on 3 attempts'
      : isError ? 'Primary model returned HTTP 500 on 3 attempts and the task has no fallback model' : null;
  const response = run.scenario === 'fallback_error'
    ? 'Fallback model output did not match the task output_format.'
    : run.scenario === 'error' ? 'The model call failed; no output was produced.' : taskResponse(seeded, run);
  const groupId = run.reportingGroup === null ? null : stableUuid(scratch, run.reportingGroup, 0x96a);
  return {
    task_id: run.taskId,
    task_revision_id: run.revisionId ?? stableUuid(scratch, run.taskId, 0x4e71),
    response,
    run_data: { submitted: run.taskInput, files: run.fileNames },
    id: run.id,
    created: isoTime(run.createdAt),
    input_tokens: run.inputTokens,
    output_tokens: outputTokens,
    total_tokens: total,
    is_error: isError,
    input_processor_timing: Math.round((0.00008 + (run.seed >>> 0) % 1000 * 1e-7) * 1e6) / 1e6,
    llm_call_timing: run.llmMs / 1000,
    charged_credits: creditsFor(total),
    files: null,
    llm_retries: usedFallback && !run.fallbackRequested ? 2 : isError ? 2 : 0,
    used_fallback_model: usedFallback,
    primary_failure_reason: primaryFailure,
    fallback_llm_model_id: usedFallback ? FALLBACK_MODEL_ID : null,
    user_id: userId,
    reporting_group_id: groupId,
    reference: run.reference,
    context_id: null,
    reporting_group: run.reportingGroup === null ? null : { id: groupId, name: run.reportingGroup },
  };
}
