export { dereferencedAt, loadSpec } from './load-spec.ts';
export { lintSpec, type LintFinding } from './lint-spec.ts';
export { auditRefs } from './audit-refs.ts';
export { locatedWarnings } from './locate-warnings.ts';
export { isFlaw, SpecWarnings, type SpecWarning, type SpecWarningCode } from './spec-warning.ts';
export { createRouteTable, createRouter, type RouteEntry, type RouteMatch, type RouteMiss, type Router, type RouteTable } from './router.ts';
export { closestNames } from './edit-distance.ts';
export { displayPath, parseJsonText, parseYamlText, readTextFile } from './read-source.ts';
export type { LoadedSpec, MediaType, NamedExample, OpenApiDocument, Operation, Parameter, ResponseSpec, SchemaObject } from './loaded-spec.ts';
