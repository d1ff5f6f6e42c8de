/** A provider state that cannot be set up with the given parameters (admin answers 400 with the message). */
export class StateError extends Error {
  override readonly name = 'StateError';
}
