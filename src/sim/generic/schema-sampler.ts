import { generateSync, type JsonSchema, type Random } from 'json-schema-faker';
import type { LoadedSpec } from '../../spec/index.ts';
import { sampleSchemaAt } from './sample-schema.ts';

/** Draws values of a spec's schemas with json-schema-faker, seeded: the same seed gives the same value. */
export interface SchemaSampler {
  /**
   * A value of the schema at `location` (a spec pointer), or undefined when the generator gives up on it.
   * `allOptionals` also fills every optional property.
   */
  sample(location: string, seed: number, allOptionals: boolean): unknown;
  /** Text that is equal for equal schemas (wherever they sit in the spec), to seed their samples alike. */
  shapeOf(location: string): string | undefined;
}

/** OpenAPI formats json-schema-faker does not draw in the shape Ajv checks. */
const FORMATS: Record<string, (random: Random) => string> = {
  byte: (random) => Buffer.from(Array.from({ length: 3 * random.int(1, 8) }, () => random.int(0, 255))).toString('base64'),
};

/**
 * Samples the spec's schemas (OpenAPI 3.0 or 3.1) after rewriting them as JSON Schema 2020-12 (`sampleSchemaAt`),
 * each schema converted once. Samples are candidates: the caller checks them against the spec before using one.
 */
export function createSchemaSampler(spec: Pick<LoadedSpec, 'bundled' | 'version'>): SchemaSampler {
  const converted = new Map<string, JsonSchema | undefined>();
  const schemaAt = (location: string) => {
    if (!converted.has(location)) converted.set(location, sampleSchemaAt(spec.bundled, spec.version, location) as JsonSchema | undefined);
    return converted.get(location);
  };
  return {
    shapeOf: (location) => {
      const schema = schemaAt(location);
      return schema === undefined ? undefined : JSON.stringify(schema);
    },
    sample(location, seed, allOptionals) {
      const schema = schemaAt(location);
      if (schema === undefined) return undefined;
      try {
        return generateSync(schema, {
          seed, alwaysFakeOptionals: allOptionals, formats: FORMATS, maxDepth: 16, refDepthMax: 2, failOnInvalidTypes: false,
          minDateTime: '2024-01-01T00:00:00Z', maxDateTime: '2026-12-31T23:59:59Z',
        });
      } catch {
        return undefined;
      }
    },
  };
}
