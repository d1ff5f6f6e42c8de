export { createGenericSim, type GenericSimProvider } from './generic-sim.ts';
export type { GenericSimOptions } from './options.ts';
export type { MinimalBody } from './error-replies.ts';
