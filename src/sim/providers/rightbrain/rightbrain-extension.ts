import type { SimExtension } from '../extension.ts';
import { createRightbrainSim } from './rightbrain-provider.ts';

/** `extension: rightbrain`: synchronous Run Task, the task agents' Server-Sent Events, permissions and the task registry. */
export const rightbrainExtension: SimExtension = {
  name: 'rightbrain',
  create: (profile, runtime) => createRightbrainSim(profile, runtime).provider,
};
