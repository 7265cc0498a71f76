import { localDate } from '../../domain/academic-year.js';
import { NotAllowedError } from '../../domain/errors.js';
import { isOfficer, type Person } from '../../domain/person.js';
import { riskActionsFor, type RiskAction } from '../../domain/risk-dialogue.js';
import { CRITERION_WORDING, type RiskChange } from '../../domain/risk.js';
import { headteacherOf, isSchoolHeadteacher } from '../../domain/school-roles.js';
import type { Zone } from '../../domain/time-zone.js';
import type { SelfEvaluationContext } from '../self-evaluation/self-evaluation-view.js';

/** The school, the people register and Teams user ids: what a risk-change view is built from besides the record. */
export type RiskContext = SelfEvaluationContext;
export { selfEvaluationContext as riskContext } from '../self-evaluation/self-evaluation-view.js';

const STATUS_LINES: Record<RiskChange['status'], string> = {
  proposed: "Waiting for the headteacher's answer.",
  agreed: 'Agreed: the level is applied.',
  disputed: 'Disputed by the school: the officer may revise or withdraw it.',
  revised: 'Replaced by a revised proposal.',
  withdrawn: 'Withdrawn: the level is unchanged.',
};

/** One proposed risk change as one viewer sees it: the headteacher or an officer, with the buttons that are theirs. */
export interface RiskChangeView {
  riskChangeId: string;
  version: number;
  urn: string;
  schoolName: string;
  fromLevel: string;
  proposedLevel: string;
  criterion: string;
  evidence: string;
  nextMonitoringMeetingOn: string;
  proposedBy: string;
  proposedOn: string;
  status: RiskChange['status'];
  statusLine: string;
  answer?: { by: string; on: string; decision: 'agreed' | 'disputed'; comment?: string };
  viewer: 'headteacher' | 'officer';
  actions: RiskAction[];
  /** The scale's levels, for the revise form. */
  levels: string[];
  /** Teams user ids of the headteacher and the proposer, for the card's per-viewer refresh. */
  refreshUserIds: string[];
}

/**
 * The view of a risk change for one person. Only the school's headteacher and officers see it; anyone else
 * (another school's headteacher, a governor) is refused and sees nothing of it.
 */
export function riskChangeView(change: RiskChange, context: RiskContext, viewer: Person, levels: readonly string[], timeZone: Zone): RiskChangeView {
  const { school, people } = context;
  const isHead = isSchoolHeadteacher(viewer, school);
  if (!isHead && !isOfficer(viewer)) throw new NotAllowedError("Only officers and the school's headteacher can see its risk level.");
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? 'someone no longer registered';
  const proposer = people.find((p) => p.id === change.proposedBy);
  const refreshUserIds = [headteacherOf(school, people), proposer]
    .map((p) => p?.aadObjectId && context.teamsUserIds.get(p.aadObjectId))
    .filter((id): id is string => !!id);
  const answer = change.answer;
  return {
    riskChangeId: change.id,
    version: change.version,
    urn: school.urn,
    schoolName: school.name,
    fromLevel: change.fromLevel,
    proposedLevel: change.proposedLevel,
    criterion: change.criterion ? CRITERION_WORDING[change.criterion] : 'None given',
    evidence: change.evidence,
    nextMonitoringMeetingOn: change.nextMonitoringMeetingOn ?? '',
    proposedBy: nameOf(change.proposedBy),
    proposedOn: localDate(change.proposedAt, timeZone),
    status: change.status,
    statusLine: STATUS_LINES[change.status],
    ...(answer
      ? { answer: { by: nameOf(answer.personId), on: localDate(answer.at, timeZone), decision: answer.decision, ...(answer.comment ? { comment: answer.comment } : {}) } }
      : {}),
    viewer: isHead ? 'headteacher' : 'officer',
    actions: riskActionsFor(change, school, viewer),
    levels: [...levels],
    refreshUserIds: [...new Set(refreshUserIds)],
  };
}
