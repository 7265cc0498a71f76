import { z } from 'zod/v4';
import { instant, storedRecord, url } from './record.js';
import { IsoDateSchema } from './iso-date.js';
import { addDays, addMonths, daysBetween, type IsoDate } from './academic-year.js';
import type { Rag } from './rag.js';
import { isOfficer, type Person } from './person.js';
import { UrnSchema, type School } from './school.js';
import { isSchoolHeadteacher } from './school-roles.js';

/**
 * Action plans (Rutland plan §4.4, §4.8–4.10): a school causing concern and the local authority (or trust) agree a
 * focused plan over a short period — typically 3–4 months — of actions by the school and by the LA, each with a
 * named owner, success criteria, resources from the school and the LA, and milestones with a target and a date.
 * It names who monitors progress and how, and when the LA reviews it. The governing body agrees it (the headteacher
 * records the meeting's date) and the link officer agrees it for the LA; only then is it live. Headteachers (or a
 * delegate they name) confirm each milestone with evidence; overdue milestones escalate to the link officer.
 *
 * An individual staff support plan (§4.4: written by the headteacher and the officer with one teacher) is kept
 * apart: readable only by the school's headteacher and the officers who wrote or link to it, never in a digest.
 */

/** How long a plan runs from its agreement when no end date is given: four months (§4.8, "typically 3-4 months"). */
export const DEFAULT_PLAN_MONTHS = 4;
/** A milestone is due soon within this many days of its date. */
export const DUE_SOON_DAYS = 14;

/** The nine kinds of support the LA offers towards an action plan (§4.9), as stored and as people read them. */
export const LA_SUPPORT_KINDS = {
  officerTime: 'Additional school officer time',
  experiencedLeaders: 'Support from experienced school leaders (NLEs, LLEs)',
  partnerSchool: 'Partnership with another school',
  leadershipCapacity: 'Short-term enhancement of leadership capacity',
  specialistConsultancy: 'Specialist consultancy support',
  pupilTracking: 'Tracking pupil progress and the use of data',
  budgetAndStaffing: 'Help with budget plans or staffing',
  otherSchools: 'Support and guidance from other schools and institutions',
  governingBody: 'Support for the governing body',
} as const;
export const LaSupportKindSchema = z.enum(Object.keys(LA_SUPPORT_KINDS) as [keyof typeof LA_SUPPORT_KINDS, ...(keyof typeof LA_SUPPORT_KINDS)[]]);
export type LaSupportKind = z.infer<typeof LaSupportKindSchema>;

/** Free-text limits for a plan (every box on its cards). */
export const PLAN_TEXT_LIMITS = {
  title: 200,
  priority: 500,
  action: 1000,
  ownerName: 100,
  successCriteria: 1000,
  resources: 1000,
  target: 500,
  evidence: 2000,
  link: 1000,
  query: 1000,
  monitoring: 1000,
} as const;

const at = instant();
const text = (max: number) => z.string().trim().min(1).max(max);

export const ActionOwnerSchema = z.enum(['school', 'la']);
export type ActionOwner = z.infer<typeof ActionOwnerSchema>;

export const MilestoneStatusSchema = z.enum(['notStarted', 'inProgress', 'met', 'partlyMet', 'notMet']);
export type MilestoneStatus = z.infer<typeof MilestoneStatusSchema>;
/** The three outcomes a headteacher confirms; the two before them are progress. */
export const CONFIRMED_STATUSES: readonly MilestoneStatus[] = ['met', 'partlyMet', 'notMet'];
export const MILESTONE_STATUS_LABELS: Record<MilestoneStatus, string> = {
  notStarted: 'Not started',
  inProgress: 'In progress',
  met: 'Met',
  partlyMet: 'Partly met',
  notMet: 'Not met',
};

/** The headteacher's (or delegate's) confirmation of a milestone's outcome. Evidence is required for met and partly met. */
export const ConfirmationSchema = z
  .object({
    outcome: z.enum(['met', 'partlyMet', 'notMet']),
    evidence: z.string().trim().max(PLAN_TEXT_LIMITS.evidence).optional(),
    link: url(z.string().trim()).max(PLAN_TEXT_LIMITS.link).optional(),
    by: z.string().min(1),
    at,
  })
  .refine((c) => c.outcome === 'notMet' || !!c.evidence, { path: ['evidence'], message: 'Give the evidence that the milestone was met' });
