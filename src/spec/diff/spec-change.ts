/** How much a change can hurt a client, in oasdiff's sense: ERR → breaking, WARN → warning, INFO → info. */
export type ChangeLevel = 'breaking' | 'warning' | 'info';

export const CHANGE_LEVELS: readonly ChangeLevel[] = ['info', 'warning', 'breaking'];

/** One difference between two versions of a spec, with who it breaks and how. */
export interface SpecChange {
  /** Stable rule id, oasdiff's where the same change has one (e.g. `request-parameter-became-required`). */
  id: string;
  level: ChangeLevel;
  /** The operation the change is in, as the revision writes it (`GET /task-runs/{run_id}`); undefined for document-wide changes. */
  operation?: string;
  /** JSON pointer into the base document (absent for something added). */
  base?: string;
  /** JSON pointer into the revision (absent for something removed). */
  revision?: string;
  /** One sentence: who breaks and how. */
  message: string;
}

/** True when `level` is at least `threshold` (info < warning < breaking). */
export function atLeast(level: ChangeLevel, threshold: ChangeLevel): boolean {
  return CHANGE_LEVELS.indexOf(level) >= CHANGE_LEVELS.indexOf(threshold);
}
