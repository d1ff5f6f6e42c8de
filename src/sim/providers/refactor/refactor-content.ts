import { hashString, type Rng } from '../../random.ts';
import type { SeededFaker } from '../../seeded-faker.ts';

/** A model with its USD prices per token (the prices the spec's examples are computed with). */
interface PricedModel {
  provider: string;
  model: string;
  input: number;
  cached: number;
  output: number;
}

/** Price table: cost = (prompt − cached) × input + cached × cached price + completion × output. */
export const REFACTOR_MODELS: readonly PricedModel[] = [
  { provider: 'openai', model: 'gpt-4o-mini-2024-07-18', input: 0.15e-6, cached: 0.075e-6, output: 0.6e-6 },
  { provider: 'anthropic', model: 'claude-3-5-sonnet-20241022', input: 3e-6, cached: 0.3e-6, output: 15e-6 },
  { provider: 'openai', model: 'gpt-4o-2024-08-06', input: 2.5e-6, cached: 1.25e-6, output: 10e-6 },
];

/** One row of `result.usage`. */
export interface ModelUsage {
  provider: string;
  model: string;
  prompt_tokens: number;
  cached_tokens: number;
  completion_tokens: number;
}

/** The full usage a run accumulates by its end, drawn from its seed. */
export function plannedUsage(rng: Rng): ModelUsage[] {
  const first = rng.int(0, REFACTOR_MODELS.length - 1);
  const count = rng.chance(0.4) ? 2 : 1;
  return Array.from({ length: count }, (_, index) => {
    const model = REFACTOR_MODELS[(first + index) % REFACTOR_MODELS.length]!;
    const prompt = rng.int(300, 6000);
    return {
      provider: model.provider,
      model: model.model,
      prompt_tokens: prompt,
      cached_tokens: rng.chance(0.4) ? Math.min(prompt, 1024 * rng.int(1, 4)) : 0,
      completion_tokens: rng.int(20, 900),
    };
  });
}

/** Usage after `progress` (0–1) of the work: each count scaled down, cached never above prompt. */
export function usageAt(full: readonly ModelUsage[], progress: number): ModelUsage[] {
  if (progress >= 1) return full.map((row) => ({ ...row }));
  // Models are called in order: the first finishes before the second starts.
  const share = progress * full.length;
  return full.slice(0, Math.ceil(share)).map((row, index) => {
    const part = Math.min(1, share - index);
    const prompt = Math.floor(row.prompt_tokens * part);
    return { ...row, prompt_tokens: prompt, cached_tokens: Math.min(prompt, Math.floor(row.cached_tokens * part)), completion_tokens: Math.floor(row.completion_tokens * part) };
  });
}

/** Totals and USD cost of usage rows (cost rounded to 10 decimals). */
export function usageTotals(rows: readonly ModelUsage[]): { input: number; cached: number; output: number; costUsd: number } {
  let input = 0;
  let cached = 0;
  let output = 0;
  let cost = 0;
  for (const row of rows) {
    const price = REFACTOR_MODELS.find((model) => model.model === row.model)!;
    input += row.prompt_tokens;
    cached += row.cached_tokens;
    output += row.completion_tokens;
    cost += (row.prompt_tokens - row.cached_tokens) * price.input + row.cached_tokens * price.cached + row.completion_tokens * price.output;
  }
  return { input, cached, output, costUsd: Math.round(cost * 1e10) / 1e10 };
}

const RUNNABLE_KINDS = ['triage', 'extraction', 'summary', 'classification'] as const;
type RunnableKind = (typeof RUNNABLE_KINDS)[number];

function kindOf(runnableId: string): RunnableKind {
  return RUNNABLE_KINDS[hashString(runnableId) % RUNNABLE_KINDS.length]!;
}

/** The nodes a runnable goes through (flow-style), for `state`. */
export function runnableNodes(runnableId: string): string[] {
  switch (kindOf(runnableId)) {
    case 'triage': return ['classify_ticket', 'summarize', 'draft_reply'];
    case 'extraction': return ['load_document', 'extract_entities'];
    case 'summary': return ['chunk', 'summarize'];
    case 'classification': return ['classify'];
  }
}

/** The full outputs of a completed run, shaped by the runnable's kind and seeded by the run. */
export function runnableOutputs(seeded: SeededFaker, seed: number, runnableId: string): Record<string, unknown> {
  seeded.seed(seed ^ 0x0be7);
  const { faker, rng } = seeded;
  switch (kindOf(runnableId)) {
    case 'triage':
      return {
        category: rng.pick(['billing', 'shipping', 'technical', 'account']),
        priority: rng.pick(['low', 'normal', 'high']),
        summary: faker.lorem.sentence({ min: 10, max: 18 }),
        draft_reply: `Hi ${faker.person.firstName()}, ${faker.lorem.sentences(2)}`,
      };
    case 'extraction':
      return {
        entities: Array.from({ length: rng.int(1, 4) }, () => ({
          type: rng.pick(['person', 'organization', 'amount', 'date']),
          text: faker.company.name(),
          confidence: Math.round((0.6 + rng.next() * 0.4) * 100) / 100,
        })),
      };
    case 'summary':
      return { summary: faker.lorem.paragraph(), key_points: Array.from({ length: rng.int(2, 4) }, () => faker.lorem.sentence()) };
    case 'classification':
      return { label: rng.pick(['positive', 'neutral', 'negative']), confidence: Math.round((0.5 + rng.next() * 0.5) * 100) / 100 };
  }
}

/** The outputs available after `progress`: the first keys of the full outputs. */
export function partialOutputs(full: Record<string, unknown>, progress: number): Record<string, unknown> {
  const keys = Object.keys(full);
  const count = progress >= 1 ? keys.length : Math.floor(keys.length * progress);
  return Object.fromEntries(keys.slice(0, count).map((key) => [key, full[key]]));
}
