import type { ProviderProfile } from '../../core/profile/index.ts';
import type { Operation } from '../../spec/index.ts';
import type { ProviderErrors, SimRoute } from '../providers/provider.ts';
import type { ProviderState } from '../states/provider-state.ts';
import type { EngineContext } from './engine-context.ts';
import type { KindEntry } from './run-kind.ts';
import type { RunTemplate } from './run-template.ts';
import type { TemplateTools } from './template-tools.ts';

/**
 * What an extension builds on: one provider's generic engine (its run kinds, stores, schedules, replies and
 * states), prepared at start-up. An extension adds behaviour on top of it; it never keeps runs of its own.
 */
export interface SimEngine {
  readonly profile: ProviderProfile;
  readonly context: EngineContext;
  readonly tools: TemplateTools;
  /** The run kind that creates, polls or cancels with `operationId`; CONFIG_INVALID naming the extension when none does. */
  kindOf(operationId: string, extension: string): KindEntry;
  /** The spec's operation ids, in its order. */
  readonly operationIds: readonly string[];
  /** An operation of the spec; OPERATION_UNKNOWN naming the profile when it has none by that id. */
  operation(operationId: string): Operation;
  /** The engine's own handler of an operation, for an override to delegate to. */
  handler(operationId: string): SimRoute['handle'];
  /** Another documented answer of `operationId` (status `status`) carrying a run of `entry`, prepared for every state. */
  runTemplate(entry: KindEntry, operationId: string, status: number): RunTemplate;
  /** The engine's provider states (`a run is {state}`, `no such run`, …): targets for an extension's aliases. */
  readonly states: readonly ProviderState[];
}

/** What an extension adds to the engine's provider. */
export interface ExtensionParts {
  /** Handlers that replace the engine's for these operation ids (they may delegate to `engine.handler`). */
  readonly routes?: Readonly<Record<string, SimRoute['handle']>>;
  /** States added to the engine's: a pact's words for them (aliases), or set-ups no profile can express. */
  readonly states?: readonly ProviderState[];
  /** Pipeline replies that replace the engine's (auth, limits) where the spec's shapes cannot say the provider's words. */
  readonly errors?: Partial<ProviderErrors>;
  /** Forgets what the extension's states changed (called with the engine's reset). */
  reset?(): void;
}

/** Builds an extension's parts on an engine; problems with its options go to the runtime's check. */
export type ExtendEngine = (engine: SimEngine) => ExtensionParts;
