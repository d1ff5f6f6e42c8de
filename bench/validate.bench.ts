import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { bundledProfile, presetNames } from '../src/config/index.ts';
import { loadSpec } from '../src/spec/index.ts';
import { createValidator } from '../src/validate/index.ts';
import { createAjv } from '../src/validate/create-ajv.ts';

/** The bundled providers' specs, by provider name. */
const bundledSpecs = (): Array<[string, string]> => presetNames().map((name) => [name, bundledProfile(name).spec] as [string, string]).filter(([, file]) => existsSync(file));

const LOAD_ITERATIONS = 9;
/** Loading and compiling the bundled specs may cost at most this much more than parsing them and compiling their schemas with Ajv. */
const LOAD_BUDGET = 1.5;
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

/** The reference for (a): read and parse the file, then compile the same converted schemas with Ajv directly. */
function referenceLoadAndCompile(file: string, version: '3.0' | '3.1', schemas: ReadonlyArray<{ id: string; schema: object }>): { parseMs: number; totalMs: number } {
  const started = performance.now();
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.json')) JSON.parse(text);
  else parseYaml(text);
  const parsed = performance.now();
  const ajv = createAjv(version);
  for (const { id, schema } of schemas) ajv.addSchema(schema, id);
  for (const { id } of schemas) ajv.getSchema(id);
  return { parseMs: parsed - started, totalMs: performance.now() - started };
}

/**
 * (a) Time to load every bundled spec and compile all of its operations (what the simulator does at start-up), as a
 * ratio to a reference measured in the same iterations: reading and parsing the same files and compiling the same
 * converted schemas with an identically configured Ajv directly (all of them, eagerly, as Ajv does). What the ratio
 * shows is runwarden's own cost on top of parsing and Ajv: indexing, converting, and its bookkeeping. Each iteration
 * reads the files again (no cache) with a fresh compiler; the two alternate which runs first.
 */
export async function loadAndCompile(): Promise<{ specs: string[]; iterations: number; medianTotalMs: number; referenceMedianMs: number; ratioToReference: number; parseOnlyMedianMs: number; ratioToParseOnly: number; budget: number; withinBudget: boolean; firstIterationMs: number; perSpecMedianMs: object; reference: string }> {
  const specs = bundledSpecs();
  const providers = specs.map(([name]) => name);
  // The reference compiles what runwarden converts: take the converted schemas from one full compile of each spec.
  const converted = new Map<string, { version: '3.0' | '3.1'; schemas: Array<{ id: string; schema: object }> }>();
  for (const [, file] of specs) {
    const spec = await loadSpec(file, { cache: false });
    const validator = createValidator(spec);
    validator.compileAll();
    converted.set(file, { version: spec.version, schemas: validator.compiler.registeredSchemas() });
  }
  const totals: number[] = [];
  const references: number[] = [];
  const perSpec: Record<string, { load: number[]; compile: number[] }> = {};
  const runwarden = async (): Promise<number> => {
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
    return total;
  };
  const parses: number[] = [];
  const reference = (): number => {
    const each = specs.map(([, file]) => referenceLoadAndCompile(file, converted.get(file)!.version, converted.get(file)!.schemas));
    parses.push(each.reduce((sum, { parseMs }) => sum + parseMs, 0));
    return each.reduce((sum, { totalMs }) => sum + totalMs, 0);
  };
  for (let iteration = 0; iteration < LOAD_ITERATIONS; iteration++) {
    if (iteration % 2 === 0) {
      totals.push(await runwarden());
      references.push(reference());
    } else {
      references.push(reference());
      totals.push(await runwarden());
    }
  }
  const ratio = median(totals) / median(references);
  return {
    specs: providers,
    iterations: LOAD_ITERATIONS,
    medianTotalMs: Number(median(totals).toFixed(1)),
    referenceMedianMs: Number(median(references).toFixed(1)),
    ratioToReference: Number(ratio.toFixed(2)),
    parseOnlyMedianMs: Number(median(parses).toFixed(1)),
    ratioToParseOnly: Number((median(totals) / median(parses)).toFixed(2)),
    budget: LOAD_BUDGET,
    withinBudget: ratio <= LOAD_BUDGET,
    firstIterationMs: Number(totals[0]!.toFixed(1)),
    perSpecMedianMs: Object.fromEntries(Object.entries(perSpec).map(([provider, { load, compile }]) => [
      provider, { load: Number(median(load).toFixed(1)), compile: Number(median(compile).toFixed(1)) },
    ])),
    reference: 'read + parse the same files (yaml / JSON.parse), and compile the same converted schemas with createAjv() directly',
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
