import { hash } from 'node:crypto';
import { localDate, type IsoDate } from '../../domain/academic-year.js';
import { CONFIDENTIAL_CONCERN_INPUT_ID, whyNotAllowed, type AgendaTemplate } from '../../domain/agenda-template.js';
import { ConflictError, NotAllowedError, NotFoundError, StaleWriteError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import type { RecordPatch } from '../../domain/record.js';
import { assertTransition, isVisitorOf, whyFinal, type FieldError, type Visit, type VisitStatus } from '../../domain/visit.js';
import type { DeliveryDeps } from '../delivery/attempt.js';
import type { ActivityReference } from '../ports/messenger.port.js';
import type { StoreTransaction } from '../ports/store.port.js';
import { MAX_CONCERN_LENGTH, recordConcern } from './raise-concern.js';
import { loadVisit, type VisitContext } from './visit-view.js';
import { valuesToKeep, type VisitValues } from './visit-values.js';

/**
 * What a visit's use cases need: the store and delivery ports, the clock, the time zone dates are read in (held
 * with its formatters where the bot runs: see `TimeZone`), and the built-in agenda templates as read once at
 * start-up (src/store/built-in-templates.ts).
 */
export interface VisitDeps extends DeliveryDeps {
  builtInTemplates: readonly AgendaTemplate[];
}

/** What the agenda card sends when a button is pressed: which visit and version it was rendered from, and every input. */
export interface VisitCardSubmission {
  visitId: string;
  /** The visit's version when the card was rendered: a save against an older one is refused. */
  version: number;
  /** Unique to the rendered card, so a double press raises a confidential concern once. */
  formId: string;
  /** Input values by id (items, dates, attendees, the confidential concern). */
  values: Readonly<Record<string, unknown>>;
  /** The message that held the card, when the press came from one: the final note replaces it for everyone. */
  shownIn?: ActivityReference;
}

/**
 * What became of a press on the agenda card.
 * - `done`: stored (or the same press already stored it); `visit` is the visit now, `ctx` it with its template,
 *   school and visitor, `names` the people it names, so the caller renders from them without reading again.
 * - `invalid`: nothing stored; the card goes back naming each field, with what was typed (a confidential
 *   concern included: it was not raised).
 * - `stale`: someone else saved the visit since the card was rendered; nothing stored; the card goes back
 *   with what this person typed over the visit as it is now (its new version), so they can compare and save.
 * - `closed`: the visit was already submitted or declined (an old card); nothing stored; `message` says so.
 *   A confidential concern typed on it is not raised either: it comes back as `unsentConcern`, for the person
 *   who typed it to send on its own (CONCERN_NOT_SENT_CLOSED says so).
 * A confidential concern is raised only with a `done` press. `notices` are sentences for the person (where
 * the concern went, or that it was not raised), never its text.
 */
export type VisitEditResult = (
  | { kind: 'done'; visit: Visit; ctx: VisitContext; names: ReadonlyMap<string, string>; replayed: boolean }
  | { kind: 'closed'; ctx: VisitContext; message: string; unsentConcern?: string }
  | { kind: 'invalid'; ctx: VisitContext; errors: FieldError[]; values: VisitValues }
  | { kind: 'stale'; ctx: VisitContext; values: VisitValues }
) & {
  notices: string[];
  /**
   * What the press recorded to send (the school's copy, the note for everyone, a concern's notice), for the
   * caller to send once the press is answered (`AfterAnswerDispatcher`); the outbox job sends whatever it leaves.
   */
  outboxIds: string[];
};

/** What a press records with its change, in the change's own unit of work: outbox ids to send after the answer, and sentences for the person. */
export type InUnit = { outboxIds: string[]; notices: string[] };

export const STALE_VISIT_MESSAGE =
  'This visit was saved from another card since you opened this one, so your changes were not saved. What you typed is kept below over the saved version: check it, then save again.';

/** Why a colleague may read a visit but not change it. */
export const notYoursMessage = (visitorName: string) => `Only ${visitorName}, who is making this visit, can change it.`;

/**
 * A short digest of what a press sent, for its idempotency key: the same card pressed again with other
 * values is a new press (saved, or refused as stale), not a repeat of the first one.
 */
export function digestOf(values: Readonly<Record<string, unknown>>): string {
  const sorted = Object.keys(values)
    .sort()
    .map((k) => [k, values[k]]);
  // The one-shot hash: a press makes one digest, and a Hash object costs more to make than the hashing.
  return hash('sha256', JSON.stringify(sorted), 'hex').slice(0, 16);
}

/** How each press reads in the audit log. */
const AUDIT_ACTIONS = { save: 'visit.draftSaved', submit: 'visit.submitted', decline: 'visit.declined' } as const;

/** The patch to store, or the problems that stop it (never an empty list). */
export type VisitChange = { patch: RecordPatch<Visit>; to: VisitStatus } | { errors: FieldError[] };

/** Said on a refused card that carries a concern: it goes once the note is stored, not before. */
export const CONCERN_NOT_RAISED = 'Your confidential concern has not been sent: it goes to the concerns lead with this note once the note is saved.';

/** Said when the concern was typed on the card of a visit that can no longer change. */
export const CONCERN_NOT_SENT_CLOSED = 'Your confidential concern was not sent with it: send it on its own here, to the concerns lead only.';

/** A press on a visit that can no longer change: nothing stored, and a concern typed on it handed back unsent. */
function closed(ctx: VisitContext, message: string, concernText: string, notices: string[]): VisitEditResult {
  if (!concernText) return { kind: 'closed', ctx, message, notices, outboxIds: [] };
  return { kind: 'closed', ctx, message, notices: notices.filter((n) => n !== CONCERN_NOT_RAISED), unsentConcern: concernText, outboxIds: [] };
}

/**
 * The steps every agenda button shares: load the visit and its pinned template, check the person may use
 * that agenda, then store the change against the version the card was rendered from, with any confidential
 * concern typed recorded (apart from the visit) in the same unit of work and then sent to the concerns lead.
 * The idempotency key is the visit, that version, the verb, the person and a digest of the values sent, so the
 * same press twice stores once, while the same card pressed again with edits is a press of its own: refused
 * as stale when the first one was stored (the card comes back with what was typed), stored when it was not.
 */
export async function editVisit(
  deps: VisitDeps,
  tenantId: string,
  actor: Person,
  submission: VisitCardSubmission,
  verb: 'save' | 'submit' | 'decline',
  /** `today` is the organisation's date now, read only if the change asks for it (a submit's day of the visit). */
  change: (ctx: VisitContext, today: () => IsoDate) => VisitChange,
  /** Runs in the change's own unit of work (e.g. to record notifications with it); what it returns comes back in `done`, on a replay too. */
  inUnit?: (tx: StoreTransaction, stored: Visit, ctx: VisitContext) => Promise<InUnit>,
): Promise<VisitEditResult> {
  const ctx = await loadVisit(deps.store, tenantId, submission.visitId);
  const refusal = whyNotAllowed(actor, ctx.template);
  if (refusal) throw new NotAllowedError(refusal);
  // Before anything is read from the card (a concern included): a colleague's press changes nothing.
  if (!isVisitorOf(ctx.visit, actor)) throw new NotAllowedError(notYoursMessage(ctx.visitorName));

  const notices: string[] = [];
  const concern = submission.values[CONFIDENTIAL_CONCERN_INPUT_ID];
  const concernText = typeof concern === 'string' ? concern.trim() : '';
  const kept = valuesToKeep(submission.values);
  // What goes back on a refused card: everything typed, the concern included (to the person who typed it, in
  // the response to their own press, and to nobody else), since it was not raised.
  const typed = concernText ? { ...kept, [CONFIDENTIAL_CONCERN_INPUT_ID]: concernText } : kept;
  if (concernText.length > MAX_CONCERN_LENGTH) {
    const errors = [{ field: CONFIDENTIAL_CONCERN_INPUT_ID, message: `Keep the confidential concern under ${MAX_CONCERN_LENGTH.toLocaleString('en-GB')} characters.` }];
    return { kind: 'invalid', ctx, errors, values: typed, notices, outboxIds: [] };
  }
  if (concernText) notices.push(CONCERN_NOT_RAISED);

  // The concern travels with its note: it is stored in the same unit of work as the change, so a refusal (a
  // missing answer or reason, a stale card, a visit already closed) raises nothing. A closed visit still goes
  // to the store with the press's key: an exact repeat of the press that closed it (a Teams retry) gets that
  // press's result back, any other press is refused there (ConflictError) and gets the closed card.
  const final = whyFinal(ctx.visit);
  const planned = change(ctx, () => localDate(deps.clock.now(), deps.timeZone));
  if ('errors' in planned) return final ? closed(ctx, final, concernText, notices) : { kind: 'invalid', ctx, errors: planned.errors, values: typed, notices, outboxIds: [] };
  const { patch, to } = planned;
  try {
    // One commit for the press: the change and what it sends (sent after the answer, see `outboxIds`).
    let stored: Visit | undefined;
    const { value, replayed } = await deps.store.transact(
      async (tx) => {
        const current = await tx.get('visits', tenantId, submission.visitId);
        if (!current) throw new NotFoundError('The visit', submission.visitId);
        assertTransition(current, to);
        stored = await tx.update('visits', tenantId, submission.visitId, submission.version, patch, { action: AUDIT_ACTIONS[verb] });
        // The concern travels with its note, and its lead's notice is recorded with it (sent after the answer).
        const about = { schoolUrn: stored.schoolUrn, partnership: stored.partnership, visitId: stored.id };
        const raised = concernText ? await recordConcern(tx, tenantId, actor, about, concernText, deps.clock.now()) : undefined;
        const sends = inUnit ? await inUnit(tx, stored, ctx) : { outboxIds: [], notices: [] };
        return {
          concernId: raised?.concernId,
          outboxIds: [...(raised?.outboxIds ?? []), ...sends.outboxIds],
          notices: [...(raised ? [raised.notice] : []), ...sends.notices],
        };
      },
      // The concern is in the key: the same card pressed again with another concern is a press of its own.
      { actor: actor.id, idempotencyKey: `visit.${verb}:${submission.visitId}:v${submission.version}:${actor.id}:${digestOf(typed)}` },
    );
    // The id only: a log line tying a concern to its visit would tell its reader which visit had one.
    if (value.concernId && !replayed) deps.logger.info({ concernId: value.concernId }, 'confidential concern raised');
    // The context in hand, with the visit as stored; a replay (rare) reads the visit as it is now.
    const now = stored && !replayed ? { ...ctx, visit: stored } : await loadVisit(deps.store, tenantId, submission.visitId);
    return { kind: 'done', visit: now.visit, ctx: now, names: new Map([[now.visit.visitorId, now.visitorName]]), replayed, notices: value.notices, outboxIds: value.outboxIds };
  } catch (error) {
    // Submitted or declined from another card between the read above and this write.
    if (error instanceof ConflictError) return closed(await loadVisit(deps.store, tenantId, submission.visitId), error.message, concernText, notices);
    if (!(error instanceof StaleWriteError)) throw error;
    return { kind: 'stale', ctx: await loadVisit(deps.store, tenantId, submission.visitId), values: typed, notices, outboxIds: [] };
  }
}
