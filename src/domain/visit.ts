import { z } from 'zod/v4';
import { RagSchema } from './rag.js';
import { instant as instantSchema, storedRecord } from './record.js';
import { UrnSchema } from './school.js';
import { ConflictError, NotAllowedError } from './errors.js';
import { isOfficer, type Person } from './person.js';
import { isSchoolHeadteacher } from './school-roles.js';
import type { School } from './school.js';
import { CONFIDENTIAL_CONCERN_INPUT_ID, copyRecipients, ItemIdSchema, TemplateIdSchema, ThemeSchema, VisitTypeSchema, type AgendaItem, type AgendaTemplate, type Theme } from './agenda-template.js';
import { localDate, type IsoDate } from './academic-year.js';
import type { Zone } from './time-zone.js';
import { overLimit, TEXT_LIMITS } from './text-limits.js';
import { AnswerTagsSchema, type AnswerTags } from './theme-tags.js';

/**
 * A visit to a school, filled in against one version of an agenda template. A visit never holds a
 * confidential concern, nor any sign that one exists: the concern record points to the visit, not the
 * other way round, so nobody reading visits (the school, a digest, an export) can tell.
 */

export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const instant = instantSchema();

export const VisitStatusSchema = z.enum(['planned', 'draft', 'submitted', 'declined']);
export type VisitStatus = z.infer<typeof VisitStatusSchema>;

export const YesNoSchema = z.enum(['yes', 'no']);

/**
 * Answers keyed by item id. Every kind is held as text, as a card input gives it: free text,
 * `red|amber|green`, one of a choice's options, or `yes|no`; `validateAnswers` checks each against its item.
 */
export const AnswersSchema = z.record(ItemIdSchema, z.string());
export type Answers = z.infer<typeof AnswersSchema>;

export const AttendeeSchema = z.object({ role: z.string().trim().min(1), name: z.string().trim().min(1) });
export type Attendee = z.infer<typeof AttendeeSchema>;

/** One answer that feeds a digest theme, kept with the item it came from so digests can group and count. */
export const ThemeEntrySchema = z.object({
  theme: ThemeSchema.exclude(['none']),
  itemId: ItemIdSchema,
  text: z.string().min(1),
  /** The theme tags the visitor chose for this answer, from the template's list: what digests count. */
  tags: z.array(z.string().min(1)).default(() => []),
});
export type ThemeEntry = z.infer<typeof ThemeEntrySchema>;

/** The headteacher's verdict on the school's copy of the note; a dispute says why. */
export const SchoolResponseSchema = z
  .object({
    /** Person record id of the headteacher. */
    by: z.string().min(1),
    at: instant,
    verdict: z.enum(['accurate', 'disputed']),
    comment: z.string().trim().min(1).optional(),
  })
  .refine((r) => r.verdict !== 'disputed' || !!r.comment, { path: ['comment'], message: 'say what is disputed' });
export type SchoolResponse = z.infer<typeof SchoolResponseSchema>;

export const VisitSchema = storedRecord({
  /**
   * The school visited. For a partnership development visit it is the school seen, where there was one: a
   * visit to a partnership as a whole (`visit <partnership>`) has a partnership and no school.
   */
  schoolUrn: UrnSchema.optional(),
  /** The school partnership a partnership development visit is to (the name schools hold in `partnerships`). */
  partnership: z.string().trim().min(1).optional(),
  /** The template and the version the visit was started with: template versions never change once stored. */
  templateId: TemplateIdSchema,
  templateVersion: z.number().int().min(1),
  /** Copied from the template so that digests can pick their visits without reading templates. */
  visitType: VisitTypeSchema,
  /** Person record id of the visitor. */
  visitorId: z.string().min(1),
  plannedDate: IsoDateSchema.optional(),
  visitedDate: IsoDateSchema.optional(),
  attendees: z.array(AttendeeSchema).default(() => []),
  answers: AnswersSchema.default(() => ({})),
  /** Theme tags chosen per answer (item id → tags), kept with a draft too; see theme-tags.ts. */
  answerTags: AnswerTagsSchema.default(() => ({})),
  /** Derived from the answers and their tags on submit (`deriveThemes`). */
  themes: z.array(ThemeEntrySchema).default(() => []),
  status: VisitStatusSchema,
  declinedReason: z.string().trim().min(1).optional(),
  declinedAt: instant.optional(),
  submittedAt: instant.optional(),
  copySentAt: instant.optional(),
  schoolResponse: SchoolResponseSchema.optional(),
}).superRefine((v, ctx) => {
  if (v.status === 'declined' && !v.declinedReason) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['declinedReason'], message: 'a declined visit records why' });
  if (v.status === 'submitted' && !v.submittedAt) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['submittedAt'], message: 'a submitted visit records when' });
  if (!v.schoolUrn && !v.partnership) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['schoolUrn'], message: 'a visit is to a school or to a partnership' });
});
export type Visit = z.infer<typeof VisitSchema>;

