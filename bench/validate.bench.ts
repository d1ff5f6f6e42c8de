import { existsSync } from 'node:fs';
import { bundledSpecPath, PROVIDERS } from '../src/core/providers.ts';
import { loadSpec } from '../src/spec/index.ts';
import { createValidator } from '../src/validate/index.ts';

const LOAD_ITERATIONS = 5;
const ROUNDS = 9;
const CALLS_PER_ROUND = 100_000;
/** validateResponse may cost at most this much more than the raw compiled Ajv function. */
const WRAPPER_BUDGET = 1.3;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Calls per second of `fn` over `calls` calls. */
function rate(fn: () => unknown, calls: number): number {
  const started = performance.now();
  for (let index = 0; index < calls; index++) fn();
  return calls / ((performance.now() - started) / 1000);
}

/** (a) Median time to load, dereference and compile every bundled spec, over several iterations. */
async function loadAndCompile(): Promise<object> {
  const providers = PROVIDERS.filter((provider) => existsSync(bundledSpecPath(provider)));
  const totals: number[] = [];
  const perSpec: Record<string, { load: number[]; compile: number[] }> = {};
  for (let iteration = 0; iteration < LOAD_ITERATIONS; iteration++) {
    let total = 0;
    for (const provider of providers) {
      const started = performance.now();
      const spec = await loadSpec(bundledSpecPath(provider));
      const loaded = performance.now();
      createValidator(spec);
      const compiled = performance.now();
      (perSpec[provider] ??= { load: [], compile: [] }).load.push(loaded - started);
      perSpec[provider].compile.push(compiled - loaded);
      total += compiled - started;
    }
    totals.push(total);
  }
  return {
    specs: providers,
    iterations: LOAD_ITERATIONS,
    medianTotalMs: Number(median(totals).toFixed(1)),
    firstIterationMs: Number(totals[0]!.toFixed(1)),
    perSpecMedianMs: Object.fromEntries(Object.entries(perSpec).map(([provider, { load, compile }]) => [
      provider, { load: Number(median(load).toFixed(1)), compile: Number(median(compile).toFixed(1)) },
    ])),
  };
}

/** (b) validateResponse vs the raw compiled Ajv function on a typical completed Deck run, interleaved in one run. */
async function responseThroughput(): Promise<object> {
  if (!existsSync(bundledSpecPath('deck'))) return { skipped: 'specs/deck.openapi.yaml is missing' };
  const spec = await loadSpec(bundledSpecPath('deck'));
  const validator = createValidator(spec);
  const media = spec.operations.find((operation) => operation.operationId === 'getTaskRun')?.responses['200']?.content['application/json'];
  const example = media?.examples.find((candidate) => candidate.name === 'completedSuccess') ?? media?.examples[0];
  if (!media?.schemaLocation || !example) return { skipped: 'getTaskRun 200 has no example body' };
  const body = example.value;
  const raw = validator.compiler.compile(media.schemaLocation, 'response', 'bench').validate;
  if (!raw(body) || validator.validateResponse('getTaskRun', { status: 200, body }).length > 0) {
    return { skipped: `the ${example.name} example does not validate` };
  }
  const wrapped = (): unknown => validator.validateResponse('getTaskRun', { status: 200, body });
  const direct = (): unknown => raw(body);
  rate(direct, CALLS_PER_ROUND);
  rate(wrapped, CALLS_PER_ROUND);
  const rawRates: number[] = [];
  const wrapperRates: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which runs first so neither always gets the warmer cache.
    const [rawRate, wrapperRate] = round % 2 === 0
      ? [rate(direct, CALLS_PER_ROUND), rate(wrapped, CALLS_PER_ROUND)]
      : (() => { const w = rate(wrapped, CALLS_PER_ROUND); return [rate(direct, CALLS_PER_ROUND), w]; })();
    rawRates.push(rawRate);
    wrapperRates.push(wrapperRate);
    ratios.push(rawRate / wrapperRate);
  }
  const ratio = median(ratios);
  return {
    body: `deck getTaskRun 200 example "${example.name}" (${JSON.stringify(body).length} bytes)`,
    rounds: ROUNDS,
    callsPerRound: CALLS_PER_ROUND,
    rawAjvPerSec: Math.round(median(rawRates)),
    validateResponsePerSec: Math.round(median(wrapperRates)),
    costRatio: Number(ratio.toFixed(3)),
    budget: WRAPPER_BUDGET,
    withinBudget: ratio <= WRAPPER_BUDGET,
  };
}

/**
 * Validation figures: (a) median time to load and compile all bundled specs; (b) validateResponse
 * validations per second vs the raw compiled Ajv function on the same body, and their cost ratio.
 */
export async function benchValidate(): Promise<object> {
  return { loadAndCompile: await loadAndCompile(), validateResponse: await responseThroughput() };
}