export type Confirmation = z.infer<typeof ConfirmationSchema>;

/** The link officer's query on a confirmation, and the headteacher's answer on the same card. */
export const MilestoneQuerySchema = z.object({
  text: text(PLAN_TEXT_LIMITS.query),
  by: z.string().min(1),
  at,
  answer: z.object({ text: text(PLAN_TEXT_LIMITS.query), by: z.string().min(1), at }).optional(),
});
export type MilestoneQuery = z.infer<typeof MilestoneQuerySchema>;

export const MilestoneSchema = z.object({
  id: z.string().min(1),
  /** What will have been achieved, as a measurable target. */
  target: text(PLAN_TEXT_LIMITS.target),
  due: IsoDateSchema,
  status: MilestoneStatusSchema,
  confirmation: ConfirmationSchema.optional(),
  queries: z.array(MilestoneQuerySchema).default(() => []),
  /**
   * Counts the headteacher's and officer's steps on this milestone (progress, confirmation, query, answer): a press
   * on a card that showed an older count is refused as stale. Per milestone, so confirming one milestone does not
   * make the cards of the plan's others out of date. Absent: none yet.
   */
  revision: z.number().int().nonnegative().optional(),
});
export type Milestone = z.infer<typeof MilestoneSchema>;

export const PlanActionSchema = z.object({
  id: z.string().min(1),
  /** The priority (objective) the action serves, by its id. */
  priorityId: z.string().min(1).optional(),
  text: text(PLAN_TEXT_LIMITS.action),
  owner: ActionOwnerSchema,
  /** The named person responsible, as written on the plan (a name, not necessarily a user of the bot). */
  ownerName: text(PLAN_TEXT_LIMITS.ownerName),
  successCriteria: text(PLAN_TEXT_LIMITS.successCriteria),
  /** The school's own resources (§4.8: the school takes prime responsibility for resourcing its plan). */
  schoolResources: z.string().trim().max(PLAN_TEXT_LIMITS.resources).optional(),
  laSupport: z.array(LaSupportKindSchema).default(() => []),
  milestones: z.array(MilestoneSchema).default(() => []),
});
export type PlanAction = z.infer<typeof PlanActionSchema>;

export const PrioritySchema = z.object({ id: z.string().min(1), text: text(PLAN_TEXT_LIMITS.priority) });
export type Priority = z.infer<typeof PrioritySchema>;

export const PlanKindSchema = z.enum(['school', 'individual']);
export type PlanKind = z.infer<typeof PlanKindSchema>;
export const PlanStatusSchema = z.enum(['draft', 'live', 'closed']);
export type PlanStatus = z.infer<typeof PlanStatusSchema>;

/** Both sides' agreement (§4.4, §4.8): the governing body's (recorded by the headteacher) and the LA's (the link officer). */
export const AgreementSchema = z.object({
  governingBodyMetOn: IsoDateSchema.optional(),
  governingBodyRecordedBy: z.string().min(1).optional(),
  governingBodyRecordedAt: at.optional(),
  laAgreedBy: z.string().min(1).optional(),
  laAgreedAt: at.optional(),
});
export type Agreement = z.infer<typeof AgreementSchema>;

/** One change to a live plan: who, when, the plan version it made, and what changed in people's words. */
export const PlanChangeSchema = z.object({ version: z.number().int().positive(), by: z.string().min(1), at, what: z.array(z.string().min(1)).min(1) });
export type PlanChange = z.infer<typeof PlanChangeSchema>;

