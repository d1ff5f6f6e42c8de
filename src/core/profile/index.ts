export * from './profile.ts';
export { lifecycleFromDefinition, type LifecycleDefinition } from './lifecycle-definition.ts';
export { setAtPointer, valueAtPointer } from './pointer.ts';
export { credentialsFor, secretNames, type Credentials } from './authorize.ts';
export { idInHeader, idValue, runIdInAnswer } from './run-id.ts';
