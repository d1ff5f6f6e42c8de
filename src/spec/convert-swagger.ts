import { createRequire } from 'node:module';
import { RunwardenError } from '../core/errors.ts';
import { displayPath } from './read-source.ts';

const CONVERTER = 'swagger2openapi';

/** The converter's version, for the note that says a document was converted. */
function converterVersion(): string {
  try {
    return (createRequire(import.meta.url)(`${CONVERTER}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * Converts a Swagger 2.0 document to OpenAPI 3.0 with swagger2openapi (Mermade's maintained converter), fixing the
 * small errors it knows how to (`patch`) rather than refusing. External references are not fetched. Loaded on
 * first use: most specs are OpenAPI 3 and never pay for it.
 */
export async function convertSwagger(document: object, text: string, file: string): Promise<{ openapi: Record<string, unknown>; note: string }> {
  const { default: converter } = await import(CONVERTER);
  const options = { patch: true, warnOnly: true, direct: true, resolve: false, text, source: file, patches: 0 };
  let openapi: Record<string, unknown>;
  try {
    openapi = await converter.convert(document, options);
  } catch (error) {
    throw new RunwardenError(
      'SPEC_INVALID',
      `${displayPath(file)} is Swagger 2.0 and ${CONVERTER} cannot convert it to OpenAPI 3.0: ${(error as Error).message}`,
      'Fix the document so that it is valid Swagger 2.0, or convert it to OpenAPI 3.0 yourself.',
    );
  }
  const patches = options.patches > 0 ? `, fixing ${options.patches} problem${options.patches === 1 ? '' : 's'} on the way` : '';
  return { openapi, note: `Swagger 2.0, converted to OpenAPI ${String(openapi.openapi)} with ${CONVERTER} ${converterVersion()}${patches}: locations are in the converted document` };
}
