import { localDate, type IsoDate } from '../../domain/academic-year.js';
import type { AgendaTemplate } from '../../domain/agenda-template.js';
import { mayReadConcerns, type ConfidentialConcern } from '../../domain/concern.js';
import { NotAllowedError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import { visitDate } from '../../domain/visit.js';
import type { StoreReader } from '../ports/store.port.js';
import { allTemplateVersions } from '../visits/templates.js';

/**
 * A confidential concern as the concerns lead reads it: the stored record with the school, the visitor and
 * the visit named in words. Built only after `requireConcernsLead`, so nobody else ever holds one.
 */
export interface ConcernView {
  concernId: string;
  urn: string;
  schoolName: string;
  raisedByName: string;
  /** The day it was raised, in the bot's time zone. */
  raisedOn: IsoDate;
  /** The day of the visit it was raised at, and the visit's agenda ("SACRE RE visit"); unknown if the visit is gone. */
  visitDate?: IsoDate;
  visitType?: string;
  /** What the visitor wrote: for the lead's eyes only. */
  text: string;
  handled?: { on: IsoDate; byName: string; note?: string };
}

/** The card a concern is shown in (src/teams/cards/concern.card.ts): the lead's notice and `concerns` alike. */
export const CONCERN_CARD = 'concern';

/** The refusal every concern use case gives anyone but the concerns lead. */
export const ONLY_THE_CONCERNS_LEAD = 'Only the confidential-concerns lead can read confidential concerns.';

/**
 * Every use case here checks the person itself, whatever the Teams route or CLI already checked: a card
 * action can be replayed by someone else, and a refusal must come before anything is read.
 */
export function requireConcernsLead(person: Pick<Person, 'roles'>): void {
  if (!mayReadConcerns(person)) throw new NotAllowedError(ONLY_THE_CONCERNS_LEAD);
}

/** The concerns as the lead reads them, in the order given; reads the schools, people, visits and agendas once. */
export async function viewConcerns(
  store: StoreReader,
  tenantId: string,
  concerns: readonly ConfidentialConcern[],
  timeZone: string,
  builtIns: readonly AgendaTemplate[],
): Promise<ConcernView[]> {
  if (!concerns.length) return [];
  const [schools, people, visits, templates] = await Promise.all([
    store.find('schools', tenantId),
    store.find('people', tenantId),
    store.find('visits', tenantId),
    allTemplateVersions(store, tenantId, builtIns),
  ]);
  const schoolNames = new Map(schools.map((s) => [s.urn, s.name]));
  const names = new Map(people.map((p) => [p.id, p.name]));
  const visitsById = new Map(visits.map((v) => [v.id, v]));
  const templateNames = new Map(templates.map((t) => [t.id, t.name]));
  return concerns.map((c) => {
    const visit = visitsById.get(c.visitId);
    return {
      concernId: c.id,
      urn: c.schoolUrn,
      schoolName: schoolNames.get(c.schoolUrn) ?? `URN ${c.schoolUrn}`,
      raisedByName: names.get(c.raisedBy) ?? 'a visitor no longer registered',
      raisedOn: localDate(c.raisedAt, timeZone),
      visitDate: visit ? visitDate(visit, timeZone) : undefined,
      visitType: visit ? (templateNames.get(visit.templateId) ?? visit.templateId) : undefined,
      text: c.text,
      handled: c.handled && { on: localDate(c.handled.at, timeZone), byName: names.get(c.handled.by) ?? 'a former concerns lead', note: c.handled.note },
    };
  });
}
