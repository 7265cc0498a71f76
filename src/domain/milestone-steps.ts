import { z } from 'zod/v4';
import { url } from './record.js';
import { addDays, daysBetween, termsOf, academicYearOf, type IsoDate, type Term } from './academic-year.js';
import {
  ConfirmationSchema,
  isConfirmed,
  mayConfirmMilestones,
  milestoneStanding,
  milestonesOf,
  PLAN_TEXT_LIMITS,
  type ActionPlan,
  type Milestone,
  type MilestoneStatus,
} from './action-plan.js';
import { ConflictError, InvalidInputError, NotAllowedError, NotFoundError } from './errors.js';
import { isOfficer, type Person } from './person.js';
import type { School } from './school.js';
import { linkOfficerOf } from './school-roles.js';
import { worded } from './issue-wording.js';

/**
 * The steps people take on a milestone once its plan is live: the headteacher (or their delegate) marks it in
 * progress or confirms its outcome with evidence; the link officer may query a confirmation; the headteacher answers
 * on the same card. And when the bot nudges about it: reminders, escalation and the termly summary.
 */

export type MilestoneStep =
  | { kind: 'progress' }
  | { kind: 'confirm'; outcome: 'met' | 'partlyMet' | 'notMet'; evidence?: string; link?: string }
  | { kind: 'query'; text: string }
  | { kind: 'answer'; text: string };

type Who = Pick<Person, 'id' | 'roles' | 'schools' | 'email'>;
type Link = Pick<School, 'urn' | 'headteacherEmail' | 'linkOfficerEmail'>;

/** The officer who may query a school's confirmations: its link officer, or any officer when it has none registered. */
export function mayQueryMilestones(person: Who, school: Link, people: readonly Pick<Person, 'id' | 'roles' | 'email'>[]): boolean {
  if (!isOfficer(person)) return false;
  const link = linkOfficerOf(school, people);
  return link ? link.id === person.id : true;
}

/** The query still waiting for the headteacher's answer, if any. */
export const openQuery = (m: Pick<Milestone, 'queries'>) => m.queries.find((q) => !q.answer);

/** Which steps the person may take on the milestone now (for the card's buttons). */
export function milestoneStepsFor(person: Who, plan: Pick<ActionPlan, 'delegateIds' | 'status'>, milestone: Milestone, school: Link, people: readonly Person[]): Array<MilestoneStep['kind']> {
  if (plan.status !== 'live') return [];
  const steps: Array<MilestoneStep['kind']> = [];
  if (mayConfirmMilestones(person, plan, school)) {
    if (milestone.status === 'notStarted') steps.push('progress');
    if (!isConfirmed(milestone)) steps.push('confirm');
    if (openQuery(milestone)) steps.push('answer');
  } else if (isConfirmed(milestone) && !openQuery(milestone) && mayQueryMilestones(person, school, people)) steps.push('query');
  return steps;
}

const text = (max: number, what: string) => z.string().trim().min(1, `Write the ${what}.`).max(max, `The ${what} is longer than the ${max.toLocaleString('en-GB')} characters it may hold.`);
const NEEDS_EVIDENCE = 'Give the evidence: it is required for met and partly met.';

