import type { RawProfile } from '../resolve-profile.ts';

/** How sure inference is of one item it wrote. */
export type Confidence = 'high' | 'medium' | 'low';

/** One thing inference decided, why, and what the user should check; placed as a comment at `at` in the config. */
export interface InferenceNote {
  /** The run kind it concerns; undefined for the provider as a whole. */
  run?: string;
  /** What was inferred: `create`, `poll`, `status`, `transitions`, `auth`, … */
  item: string;
  confidence: Confidence;
  /** Why, in a phrase: "its path is the create's path plus the run id". */
  reason: string;
  /** What to verify or edit by hand, when anything. */
  check?: string;
  /** The keys of the profile entry above which the comment goes, e.g. `['runs', 'job', 'lifecycle', 'status']`. */
  at: readonly string[];
}

/** A run kind as written in a profile (docs/config.md#runs). */
export type DraftRun = RawProfile['runs'][string];

/** A provider profile inferred from a spec: the profile as a config writes it, and the notes behind each item. */
export interface ProfileDraft {
  name: string;
  /** `spec` is the absolute path of the spec; the writer makes it relative to the config file. */
  profile: RawProfile;
  notes: InferenceNote[];
}
