/**
 * The fast reader's one way of saying "not for me": the text uses something it leaves to the full
 * parser. It throws `GIVE_UP` (and nothing else on purpose); any other exception is a bug in the reader,
 * which the comparison tests fail on and the parse records on the document (see parse.ts).
 */

/** The type of the give-up signal. Not an Error: it needs no stack trace (it is thrown often). */
export class GiveUp {
  private constructor() {}
  /** The one instance. */
  static readonly signal: GiveUp = Object.freeze(new GiveUp());
}

/** Thrown by the fast reader when the text needs the full parser. */
export const GIVE_UP: GiveUp = GiveUp.signal;
