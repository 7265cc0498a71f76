/**
 * How much may be typed in each free-text box. Each limit suits what the box is for, and together they keep
 * every card the bot sends under Teams' limit for one card (about 28 KB): the school's copy of a visit note
 * carries every answer, so the answers of one visit also have a limit together.
 */
export const TEXT_LIMITS = {
  /** One answer on a visit agenda. */
  answer: 2000,
  /** Every answer of one visit together (the longest agenda has 28 items). */
  answersTogether: 12_000,
  /** One attendee's name, and the "anyone else" box. */
  attendeeName: 100,
  otherAttendees: 1000,
  /** Why the school declined the visit. */
  declinedReason: 1000,
  /** A headteacher's dispute of the school's copy. */
  disputeComment: 1000,
  /** A health check area's evidence, its action required and the impact of the last one (nine areas on one card). */
  healthCheckEvidence: 1000,
  healthCheckAction: 500,
  /** A self-evaluation area's line of evidence, and the officer's comments on the judgement. */
  selfEvaluationEvidence: 500,
  judgementComments: 2000,
} as const;

/**
 * The words for a box typed past its limit, said on the card beside it (whatever was typed stays in the box,
 * so it can be shortened rather than typed again).
 */
export function tooLongMessage(what: string, typed: string, limit: number): string {
  const n = (x: number) => x.toLocaleString('en-GB');
  return `${what} is too long: ${n(typed.length)} characters, and at most ${n(limit)} fit. Shorten it; what you typed is still in the box.`;
}

/** The problem with a typed text over its limit, or undefined when it fits. */
export function overLimit(what: string, typed: string | undefined, limit: number): string | undefined {
  return typed !== undefined && typed.length > limit ? tooLongMessage(what, typed, limit) : undefined;
}
