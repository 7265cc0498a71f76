import { localDate } from '../../domain/academic-year.js';
import { EARLY_YEARS_OR_SIXTH_FORM, healthCheckAreaTitle, overallRag, type HealthCheck } from '../../domain/health-check.js';
import type { Rag } from '../../domain/rag.js';
import type { Person } from '../../domain/person.js';
import type { School } from '../../domain/school.js';
import { isSchoolHeadteacher } from '../../domain/school-roles.js';
import type { Zone } from '../../domain/time-zone.js';

/** What the e-mails about a check tell the headteacher to do: `healthcheck` brings up the check with Acknowledge. */
export const HOW_TO_ACKNOWLEDGE = 'To acknowledge it, type healthcheck in your 1:1 chat with School Improvement Bot in Teams.';

/** A submitted health check as a person sees it: the summary card's data. */
export interface HealthCheckView {
  checkId: string;
  urn: string;
  schoolName: string;
  heldOn: string;
  officerName: string;
  overall: Rag;
  areas: Array<{ title: string; rating: Rag; evidence: string; requiredAction?: string; impactOfLastActions?: string }>;
  /** Areas the officer marked not applicable (the early years or sixth form, where the school has neither). */
  notApplicable: string[];
  status: 'awaitingAcknowledgement' | 'acknowledged';
  acknowledgedBy?: string;
  /** The day it was acknowledged, in TIMEZONE. */
  acknowledgedOn?: string;
  /** Only the school's headteacher, and only while it awaits acknowledgement. */
  canAcknowledge: boolean;
}

/** Builds the view of a check for one viewer: everyone sees the same content, only the headteacher gets the button. Days are read in `timeZone`. */
export function healthCheckView(
  check: HealthCheck,
  school: Pick<School, 'urn' | 'name' | 'headteacherEmail'>,
  names: ReadonlyMap<string, string>,
  viewer: Pick<Person, 'roles' | 'schools' | 'email'> | undefined,
  timeZone: Zone,
): HealthCheckView {
  return {
    checkId: check.id,
    urn: school.urn,
    schoolName: school.name,
    heldOn: check.heldOn,
    officerName: names.get(check.officerId) ?? 'an officer',
    overall: overallRag(check.areas),
    areas: check.areas.map((a) => ({
      title: healthCheckAreaTitle(a.area, check.earlyYearsOrSixthForm),
      rating: a.rating,
      evidence: a.evidence,
      requiredAction: a.requiredAction,
      impactOfLastActions: a.impactOfLastActions,
    })),
    notApplicable: check.earlyYearsOrSixthForm === 'notApplicable' ? [healthCheckAreaTitle(EARLY_YEARS_OR_SIXTH_FORM)] : [],
    status: check.status,
    acknowledgedBy: check.acknowledgement && (names.get(check.acknowledgement.personId) ?? 'the headteacher'),
    acknowledgedOn: check.acknowledgement && localDate(check.acknowledgement.at, timeZone),
    canAcknowledge: check.status === 'awaitingAcknowledgement' && !!viewer && isSchoolHeadteacher(viewer, school),
  };
}

/** Names of people by record id, for views that say who did what. */
export function namesOf(people: readonly Pick<Person, 'id' | 'name'>[]): Map<string, string> {
  return new Map(people.map((p) => [p.id, p.name]));
}
