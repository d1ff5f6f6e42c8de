export { inferProfile, providerNameOf, type InferOptions } from './infer-profile.ts';
export { renderConfig, type ConfigFiles } from './render-config.ts';
export { renderScenario, starterScenarioName, type StarterScenario } from './render-scenario.ts';
export type { Confidence, DraftRun, InferenceNote, ProfileDraft } from './profile-draft.ts';
