import { readFileSync } from 'node:fs';
import type { LoadedSpec } from './loaded-spec.ts';
import { sourcePositions } from './source-positions.ts';
import type { SpecWarning } from './spec-warning.ts';

/**
 * The spec's warnings so far, each with the line and column of its location in the file where it can be found
 * (one pass over the text for all of them). A converted Swagger document has no lines to give: its pointers are into
 * the converted document.
 */
export function locatedWarnings(spec: LoadedSpec): SpecWarning[] {
  const warnings = spec.warnings.list();
  const wanted = warnings.filter((warning) => warning.line === undefined && warning.location !== '' && warning.location !== '#');
  if (wanted.length === 0 || spec.convertedFrom) return warnings;
  let text: string;
  try {
    text = readFileSync(spec.path, 'utf8');
  } catch {
    return warnings;
  }
  const positions = sourcePositions(text, spec.syntax === 'json', [...new Set(wanted.map((warning) => warning.location))]);
  for (const warning of wanted) {
    const position = positions.get(warning.location);
    if (position) Object.assign(warning, position);
  }
  return warnings;
}
