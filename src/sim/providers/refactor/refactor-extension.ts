import type { SimExtension } from '../extension.ts';
import { createRefactorSim } from './refactor-provider.ts';

/** `extension: refactor`: re-factor runs, `mode=sync` (the create blocks until the run ends), timeouts and runnable states. */
export const refactorExtension: SimExtension = {
  name: 'refactor',
  create: (profile, runtime) => createRefactorSim(profile, runtime).provider,
};
