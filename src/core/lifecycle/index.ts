export * from './lifecycle.ts';
export * from './check.ts';
