export { diffSpecs, orderChanges, type DiffOptions } from './diff-specs.ts';
export { diffLifecycles } from './lifecycle-diff.ts';
export { atLeast, CHANGE_LEVELS, type ChangeLevel, type SpecChange } from './spec-change.ts';
export { baseAvailability, specAtGitRef, type BaseAvailability } from './git-base.ts';
