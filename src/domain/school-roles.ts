import { isHeadteacherOf, isOfficer, type Person } from './person.js';
import type { School } from './school.js';

/**
 * Whether the person is this school's headteacher: a `headteacher` role naming the school's URN,
 * or the headteacher e-mail the school register holds for it (GIAS imports carry that e-mail).
 */
export function isSchoolHeadteacher(person: Pick<Person, 'roles' | 'schools' | 'email'>, school: Pick<School, 'urn' | 'headteacherEmail'>): boolean {
  return isHeadteacherOf(person, school.urn) || (!!school.headteacherEmail && person.email === school.headteacherEmail);
}

/**
 * Whether the person may read a school's health checks and self-evaluations: the local authority's officers
 * and SIT members, and that school's own headteacher. Nobody else (another school's head, a governor).
 */
export function maySeeSchoolReview(person: Pick<Person, 'roles' | 'schools' | 'email'>, school: Pick<School, 'urn' | 'headteacherEmail'>): boolean {
  return isOfficer(person) || isSchoolHeadteacher(person, school);
}

/** The school's headteacher among the people: the role holder first, else the person with the register's e-mail. */
export function headteacherOf<P extends Pick<Person, 'roles' | 'schools' | 'email'>>(school: Pick<School, 'urn' | 'headteacherEmail'>, people: readonly P[]): P | undefined {
  return (
    people.find((p) => isHeadteacherOf(p, school.urn)) ??
    (school.headteacherEmail ? people.find((p) => p.email === school.headteacherEmail) : undefined)
  );
}

/** The school's link officer among the people: the officer or SIT member with the school's link-officer e-mail. */
export function linkOfficerOf<P extends Pick<Person, 'roles' | 'email'>>(school: Pick<School, 'linkOfficerEmail'>, people: readonly P[]): P | undefined {
  return school.linkOfficerEmail ? people.find((p) => p.email === school.linkOfficerEmail && isOfficer(p)) : undefined;
}
