export { readEnvironment, readSecret, type Environment } from './environment.ts';
export { bundledProfile, CONFIG_FILE_NAMES, DEFAULT_CONFIG, findConfigFile, loadConfig, loadProfileFile, presetNames, PRESETS_DIR, type RunwardenConfig } from './load-config.ts';
export { ProviderSet } from './provider-set.ts';
export { CONFIG_SCHEMA_PATH } from './config-schema.ts';
export { readSourceDocument, type SourceDocument } from './read-document.ts';
