/** Checks one value at `path`, recording problems on the checker that made it. */
export type Check = (value: unknown, path: string) => void;

/**
 * Collects every problem of an options value instead of stopping at the first, each as `path: message`.
 * Shared by the simulator config file and by each extension's own sections of it.
 */
export class OptionsChecker {
  readonly problems: string[] = [];

  problem(path: string, message: string): void {
    this.problems.push(`${path}: ${message}`);
  }

  /** An object whose keys are all in `fields`; an unknown key is a problem naming the known ones. */
  object(value: unknown, path: string, fields: Record<string, Check>): void {
    if (!isRecord(value)) {
      this.problem(path, `must be an object (received ${describe(value)})`);
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      const check = fields[key];
      if (check === undefined) this.problem(`${path}.${key}`, `unknown key; expected one of ${Object.keys(fields).join(', ')}`);
      else if (child !== undefined) check(child, `${path}.${key}`);
    }
  }

  number = (options: { min?: number; max?: number; integer?: boolean } = {}): Check => (value, path) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return this.problem(path, `must be a number (received ${describe(value)})`);
    if (options.integer && !Number.isInteger(value)) return this.problem(path, `must be an integer (received ${value})`);
    if (options.min !== undefined && value < options.min) return this.problem(path, `must be ≥ ${options.min} (received ${value})`);
    if (options.max !== undefined && value > options.max) return this.problem(path, `must be ≤ ${options.max} (received ${value})`);
  };

  string = (): Check => (value, path) => {
    if (typeof value !== 'string' || value.length === 0) this.problem(path, `must be a non-empty string (received ${describe(value)})`);
  };

  oneOf = (allowed: readonly (string | number)[]): Check => (value, path) => {
    if (!allowed.includes(value as string | number)) this.problem(path, `must be one of ${allowed.join(', ')} (received ${describe(value)})`);
  };

  array = (item: Check): Check => (value, path) => {
    if (!Array.isArray(value)) return this.problem(path, `must be an array (received ${describe(value)})`);
    value.forEach((entry, index) => item(entry, `${path}[${index}]`));
  };

  record = (item: Check): Check => (value, path) => {
    if (!isRecord(value)) return this.problem(path, `must be an object (received ${describe(value)})`);
    for (const [key, entry] of Object.entries(value)) item(entry, `${path}.${key}`);
  };

  fields = (fields: Record<string, Check>): Check => (value, path) => this.object(value, path, fields);

  /** A duration distribution `{medianMs, p99Ms}`. */
  duration = (): Check => this.fields({ medianMs: this.number({ min: 0 }), p99Ms: this.number({ min: 0 }) });

  /** Scenario weights: each named scenario a number ≥ 0. */
  weights = (scenarios: readonly string[]): Check => this.fields(Object.fromEntries(scenarios.map((name) => [name, this.number({ min: 0 })])));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' ? 'an object' : String(value);
}