/** A problem with one input, named by its id (the card input id) so the card can show it beside the field. */
export interface FieldError {
  field: string;
  message: string;
}

export type AnswerMode = 'draft' | 'submit';

function checkValue(item: AgendaItem, value: string): string | undefined {
  switch (item.kind) {
    case 'text':
      return undefined;
    case 'rag':
      return RagSchema.safeParse(value).success ? undefined : `"${item.prompt}" is rated red, amber or green`;
    case 'yesno':
      return YesNoSchema.safeParse(value).success ? undefined : `"${item.prompt}" is answered yes or no`;
    case 'choice':
      return item.options!.includes(value) ? undefined : `"${item.prompt}" is one of: ${item.options!.join(', ')}`;
  }
}

/**
 * Checks answers against a template. A draft may leave anything blank; a submission needs every
 * required item. Values are trimmed and blanks dropped in `answers`; each error names the item id as
 * `field` and the item's prompt in its message. Answers to items the template does not have are errors;
 * a confidential concern passed along is dropped, never kept (see `separateConcern`).
 */
export function validateAnswers(template: Pick<AgendaTemplate, 'items'>, raw: Readonly<Record<string, unknown>>, mode: AnswerMode): { answers: Answers; errors: FieldError[] } {
  const answers: Answers = {};
  const errors: FieldError[] = [];
  for (const id of Object.keys(raw)) {
    // The confidential concern is never an answer: it is left out here, whatever the caller passed.
    if (id === CONFIDENTIAL_CONCERN_INPUT_ID) continue;
    // Found in the list (a template's item ids are unique), rather than making a map of it on every press.
    const item = template.items.find((i) => i.id === id);
    const value = raw[id];
    if (!item) errors.push({ field: id, message: 'This card is out of date: type visits and open the visit again.' });
    else if (value !== undefined && value !== null && typeof value !== 'string') errors.push({ field: id, message: `"${item.prompt}" must be text.` });
  }
  for (const item of template.items) {
    const value = typeof raw[item.id] === 'string' ? (raw[item.id] as string).trim() : '';
    if (!value) {
      if (mode === 'submit' && item.required) errors.push({ field: item.id, message: `Answer "${item.prompt}" to submit the visit, or save a draft.` });
      continue;
    }
    const tooLong = item.kind === 'text' ? overLimit(`The answer to "${item.prompt}"`, value, TEXT_LIMITS.answer) : undefined;
    const problem = checkValue(item, value);
    if (tooLong) errors.push({ field: item.id, message: tooLong });
    else if (problem) errors.push({ field: item.id, message: `${problem}.` });
    else answers[item.id] = value;
  }
  return { answers, errors };
}

/**
 * The answers that feed digest themes, in agenda order: each item with a theme other than `none` and
 * an answer, with the theme tags chosen for it. A text answer is taken as written; a rating, choice or yes/no is prefixed with its prompt
 * so that it reads on its own in a digest.
 */
export function deriveThemes(template: Pick<AgendaTemplate, 'items'>, answers: Readonly<Answers>, tags: Readonly<AnswerTags> = {}): ThemeEntry[] {
  return template.items.flatMap((item) => {
    const value = answers[item.id]?.trim();
    if (item.theme === 'none' || !value) return [];
    const text = item.kind === 'text' ? value : `${item.prompt}: ${value}`;
    return [{ theme: item.theme as Exclude<Theme, 'none'>, itemId: item.id, text, tags: [...(tags[item.id] ?? [])] }];
  });
}

const transitions: Record<VisitStatus, readonly VisitStatus[]> = {
  planned: ['draft', 'submitted', 'declined'],
  draft: ['draft', 'submitted', 'declined'],
  submitted: [],
  declined: [],
};

/** Planned and draft visits may be saved as drafts, submitted or declined; submitted and declined visits are final. */
export function canTransition(from: VisitStatus, to: VisitStatus): boolean {
  return transitions[from].includes(to);
}

/** Why a final visit can no longer change, in words for the visitor; undefined while it is open. */
export function whyFinal(visit: Pick<Visit, 'status'>): string | undefined {
  if (visit.status === 'submitted') return 'This visit has been submitted and can no longer be changed.';
  if (visit.status === 'declined') return 'This visit was recorded as declined and can no longer be changed.';
  return undefined;
}

/** Throws ConflictError, in words for the visitor, when a visit may not move to `to`. */
export function assertTransition(visit: Pick<Visit, 'status'>, to: VisitStatus): void {
  if (canTransition(visit.status, to)) return;
  throw new ConflictError(whyFinal(visit) ?? `A ${visit.status} visit cannot become ${to}.`);
}

/**
 * Whether the person is the visit's own visitor: only they save, submit or decline it. A colleague who
 * opens it (or presses an old card of it) reads it and changes nothing.
 */
export function isVisitorOf(visit: Pick<Visit, 'visitorId'>, person: Pick<Person, 'id'>): boolean {
  return visit.visitorId === person.id;
}

