/** What kind of flaw a spec has that runwarden works around (or, with --strict-spec, refuses). */
export type SpecWarningCode =
  | 'OPERATION_ID_DUPLICATE'
  | 'REF_BROKEN'
  | 'REF_REMOTE'
  | 'REQUIRED_DUPLICATE'
  | 'ENUM_DUPLICATE'
  | 'ENUM_EMPTY'
  | 'ENUM_REF'
  | 'PATTERN_NOT_UNICODE'
  | 'NULLABLE_IN_3_1'
  | 'FORMAT_UNKNOWN'
  | 'DESCRIPTION_MISSING'
  | 'SCHEMA_UNCOMPILABLE'
  | 'SWAGGER_CONVERTED';

/** One flaw of a spec: what it is, where (a JSON pointer, and line/column once located) and what runwarden did. */
export interface SpecWarning {
  code: SpecWarningCode;
  message: string;
  /** JSON pointer into the document (`#/components/schemas/Charge/required`); '' for the whole document. */
  location: string;
  line?: number;
  column?: number;
}

/** Codes that describe what runwarden did rather than a flaw: never an error, even with --strict-spec. */
const NOTES = new Set<SpecWarningCode>(['SWAGGER_CONVERTED']);

/** True when --strict-spec turns the warning into an error (every flaw; not notes such as a conversion). */
export const isFlaw = (warning: SpecWarning): boolean => !NOTES.has(warning.code);

/** Bound on how many warnings one spec keeps, so a generated spec with a flaw in every schema stays printable. */
export const WARNING_LIMIT = 1000;

/**
 * The warnings of one spec, in the order they were found, each (code, location) once. Found while loading and
 * later, as operations compile: a spec is shared by the commands of a process, and so is what was found in it.
 */
export class SpecWarnings {
  private readonly byKey = new Map<string, SpecWarning>();
  /** How many were not kept once WARNING_LIMIT was reached. */
  dropped = 0;

  add(warning: SpecWarning): void {
    const key = `${warning.code} ${warning.location}`;
    if (this.byKey.has(key)) return;
    if (this.byKey.size >= WARNING_LIMIT) {
      this.dropped++;
      return;
    }
    this.byKey.set(key, warning);
  }

  list(): SpecWarning[] {
    return [...this.byKey.values()];
  }

  get size(): number {
    return this.byKey.size;
  }
}
