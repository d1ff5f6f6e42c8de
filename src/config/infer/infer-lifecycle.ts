import type { LifecycleDefinition } from '../../core/profile/index.ts';
import type { Operation, SchemaObject } from '../../spec/index.ts';
import { classifyStates } from './classify-states.ts';
import { jsonSchemaOf, successStatuses } from './operation-facts.ts';
import type { InferenceNote } from './profile-draft.ts';
import { sameSchema } from './schema-walk.ts';
import type { StatusField } from './status-field.ts';
import { findTimestamps } from './timestamps.ts';

/** A note before it is placed in a run kind: `at` is relative to the run (`['lifecycle', 'status']`). */
export type RunNote = Omit<InferenceNote, 'run'>;

/** A run kind's lifecycle from its status field, whether the create is synchronous, and a note on each item. */
export interface LifecycleInference {
  lifecycle: LifecycleDefinition;
  /** The create answers with the finished run (a run without a status exists only once it has ended). */
  sync: boolean;
  notes: RunNote[];
}

/** Builds the lifecycle a status field implies: states classified by name, transitions guessed, timestamps ordered. */
export function inferLifecycle(status: StatusField, create: Operation, runSchema: SchemaObject | undefined, hasCancel: boolean): LifecycleInference {
  const notes: RunNote[] = [];
  const note = (item: string, key: string, confidence: InferenceNote['confidence'], reason: string, check?: string): void => {
    notes.push({ item, confidence, reason, ...(check ? { check } : {}), at: ['lifecycle', key] });
  };
  let lifecycle: LifecycleDefinition;
  let sync = false;
  if (status.kind === 'enum') {
    const guess = classifyStates(status.states, { hasCancel });
    lifecycle = {
      status: status.pointer, states: guess.states, initial: guess.initial, success: guess.success, failure: guess.failure,
      ...(Object.keys(guess.transitions).length > 0 ? { transitions: guess.transitions } : {}),
      ...(guess.cancelPath ? { cancel: guess.cancelPath } : {}),
    };
    note('status', 'status', status.confidence, `${status.pointer}: ${status.reason}`);
    note('initial', 'initial', guess.initialBy.confidence, guess.initialBy.reason, guess.initialBy.confidence === 'low' ? 'check where a new run starts' : undefined);
    const unknown = guess.unrecognized.length > 0
      ? `${guess.unrecognized.join(', ')} ${guess.unrecognized.length === 1 ? 'is' : 'are'} taken as non-terminal: move any that end a run to success or failure`
      : undefined;
    note('terminal', 'success', guess.successGuessed === undefined ? 'high' : 'low', `success and failure by their names: success ${guess.success.join(', ')}; failure ${guess.failure.join(', ') || '(none)'}`,
      guess.successGuessed !== undefined ? `no state reads as success: "${guess.successGuessed}" was picked; set success and failure by hand` : unknown);
    if (Object.keys(guess.transitions).length > 0) {
      note('transitions', 'transitions', 'low', 'a guess from the names: a new run may move to any working state, every working state to every terminal one and to the other working ones (a cancelling one only ends), none back to a queued one',
        'the spec does not say which moves are legal: compare with the API\'s documentation and remove the moves it never makes, or a broken lifecycle goes unnoticed');
    }
    if (guess.pauses.length > 0) {
      note('pauses', 'states', 'medium', `${guess.pauses.join(', ')}: the run waits for its caller here`,
        'a load run does not answer it: runs that stop there end only when the API gives up on them, or are lost');
    }
    if (guess.cancelPath) note('cancel path', 'cancel', 'medium', `a cancelled run walks ${guess.cancelPath.join(' → ')}`);
  } else {
    lifecycle = { status: { pointer: status.pointer, map: status.map }, initial: ['completed', 'error'], success: ['completed'], failure: ['error'] };
    sync = successStatuses(create).some((code) => sameSchema(jsonSchemaOf(create.responses[code]), runSchema));
    note('status', 'status', status.confidence, `${status.pointer}: ${status.reason}${sync ? '; the create answers with the run itself, so it is synchronous (sync: true)' : ''}`,
      'the states completed and error are names runwarden chose: no field of the API carries them');
  }
  const pointer = typeof lifecycle.status === 'string' ? lifecycle.status : lifecycle.status.pointer;
  const timestamps = findTimestamps(runSchema, pointer.slice(0, pointer.lastIndexOf('/')));
  if (timestamps.length > 0) {
    lifecycle.timestamps = timestamps;
    note('timestamps', 'timestamps', 'medium', 'date-time fields named for moments of a run, ordered created → started → ended',
      'confirm the order: a later one earlier than an earlier one is a TIMESTAMPS_OUT_OF_ORDER finding');
  }
  return { lifecycle, sync, notes };
}
