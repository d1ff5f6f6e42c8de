export { createValidator, listOperations, type CompileReport, type ObservedRequest, type ObservedResponse, type Validator, type ValidatorOptions } from './validator.ts';
export { checkExamples, type ExampleFinding, type ExampleOptions, type ExampleReport } from './examples.ts';
export { validateHar, validateHarFile, type HarEntryResult, type HarOptions } from './har.ts';
export { createSchemaCompiler, type CompiledSchema, type SchemaCompiler } from './schema-compiler.ts';
export type { Direction } from './convert-schema.ts';
export type { HeaderMap } from './headers.ts';
export { checkSecurity, credentialQueryNames, securitySchemesOf } from './check-security.ts';
export { createCoercer } from './coerce-parameter.ts';
