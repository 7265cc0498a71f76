import type { AgendaTemplate } from '../../domain/agenda-template.js';
import type { Person } from '../../domain/person.js';
import type { School } from '../../domain/school.js';
import type { Visit } from '../../domain/visit.js';
import type { StoreReader } from '../ports/store.port.js';
import { VISIT_INPUT, type VisitValues } from './visit-values.js';

/**
 * Who the school record knows for an attendee role an agenda suggests: the headteacher (by name in the register,
 * else the person registered with the headteacher's e-mail), the RE lead and the chair of governors (the people
 * registered with those e-mails). Any other role starts blank.
 */
export function knownAttendee(role: string, school: School, nameByEmail: ReadonlyMap<string, string>): string | undefined {
  const byEmail = (email: string | undefined) => (email ? nameByEmail.get(email) : undefined);
  const r = role.trim().toLowerCase();
  if (r === 'headteacher') return school.headteacherName ?? byEmail(school.headteacherEmail);
  if (r === 're lead') return byEmail(school.reLeadEmail);
  if (r === 'chair of governors') return byEmail(school.chairOfGovernorsEmail);
  return undefined;
}

/**
 * What a visit's agenda starts with before its visitor has saved anything there: the day of the visit is the planned
 * date (else today), and the attendees the school record knows. Once anything is saved, what was saved is shown as
 * it is (a name cleared stays cleared).
 */
export async function withOpeningDefaults(
  store: StoreReader,
  tenantId: string,
  visit: Pick<Visit, 'status' | 'plannedDate' | 'attendees'>,
  template: Pick<AgendaTemplate, 'attendees'>,
  school: School | undefined,
  values: VisitValues,
  today: string,
): Promise<VisitValues> {
  if (visit.status !== 'planned') return values;
  const out: VisitValues = { ...values };
  out[VISIT_INPUT.visitedDate] ||= visit.plannedDate ?? today;
  if (school && !visit.attendees.length && template.attendees.length) {
    const people: Person[] = await store.find('people', tenantId);
    const nameByEmail = new Map(people.map((p) => [p.email, p.name]));
    template.attendees.forEach((role, i) => {
      const name = knownAttendee(role, school, nameByEmail);
      if (name) out[VISIT_INPUT.attendee(i)] ||= name;
    });
  }
  return out;
}

/** The agenda this visitor used last at this school (their newest visit there), to offer first when they start another. */
export async function lastAgendaAt(store: StoreReader, tenantId: string, visitor: Pick<Person, 'id'>, urn: string): Promise<string | undefined> {
  const visits = await store.find('visits', tenantId, { visitorId: visitor.id });
  return visits.filter((v) => v.schoolUrn === urn).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0]?.templateId;
}

/** The visitor's open (planned or draft) visit with this agenda at this place, if any: starting it again resumes it. */
export function openVisitAt(visits: readonly Visit[], input: { urn?: string; partnership?: string; templateId: string }): Visit | undefined {
  return visits
    .filter((v) => (v.status === 'planned' || v.status === 'draft') && v.templateId === input.templateId)
    .filter((v) => (input.urn ? v.schoolUrn === input.urn : !v.schoolUrn && v.partnership === input.partnership))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
}
