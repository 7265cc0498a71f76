import type { Person, Role, Training } from '../../domain/person.js';
import { isOpen } from '../../domain/school.js';
import type { AgendaTemplate } from '../../domain/agenda-template.js';
import type { StoreReader } from '../ports/store.port.js';
import { listTemplates } from '../visits/templates.js';

export interface PersonSchool {
  urn: string;
  /** The school's name, or undefined when the URN is not in the school register. */
  name?: string;
  /** How the person is tied to it: their own school list, or the register naming them link officer or headteacher. */
  as: 'listed' | 'link officer' | 'headteacher';
}

export interface PersonDescription {
  name: string;
  email: string;
  roles: Role[];
  schools: PersonSchool[];
  /** Each training record with the name of the agenda it is for (its id when no template has it). */
  training: Array<Training & { templateName: string }>;
}

/**
 * What the bot knows about a person (`whoami`): roles, the schools they are tied to, by name and URN,
 * and the visit types they are trained for. Closed schools are left out: no work comes from them.
 */
export async function describePerson(store: StoreReader, tenantId: string, person: Person, builtIns: readonly AgendaTemplate[] = []): Promise<PersonDescription> {
  const [all, templates] = await Promise.all([store.find('schools', tenantId), listTemplates(store, tenantId, builtIns)]);
  const templateNames = new Map(templates.map((t) => [t.id, t.name]));
  const closed = new Set(all.filter((s) => !isOpen(s)).map((s) => s.urn));
  const register = all.filter(isOpen);
  const byUrn = new Map(register.map((s) => [s.urn, s]));
  const schools: PersonSchool[] = person.schools.filter((urn) => !closed.has(urn)).map((urn) => ({ urn, name: byUrn.get(urn)?.name, as: 'listed' }));
  const listed = new Set(person.schools);
  for (const s of register) {
    if (listed.has(s.urn)) continue;
    if (s.headteacherEmail === person.email) schools.push({ urn: s.urn, name: s.name, as: 'headteacher' });
    else if (s.linkOfficerEmail === person.email) schools.push({ urn: s.urn, name: s.name, as: 'link officer' });
  }
  schools.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.urn.localeCompare(b.urn));
  return { name: person.name, email: person.email, roles: person.roles, schools, training: person.trainedFor.map((t) => ({ ...t, templateName: templateNames.get(t.templateId) ?? t.templateId })) };
}
