/** Errors a write can end with; the action wrapper turns each into a message for the editor. */

/**
 * The record was saved by someone else since the editor opened it. `userMessage`, when given, is
 * the whole sentence for the editor (an import names the line); otherwise the action wrapper says
 * "this was changed by NAME at TIME".
 */
export class ConflictError extends Error {
  constructor(
    readonly byName: string,
    readonly at: string,
    readonly userMessage?: string,
  ) {
    super(`changed by ${byName} at ${at}`);
  }
}

/** Input that passed the schema but clashes with what is stored (a duplicate round number…). */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The session or role no longer allows this, checked inside the transaction. */
export class NotAllowedError extends Error {}

export class NotFoundError extends Error {}
