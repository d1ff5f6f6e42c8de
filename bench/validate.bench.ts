import { existsSync } from 'node:fs';
import { bundledProfile, presetNames } from '../src/config/index.ts';
import { loadSpec } from '../src/spec/index.ts';
import { createValidator } from '../src/validate/index.ts';

/** The bundled providers' specs, by provider name. */
const bundledSpecs = (): Array<[string, string]> => presetNames().map((name) => [name, bundledProfile(name).spec] as [string, string]).filter(([, file]) => existsSync(file));

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

/**
 * (a) Median time to load every bundled spec and compile all of its operations (what the simulator does at start-up),
 * over several iterations; each iteration reads the files again (no cache) and compiles with a fresh compiler.
 */
export async function loadAndCompile(): Promise<{ specs: string[]; iterations: number; medianTotalMs: number; firstIterationMs: number; perSpecMedianMs: object }> {
  const specs = bundledSpecs();
  const providers = specs.map(([name]) => name);
  const totals: number[] = [];
  const perSpec: Record<string, { load: number[]; compile: number[] }> = {};
  for (let iteration = 0; iteration < LOAD_ITERATIONS; iteration++) {
    let total = 0;
    for (const [provider, file] of specs) {
      const started = performance.now();
      const spec = await loadSpec(file, { cache: false });
      const loaded = performance.now();
      const failed = createValidator(spec).compileAll().failed;
      if (failed.length > 0) throw new Error(`${provider}: ${failed[0]!.message}`);
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
export async function responseThroughput(): Promise<object> {
  const deck = bundledSpecs().find(([name]) => name === 'deck')?.[1];
  if (deck === undefined) return { skipped: 'the bundled deck spec is missing' };
  const spec = await loadSpec(deck);
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