/** Whether answers, attendees and dates may still change. */
export function isEditable(visit: Pick<Visit, 'status'>): boolean {
  return visit.status === 'planned' || visit.status === 'draft';
}

/**
 * What a visit is to, in words: the school's name (and, for a partnership visit, its partnership), or the
 * partnership alone for a visit to a partnership as a whole.
 */
export function visitPlaceName(visit: Pick<Visit, 'schoolUrn' | 'partnership'>, school?: Pick<School, 'name'>): string {
  const partnership = visit.partnership ? `${visit.partnership} partnership` : undefined;
  const schoolName = school?.name ?? (visit.schoolUrn ? `URN ${visit.schoolUrn}` : undefined);
  if (schoolName && partnership) return `${schoolName} (${partnership})`;
  return schoolName ?? partnership ?? 'no school';
}

/** The fields that date a visit. */
export type VisitDates = Pick<Visit, 'visitedDate' | 'submittedAt' | 'declinedAt' | 'plannedDate' | 'createdAt'>;

/** What coverage and entitlement need of a visit: its school (if one was seen), its partnership, its status and its dates. */
export type DatedVisit = Pick<Visit, 'schoolUrn' | 'status'> & Partial<Pick<Visit, 'partnership' | 'visitType'>> & VisitDates;

/**
 * The day a visit counts on in coverage and entitlement: the day it took place, else the day it was
 * submitted or declined, else the day it was planned for.
 */
export function visitDate(visit: VisitDates, timeZone?: Zone): IsoDate {
  if (visit.visitedDate) return visit.visitedDate;
  const at = visit.submittedAt ?? visit.declinedAt;
  if (at) return localDate(at, timeZone);
  return visit.plannedDate ?? localDate(visit.createdAt, timeZone);
}

/** The visits that count on a day from `from` to `to` inclusive (see `visitDate`). */
export function visitsBetween<V extends VisitDates>(visits: readonly V[], from: IsoDate, to: IsoDate, timeZone?: Zone): V[] {
  return visits.filter((v) => {
    const d = visitDate(v, timeZone);
    return d >= from && d <= to;
  });
}

/** What a visit is read against to decide who may see it: its status and visitor, its school and its agenda. */
export interface VisitReadContext {
  visit: Pick<Visit, 'status' | 'visitorId'>;
  /** None for a visit to a partnership as a whole: its visitor and the organisation's officers read those. */
  school?: School;
  template: Pick<AgendaTemplate, 'schoolGetsCopy' | 'copyAlsoTo'>;
}

/**
 * Who may read a visit note, on a need to know:
 * - its visitor, always (a draft is theirs alone: nobody else reads a planned or draft visit);
 * - once final (submitted or declined), the organisation's officers and SIT members, the school's link officer
 *   among them;
 * - the school's side, only its copy: a submitted note of an agenda that sends one, read by the school's
 *   headteacher (by role or by the register's e-mail) and whoever else the agenda sends the copy to (such as
 *   the RE lead of a SACRE visit).
 * Nobody else: not an administrator as such, a SACRE visitor (other than their own notes), nor a headteacher,
 * governor or diocese contact of another school.
 */
export function mayReadVisit(viewer: Pick<Person, 'id' | 'roles' | 'schools' | 'email'>, { visit, school, template }: VisitReadContext): boolean {
  if (isVisitorOf(visit, viewer)) return true;
  if (isEditable(visit)) return false;
  if (isOfficer(viewer)) return true;
  if (visit.status !== 'submitted' || !template.schoolGetsCopy || !school) return false;
  return isSchoolHeadteacher(viewer, school) || copyRecipients(template, school).includes(viewer.email);
}

/** Why the viewer may not read a visit note, in their words (see `mayReadVisit`). */
export function whyMayNotRead(visit: Pick<Visit, 'status'>): string {
  return isEditable(visit)
    ? 'This visit note is still a draft: only the person making the visit can see it.'
    : 'Only its visitor, officers and the school can see this visit note.';
}

/**
 * Only the school's headteacher (by role or by the register's e-mail: `isSchoolHeadteacher`) answers its
 * school's copy, once, as soon as the note is submitted (the copy itself may still be on its way). Without
 * `school`, only the role counts.
 */
export function assertCanRespond(
  visit: Pick<Visit, 'schoolUrn' | 'status' | 'copySentAt' | 'schoolResponse'>,
  person: Pick<Person, 'roles' | 'schools' | 'email'>,
  school?: Pick<School, 'urn' | 'headteacherEmail'>,
): void {
  const of = school ?? (visit.schoolUrn ? { urn: visit.schoolUrn } : undefined);
  if (!of || !isSchoolHeadteacher(person, of)) throw new NotAllowedError("Only the school's headteacher can mark its copy of a visit note.");
  if (visit.status !== 'submitted') throw new ConflictError('This visit note has not been submitted yet.');
  if (visit.schoolResponse) throw new ConflictError(`The school already marked this note ${visit.schoolResponse.verdict}.`);
}