export const ActionPlanSchema = storedRecord({
  urn: UrnSchema,
  kind: PlanKindSchema,
  title: text(PLAN_TEXT_LIMITS.title),
  status: PlanStatusSchema,
  /** The person record id of who started it; `system` for a plan imported on the command line (its audit names who ran it). */
  createdBy: z.string().min(1),
  /** For an individual staff support plan: the officer who wrote it with the headteacher (the only other reader). */
  officerId: z.string().min(1).optional(),
  priorities: z.array(PrioritySchema).default(() => []),
  actions: z.array(PlanActionSchema).default(() => []),
  /** Who monitors and evaluates progress, and how (§4.8: mechanisms and names). */
  monitoring: z.string().trim().max(PLAN_TEXT_LIMITS.monitoring).optional(),
  /** The period: set from the agreement when not given (DEFAULT_PLAN_MONTHS). */
  startsOn: IsoDateSchema.optional(),
  endsOn: IsoDateSchema.optional(),
  /** The LA's review dates (§4.8: arrangements for LA reviews explicit in each plan). */
  reviewDates: z.array(IsoDateSchema).default(() => []),
  agreement: AgreementSchema.default(() => ({})),
  /** People the headteacher named to confirm milestones for them (person ids). */
  delegateIds: z.array(z.string().min(1)).default(() => []),
  /** Changes made after the plan went live, oldest first. */
  changes: z.array(PlanChangeSchema).default(() => []),
});
export type ActionPlan = z.infer<typeof ActionPlanSchema>;

/** The plan's period once agreed: from the agreement date for DEFAULT_PLAN_MONTHS unless the plan says otherwise. */
export function planPeriod(plan: Pick<ActionPlan, 'startsOn' | 'endsOn'>, agreedOn: IsoDate): { startsOn: IsoDate; endsOn: IsoDate } {
  const startsOn = plan.startsOn ?? agreedOn;
  return { startsOn, endsOn: plan.endsOn ?? addMonths(startsOn, DEFAULT_PLAN_MONTHS) };
}

/** Whether both sides have agreed, so the plan may go live. */
export function isFullyAgreed(agreement: Agreement): boolean {
  return !!agreement.governingBodyMetOn && !!agreement.laAgreedBy;
}

/** Where a milestone stands on a day, for reminders, lists and the RAG. */
export type MilestoneStanding = 'confirmed' | 'overdue' | 'dueToday' | 'dueSoon' | 'upcoming';

export function isConfirmed(m: Pick<Milestone, 'status'>): boolean {
  return CONFIRMED_STATUSES.includes(m.status);
}

/**
 * Due soon: due within DUE_SOON_DAYS (today included, as `dueToday`); overdue: after its date while no outcome is
 * confirmed. A confirmed milestone is neither, whatever its date.
 */
export function milestoneStanding(m: Pick<Milestone, 'status' | 'due'>, today: IsoDate): MilestoneStanding {
  if (isConfirmed(m)) return 'confirmed';
  const days = daysBetween(today, m.due);
  if (days < 0) return 'overdue';
  if (days === 0) return 'dueToday';
  return days <= DUE_SOON_DAYS ? 'dueSoon' : 'upcoming';
}

/** The day a milestone becomes due soon (when its first reminder is due). */
export function dueSoonFrom(m: Pick<Milestone, 'due'>): IsoDate {
  return addDays(m.due, -DUE_SOON_DAYS);
}

/**
 * The plan's overall RAG from its milestones, by one stated rule (also in docs/domain.md):
 * - red when any milestone is *not met* or *overdue*;
 * - amber when any is *partly met*, or due within DUE_SOON_DAYS and not yet started;
 * - green otherwise (every milestone met, or on track). A plan with no milestones is amber: nothing shows progress.
 */
export function planRag(plan: Pick<ActionPlan, 'actions'>, today: IsoDate): Rag {
  const milestones = plan.actions.flatMap((a) => a.milestones);
  if (milestones.length === 0) return 'amber';
  const standings = milestones.map((m) => ({ m, s: milestoneStanding(m, today) }));
  if (standings.some(({ m, s }) => m.status === 'notMet' || s === 'overdue')) return 'red';
  if (standings.some(({ m, s }) => m.status === 'partlyMet' || ((s === 'dueSoon' || s === 'dueToday') && m.status === 'notStarted'))) return 'amber';
  return 'green';
}

