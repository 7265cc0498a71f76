import { localDate } from '../../domain/academic-year.js';
import {
  LA_SUPPORT_KINDS,
  MILESTONE_STATUS_LABELS,
  mayEditPlan,
  milestoneStanding,
  planRag,
  type ActionPlan,
  type PlanAction,
} from '../../domain/action-plan.js';
import { longDate, shortDate } from '../../domain/human-date.js';
import { isOfficer, type Person } from '../../domain/person.js';
import type { Rag } from '../../domain/rag.js';
import type { School } from '../../domain/school.js';
import { isSchoolHeadteacher } from '../../domain/school-roles.js';
import type { Zone } from '../../domain/time-zone.js';

/** A milestone as a reader sees it: its target, due date in words, status and where it stands today. */
export interface MilestoneView {
  id: string;
  number: string;
  target: string;
  due: string;
  /** The due date as stored (YYYY-MM-DD), for a date box. */
  dueIso: string;
  status: string;
  standing: string;
}

export interface ActionView {
  id: string;
  number: string;
  priorityId?: string;
  text: string;
  owner: 'school' | 'la';
  ownerName: string;
  successCriteria: string;
  schoolResources: string;
  laSupport: string[];
  laSupportKeys: string[];
  milestones: MilestoneView[];
}

/** One plan as one person sees it (what the plan card shows, and which of its buttons they get). */
export interface PlanView {
  planId: string;
  version: number;
  urn: string;
  schoolName: string;
  kind: ActionPlan['kind'];
  title: string;
  status: ActionPlan['status'];
  rag: Rag;
  period: string;
  reviewDates: string;
  reviewDateValues: string[];
  startsOn: string;
  endsOn: string;
  monitoring: string;
  priorities: { id: string; number: string; text: string; actions: ActionView[] }[];
  /** Actions under no priority (their priority was removed). */
  ungrouped: ActionView[];
  agreementLines: string[];
  delegates: string;
  delegateEmails: string[];
  changes: { line: string; what: string[] }[];
  may: { edit: boolean; agreeGoverningBody: boolean; agreeLa: boolean; nameDelegates: boolean };
}

const STANDING_WORDS = { confirmed: '', overdue: 'overdue', dueToday: 'due today', dueSoon: 'due soon', upcoming: '' } as const;

type People = readonly Pick<Person, 'id' | 'name' | 'email'>[];

function nameOf(people: People, id: string | undefined): string {
  if (!id) return 'someone';
  if (id.startsWith('cli:')) return 'an administrator (import)';
  return people.find((p) => p.id === id)?.name ?? 'someone no longer registered';
}

function actionView(a: PlanAction, number: string, today: string, timeZone: Zone): ActionView {
  return {
    id: a.id,
    number,
    priorityId: a.priorityId,
    text: a.text,
    owner: a.owner,
    ownerName: a.ownerName,
    successCriteria: a.successCriteria,
    schoolResources: a.schoolResources ?? '',
    laSupport: a.laSupport.map((k) => LA_SUPPORT_KINDS[k]),
    laSupportKeys: [...a.laSupport],
    milestones: a.milestones.map((m, i) => ({
      id: m.id,
      number: `${number}.${i + 1}`,
      target: m.target,
      due: shortDate(m.due, timeZone, today),
      dueIso: m.due,
      status: MILESTONE_STATUS_LABELS[m.status],
      standing: STANDING_WORDS[milestoneStanding(m, today)],
    })),
  };
}

/** The plan as `viewer` sees it on `now`'s day in the organisation's time zone. Whether they may read it is checked by the caller. */
export function planView(plan: ActionPlan, school: Pick<School, 'urn' | 'name' | 'headteacherEmail' | 'linkOfficerEmail'>, viewer: Person, people: People, now: Date, timeZone: Zone): PlanView {
  const today = localDate(now, timeZone);
  const date = (d: string) => longDate(d, timeZone);
  const canEdit = mayEditPlan(viewer, school) && plan.status !== 'closed';
  const isHead = isSchoolHeadteacher(viewer, school);
  const draft = plan.status === 'draft';
  const { agreement } = plan;
  const priorities = plan.priorities.map((p, i) => {
    const number = String(i + 1);
    const actions = plan.actions.filter((a) => a.priorityId === p.id).map((a, j) => actionView(a, `${number}.${j + 1}`, today, timeZone));
    return { id: p.id, number, text: p.text, actions };
  });
  const known = new Set(plan.priorities.map((p) => p.id));
  const ungrouped = plan.actions.filter((a) => !a.priorityId || !known.has(a.priorityId)).map((a, j) => actionView(a, `0.${j + 1}`, today, timeZone));
  const gbWords = plan.kind === 'individual' ? 'Agreed with the member of staff' : 'Governing body agreed it';
  const delegates = plan.delegateIds.map((id) => people.find((p) => p.id === id)).filter((p): p is NonNullable<typeof p> => !!p);
  return {
    planId: plan.id,
    version: plan.version,
    urn: school.urn,
    schoolName: school.name,
    kind: plan.kind,
    title: plan.title,
    status: plan.status,
    rag: planRag(plan, today),
    period: plan.startsOn || plan.endsOn ? `${plan.startsOn ? date(plan.startsOn) : 'from its agreement'} to ${plan.endsOn ? date(plan.endsOn) : 'four months on'}` : 'four months from its agreement (set when both sides agree it)',
    reviewDates: plan.reviewDates.length ? plan.reviewDates.map(date).join('; ') : 'none set',
    reviewDateValues: [...plan.reviewDates],
    startsOn: plan.startsOn ?? '',
    endsOn: plan.endsOn ?? '',
    monitoring: plan.monitoring ?? '',
    priorities,
    ungrouped,
    agreementLines: [
      agreement.governingBodyMetOn ? `${gbWords} at its meeting on ${date(agreement.governingBodyMetOn)} (recorded by ${nameOf(people, agreement.governingBodyRecordedBy)}).` : `${gbWords}: not yet.`,
      agreement.laAgreedBy && agreement.laAgreedAt ? `Agreed for the LA by ${nameOf(people, agreement.laAgreedBy)} on ${date(agreement.laAgreedAt)}.` : 'Agreed for the LA: not yet.',
    ],
    delegates: delegates.length ? delegates.map((p) => p.name).join(', ') : 'none',
    delegateEmails: delegates.map((p) => p.email),
    changes: plan.changes.map((c) => ({ line: `Version ${c.version}: ${nameOf(people, c.by)}, ${shortDate(c.at, timeZone, today)}`, what: [...c.what] })),
    may: {
      edit: canEdit,
      agreeGoverningBody: draft && isHead && !agreement.governingBodyMetOn,
      agreeLa: draft && isOfficer(viewer) && !agreement.laAgreedBy,
      nameDelegates: isHead && plan.status !== 'closed' && plan.kind === 'school',
    },
  };
}
