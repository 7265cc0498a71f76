import { addDays, localDate } from '../../domain/academic-year.js';
import { NotFoundError } from '../../domain/errors.js';
import type { Zone } from '../../domain/time-zone.js';
import type { StoreReader } from '../ports/store.port.js';
import { hasRole, isOfficer, type Person } from '../../domain/person.js';
import type { School } from '../../domain/school.js';
import { isSchoolHeadteacher, linkOfficerOf, headteacherOf } from '../../domain/school-roles.js';
import {
  actionsFor,
  describeStage,
  feedbackOverdue,
  type SelfEvaluation,
  type SelfEvaluationAction,
  type SelfEvaluationViewer,
} from '../../domain/self-evaluation.js';

/** The annual-visit feedback date offered by default when the officer judges: four weeks on. */
export const DEFAULT_FEEDBACK_DAYS = 28;

/**
 * How a person stands to a school's self-evaluation. The officer is the school's link officer; where the
 * school has none registered, any SIT member, and whoever already judged it stays its officer.
 */
export function viewerOf(
  person: Pick<Person, 'id' | 'roles' | 'schools' | 'email'>,
  school: Pick<School, 'urn' | 'headteacherEmail' | 'linkOfficerEmail'>,
  people: readonly Person[],
  sef?: Pick<SelfEvaluation, 'judgement'>,
): SelfEvaluationViewer {
  if (isSchoolHeadteacher(person, school)) return 'headteacher';
  if (sef?.judgement?.personId === person.id) return 'officer';
  const linkOfficer = linkOfficerOf(school, people);
  if (linkOfficer ? linkOfficer.id === person.id : hasRole(person, 'sit')) return 'officer';
  return 'other';
}

/** A self-evaluation as one person sees it: the sign-off card's data. */
export interface SelfEvaluationView {
  selfEvaluationId: string;
  /** The version the viewer saw: a button pressed on an older view is refused as stale. */
  version: number;
  urn: string;
  schoolName: string;
  academicYear: string;
  requirement: 'required' | 'invited';
  /** Empty for viewers who may see only where it stands. */
  grades: Array<{ area: string; grade: string; evidence: string }>;
  status: SelfEvaluation['status'];
  stage: string;
  submittedBy: string;
  /** Days, here and below, are read in TIMEZONE. */
  submittedOn: string;
  judgement?: { by: string; on: string; decision: 'agreed' | 'challenged'; accurateAndRobust: boolean; furtherChallenge: boolean; comments?: string; feedbackDueOn: string };
  signedBy?: string;
  signedOn?: string;
  feedbackGivenOn?: string;
  feedbackOverdue: boolean;
  history: Array<{ on: string; who: string; event: string }>;
  viewer: SelfEvaluationViewer;
  actions: SelfEvaluationAction[];
  /** Offered as the feedback date when the officer judges. */
  defaultFeedbackDueOn: string;
  /**
   * Teams user ids (`29:…`) of the headteacher and the officer, where the bot has heard from them: the card's
   * refresh names them so each sees their own buttons (Teams allows at most 60).
   */
  signerUserIds: string[];
}

const EVENT_WORDS: Record<SelfEvaluation['history'][number]['event'], string> = {
  submitted: 'submitted',
  resubmitted: 'revised and resubmitted',
  agreed: 'agreed it as accurate and robust',
  challenged: 'challenged it',
  signed: 'signed',
  feedbackGiven: 'gave the annual-visit feedback',
};

/** What a view is built from besides the record: the school, the people register and their Teams user ids. */
export interface SelfEvaluationContext {
  school: School;
  people: Person[];
  /** Teams user id by Entra object id. */
  teamsUserIds: ReadonlyMap<string, string>;
}

/**
 * Loads the context for a school's self-evaluation. A person's Teams user id is the `user.id` of the 1:1
 * conversation reference kept when they last wrote to the bot; Teams' refresh `userIds` need that id
 * (not the Entra object id), and it is only known once the bot has heard from them.
 */
export async function selfEvaluationContext(store: StoreReader, tenantId: string, urn: string): Promise<SelfEvaluationContext> {
  const [school, people, conversations] = await Promise.all([
    store.find('schools', tenantId, { urn }).then((s) => s[0]),
    store.find('people', tenantId),
    store.find('conversations', tenantId, { kind: 'personal' }),
  ]);
  if (!school) throw new NotFoundError(`The school ${urn}`);
  const teamsUserIds = new Map<string, string>();
  for (const c of conversations) {
    const userId = (c.reference.user as { id?: unknown } | undefined)?.id;
    if (c.aadObjectId && typeof userId === 'string' && userId.startsWith('29:')) teamsUserIds.set(c.aadObjectId, userId);
  }
  return { school, people, teamsUserIds };
}

function judgementView(j: NonNullable<SelfEvaluation['judgement']>, mayRead: boolean, by: string, timeZone: Zone): NonNullable<SelfEvaluationView['judgement']> {
  const { decision, accurateAndRobust, furtherChallenge, feedbackDueOn } = j;
  return { by, on: localDate(j.at, timeZone), decision, accurateAndRobust, furtherChallenge, comments: mayRead ? j.comments : undefined, feedbackDueOn };
}

/** Builds the view for one viewer: the content is the same for all, the actions are the viewer's own. */
export function selfEvaluationView(sef: SelfEvaluation, context: SelfEvaluationContext, viewer: Person, now: Date, timeZone: Zone): SelfEvaluationView {
  const { school, people } = context;
  const name = (id: string) => people.find((p) => p.id === id)?.name ?? 'someone no longer registered';
  const as = viewerOf(viewer, school, people, sef);
  const today = localDate(now, timeZone);
  const officer = sef.judgement ? people.find((p) => p.id === sef.judgement!.personId) : linkOfficerOf(school, people);
  // Everyone else sees where it stands; the grades and comments are for the school, its officers and the SIT.
  const mayRead = as !== 'other' || isOfficer(viewer);
  const signers = [headteacherOf(school, people), officer].map((p) => p?.aadObjectId && context.teamsUserIds.get(p.aadObjectId)).filter((id): id is string => !!id);
  return {
    selfEvaluationId: sef.id,
    version: sef.version,
    urn: school.urn,
    schoolName: school.name,
    academicYear: sef.academicYear,
    requirement: sef.requirement,
    grades: mayRead ? sef.grades.map((g) => ({ area: g.area, grade: g.grade, evidence: g.evidence })) : [],
    status: sef.status,
    stage: describeStage(sef),
    submittedBy: name(sef.submission.personId),
    submittedOn: localDate(sef.submission.at, timeZone),
    judgement: sef.judgement && judgementView(sef.judgement, mayRead, name(sef.judgement.personId), timeZone),
    signedBy: sef.headteacherSignature && name(sef.headteacherSignature.personId),
    signedOn: sef.headteacherSignature && localDate(sef.headteacherSignature.at, timeZone),
    feedbackGivenOn: sef.feedbackGiven?.on,
    feedbackOverdue: feedbackOverdue(sef, today),
    history: sef.history.map((h) => ({ on: localDate(h.at, timeZone), who: name(h.personId), event: EVENT_WORDS[h.event] })),
    viewer: as,
    actions: actionsFor(sef, as),
    defaultFeedbackDueOn: addDays(today, DEFAULT_FEEDBACK_DAYS),
    signerUserIds: [...new Set(signers)],
  };
}