/** Every milestone of the plan with its action, soonest first. */
export function milestonesOf(plan: Pick<ActionPlan, 'actions'>): { action: PlanAction; milestone: Milestone }[] {
  return plan.actions.flatMap((action) => action.milestones.map((milestone) => ({ action, milestone }))).sort((a, b) => a.milestone.due.localeCompare(b.milestone.due));
}

type Who = Pick<Person, 'id' | 'roles' | 'schools' | 'email'>;
type WhichSchool = Pick<School, 'urn' | 'headteacherEmail' | 'linkOfficerEmail'>;

/** Who confirms a milestone: the school's headteacher, or a delegate they named on the plan. Nobody else. */
export function mayConfirmMilestones(person: Who, plan: Pick<ActionPlan, 'delegateIds' | 'status'>, school: WhichSchool): boolean {
  return plan.status === 'live' && (isSchoolHeadteacher(person, school) || plan.delegateIds.includes(person.id));
}

/** Who builds the plan: the school's headteacher and the local authority's officers (the link officer above all), together. */
export function mayEditPlan(person: Who, school: WhichSchool): boolean {
  return isOfficer(person) || isSchoolHeadteacher(person, school);
}

/**
 * Who reads a plan. A school plan: the officers and SIT, the school's headteacher and delegates. An individual staff
 * support plan: only the school's headteacher and the officer who wrote it (or the school's link officer).
 */
export function mayReadPlan(person: Who, plan: Pick<ActionPlan, 'kind' | 'officerId' | 'createdBy' | 'delegateIds'>, school: WhichSchool): boolean {
  if (isSchoolHeadteacher(person, school)) return true;
  if (plan.kind === 'individual') {
    return isOfficer(person) && (person.id === plan.officerId || person.id === plan.createdBy || (!!school.linkOfficerEmail && person.email === school.linkOfficerEmail));
  }
  return isOfficer(person) || plan.delegateIds.includes(person.id);
}

/** A milestone of a school plan that changed in a digest's period, as it stands at the moment it is read. */
export interface MilestoneChange {
  urn: string;
  planId: string;
  milestoneId: string;
  target: string;
  due: IsoDate;
  /** As at `asOf`: still overdue, or the outcome confirmed by then. */
  state: 'overdue' | Confirmation['outcome'];
  confirmedAt?: string;
}

/**
 * For the digests: the milestones of school plans confirmed within a period (after `from`, up to `to`) or overdue at
 * its end (due before `toDate`, the local date of `to`, and not confirmed by `to`), each read as it stands at `asOf`.
 * Items are picked by the period and shown as they stand, so a digest opened later (asOf now) shows a milestone
 * overdue then as confirmed since. Overdue milestones count on live plans only; individual staff support plans are
 * never included (they are not for a digest). In URN order, then by due date.
 */
export function milestoneChanges(plans: readonly ActionPlan[], period: { from: string; to: string; toDate: IsoDate }, asOf: string): MilestoneChange[] {
  const [fromMs, toMs, asOfMs] = [period.from, period.to, asOf].map((t) => Date.parse(t)) as [number, number, number];
  const out: MilestoneChange[] = [];
  for (const plan of plans.filter((p) => p.kind === 'school' && p.status !== 'draft').sort((a, b) => a.urn.localeCompare(b.urn))) {
    for (const { milestone: m } of milestonesOf(plan)) {
      const confirmedMs = isConfirmed(m) && m.confirmation ? Date.parse(m.confirmation.at) : undefined;
      const confirmedInPeriod = confirmedMs !== undefined && confirmedMs > fromMs && confirmedMs <= toMs;
      const overdueAtEnd = plan.status === 'live' && m.due < period.toDate && (confirmedMs === undefined || confirmedMs > toMs);
      if (!confirmedInPeriod && !overdueAtEnd) continue;
      const confirmedByNow = confirmedMs !== undefined && confirmedMs <= asOfMs;
      out.push({
        urn: plan.urn,
        planId: plan.id,
        milestoneId: m.id,
        target: m.target,
        due: m.due,
        state: confirmedByNow ? m.confirmation!.outcome : 'overdue',
        ...(confirmedByNow ? { confirmedAt: m.confirmation!.at } : {}),
      });
    }
  }
  return out;
}
