import type { ProviderName } from '../../core/providers.ts';
import type { ProviderSims } from '../providers/create-providers.ts';

/** What applying a state returns: the ids it created or touched, for the verifier to use. */
export type StateResult = Record<string, unknown>;

/** One documented provider state. `{name}` placeholders in `name` may also be written out literally. */
export interface StateDefinition {
  name: string;
  provider: ProviderName | 'any';
  description: string;
  /** Parameter name → what it means (all optional unless the description says otherwise). */
  params: Readonly<Record<string, string>>;
  apply(sims: ProviderSims, params: Record<string, unknown>, now: number): StateResult;
}