/** A step's input problem, naming the card's input. */
function check(step: MilestoneStep): void {
  if (step.kind === 'confirm') {
    if (step.outcome !== 'notMet' && !step.evidence?.trim()) throw new InvalidInputError(NEEDS_EVIDENCE, 'evidence');
    if ((step.evidence ?? '').length > PLAN_TEXT_LIMITS.evidence) throw new InvalidInputError(`The evidence is longer than the ${PLAN_TEXT_LIMITS.evidence.toLocaleString('en-GB')} characters it may hold.`, 'evidence');
    if (step.link && !url(z.string()).max(PLAN_TEXT_LIMITS.link).safeParse(step.link).success) throw new InvalidInputError('The link must be a web address starting with https:// (or leave it empty).', 'link');
    if (step.link && !/^https?:\/\//i.test(step.link)) throw new InvalidInputError('The link must be a web address starting with https:// (or leave it empty).', 'link');
  }
  if (step.kind === 'query' || step.kind === 'answer') {
    const parsed = text(PLAN_TEXT_LIMITS.query, step.kind === 'query' ? 'query' : 'answer').safeParse(step.text, worded);
    if (!parsed.success) throw new InvalidInputError(parsed.error.issues[0]!.message, step.kind === 'query' ? 'query' : 'answer');
  }
}

const REFUSED: Record<MilestoneStep['kind'], string> = {
  progress: "Only the school's headteacher, or a delegate they named on the plan, can update its milestones.",
  confirm: "Only the school's headteacher, or a delegate they named on the plan, can confirm its milestones.",
  answer: "Only the school's headteacher, or a delegate they named on the plan, can answer a query on its milestones.",
  query: "Only the school's link officer can query a milestone's confirmation.",
};

/**
 * Applies one step to a milestone of a live plan, as the actor, at `atIso`: the plan's actions with that milestone
 * changed and its revision counted. Refused (nothing changed) for anyone the step is not for, or a step that no
 * longer applies (already confirmed, nothing to answer); input problems name the card's input.
 */
export function applyMilestoneStep(
  plan: ActionPlan,
  milestoneId: string,
  step: MilestoneStep,
  actor: Person,
  school: Link,
  people: readonly Person[],
  atIso: string,
): { actions: ActionPlan['actions']; milestone: Milestone; what: string } {
  const found = milestonesOf(plan).find((m) => m.milestone.id === milestoneId);
  if (!found) throw new NotFoundError('This milestone');
  const m = found.milestone;
  const allowed = step.kind === 'query' ? mayQueryMilestones(actor, school, people) : mayConfirmMilestones(actor, plan, school);
  if (!allowed || plan.status !== 'live') throw new NotAllowedError(plan.status !== 'live' ? 'This plan is not live: milestones are confirmed only on a live plan.' : REFUSED[step.kind]);
  check(step);
  let next: Milestone;
  switch (step.kind) {
    case 'progress':
      if (m.status !== 'notStarted') throw new ConflictError(`This milestone is already ${statusWords(m.status)}.`);
      next = { ...m, status: 'inProgress' };
      break;
    case 'confirm': {
      if (isConfirmed(m)) throw new ConflictError(`This milestone is already confirmed as ${statusWords(m.status)}.`);
      const confirmation = ConfirmationSchema.parse({ outcome: step.outcome, ...(step.evidence?.trim() ? { evidence: step.evidence } : {}), ...(step.link?.trim() ? { link: step.link.trim() } : {}), by: actor.id, at: atIso });
      next = { ...m, status: step.outcome, confirmation };
      break;
    }
    case 'query':
      if (!isConfirmed(m)) throw new ConflictError('Only a confirmed milestone can be queried.');
      if (openQuery(m)) throw new ConflictError('This milestone already has a query waiting for its answer.');
      next = { ...m, queries: [...m.queries, { text: step.text.trim(), by: actor.id, at: atIso }] };
      break;
    case 'answer': {
      const open = openQuery(m);
      if (!open) throw new ConflictError('There is no query on this milestone waiting for an answer.');
      next = { ...m, queries: m.queries.map((q) => (q === open ? { ...q, answer: { text: step.text.trim(), by: actor.id, at: atIso } } : q)) };
      break;
    }
  }
  next = { ...next, revision: (m.revision ?? 0) + 1 };
  const actions = plan.actions.map((a) => (a.id === found.action.id ? { ...a, milestones: a.milestones.map((x) => (x.id === m.id ? next : x)) } : a));
  return { actions, milestone: next, what: stepWords(m.target, step) };
}

/**
 * A step as the plan's history says it (who and when are on the history's line): each is a change to the live plan
 * (the milestone's outcome, or what was asked and answered about it), so it is versioned like an edit.
 */
function stepWords(target: string, step: MilestoneStep): string {
  const milestone = `Milestone '${target}'`;
  switch (step.kind) {
    case 'progress':
      return `${milestone} marked in progress`;
    case 'confirm':
      return `${milestone} confirmed ${statusWords(step.outcome)}`;
    case 'query':
      return `${milestone}: its confirmation queried`;
    case 'answer':
      return `${milestone}: the query on it answered`;
  }
}

const statusWords = (s: MilestoneStatus) => ({ notStarted: 'not started', inProgress: 'in progress', met: 'met', partlyMet: 'partly met', notMet: 'not met' })[s];

/** A nudge about one milestone: to the headteacher as it becomes due soon and on its date; to the link officer once overdue. */
export type ReminderStage = 'dueSoon' | 'dueToday' | 'overdue';

/**
 * A stage's nudge goes on the first working run while the stage lasts: due soon for its 14 days, due today on the
 * day, overdue for ESCALATION_WINDOW_DAYS after the date (a run missed for longer sends nothing: the officer's
 * `milestones` list and the SIT digest still show it). Keyed per milestone, due date and stage, it goes once.
 */
export const ESCALATION_WINDOW_DAYS = 14;

export function reminderStage(m: Pick<Milestone, 'status' | 'due'>, today: IsoDate): ReminderStage | undefined {
  const standing = milestoneStanding(m, today);
  if (standing === 'dueSoon' || standing === 'dueToday') return standing;
  if (standing === 'overdue' && daysBetween(m.due, today) <= ESCALATION_WINDOW_DAYS) return 'overdue';
  return undefined;
}

/** The last weekday of a term: its summary is due from then. */
export function lastWeekdayOf(term: Pick<Term, 'end'>): IsoDate {
  let day = term.end;
  // 1970-01-01 was a Thursday: days since then give the weekday without a time zone.
  const weekday = (d: IsoDate) => (((daysBetween('1970-01-01', d) + 4) % 7) + 7) % 7;
  while (weekday(day) === 0 || weekday(day) === 6) day = addDays(day, -1);
  return day;
}

/** How long after a term's end its summary may still go (a runner down over the holiday catches up). */
export const TERM_SUMMARY_CATCH_UP_DAYS = 21;

/** The term whose summary is due on `today`: the current term from its last weekday, or the one just ended within the catch-up. */
export function termForSummary(today: IsoDate): Term | undefined {
  const terms = [...termsOf(academicYearOf(addDays(today, -366))), ...termsOf(academicYearOf(today))];
  return terms.find((t) => today >= lastWeekdayOf(t) && daysBetween(t.end, today) <= TERM_SUMMARY_CATCH_UP_DAYS);
}

/** One plan's milestones due in a term, counted for the termly evaluation, with its success criteria for judgement. */
export interface TermSummary {
  met: number;
  partlyMet: number;
  /** Not met, or past their date with no outcome confirmed. */
  missed: number;
  /** Due in the term and not yet past (due on its last day), unconfirmed. */
  open: number;
  milestones: Array<{ target: string; due: IsoDate; status: MilestoneStatus; standing: ReturnType<typeof milestoneStanding> }>;
  successCriteria: Array<{ action: string; criteria: string }>;
}

export function termSummaryOf(plan: Pick<ActionPlan, 'actions'>, term: Pick<Term, 'start' | 'end'>, today: IsoDate): TermSummary {
  const inTerm = milestonesOf(plan).filter(({ milestone: m }) => m.due >= term.start && m.due <= term.end);
  const milestones = inTerm.map(({ milestone: m }) => ({ target: m.target, due: m.due, status: m.status, standing: milestoneStanding(m, today) }));
  return {
    met: milestones.filter((m) => m.status === 'met').length,
    partlyMet: milestones.filter((m) => m.status === 'partlyMet').length,
    missed: milestones.filter((m) => m.status === 'notMet' || m.standing === 'overdue').length,
    open: milestones.filter((m) => m.standing === 'dueToday' || m.standing === 'dueSoon' || m.standing === 'upcoming').length,
    milestones,
    successCriteria: plan.actions.map((a) => ({ action: a.text, criteria: a.successCriteria })),
  };
}
