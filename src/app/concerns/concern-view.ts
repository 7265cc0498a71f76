import { localDate, type IsoDate } from '../../domain/academic-year.js';
import type { AgendaTemplate } from '../../domain/agenda-template.js';
import { isConcernOf, mayReadConcerns, type ConfidentialConcern } from '../../domain/concern.js';
import { NotAllowedError, NotFoundError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import type { Zone } from '../../domain/time-zone.js';
import { visitDate, visitPlaceName } from '../../domain/visit.js';
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
  /** False for a concern raised on its own (`concern <school>`), with no visit note. */
  atVisit: boolean;
  /** The day of the visit it was raised at, and the visit's agenda ("SACRE RE visit"); unknown if the visit is gone. */
  visitDate?: IsoDate;
  visitType?: string;
  /** What the visitor wrote: for the lead's eyes only. */
  text: string;
  handled?: { on: IsoDate; byName: string; note?: string };
}

/** The card a concern is shown in (src/teams/cards/concern.card.ts): the lead's notice and `confidential` alike. */
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

/**
 * The lead's own concerns (raised to them, handed over to them, or raised while nobody held the role), newest
 * first. A former lead, or anyone else, gets the refusal before anything is read.
 */
export async function concernsOf(store: StoreReader, tenantId: string, actor: Pick<Person, 'id' | 'roles'>): Promise<ConfidentialConcern[]> {
  requireConcernsLead(actor);
  return (await store.find('concerns', tenantId)).filter((c) => isConcernOf(c, actor)).sort((a, b) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt));
}

/** One of the lead's concerns; another lead's (a concern handed over, or kept by a former lead) is refused as if it were absent. */
export async function concernOf(store: StoreReader, tenantId: string, actor: Pick<Person, 'id' | 'roles'>, concernId: string): Promise<ConfidentialConcern> {
  requireConcernsLead(actor);
  const concern = await store.get('concerns', tenantId, concernId);
  if (!concern) throw new NotFoundError('The concern', concernId);
  if (!isConcernOf(concern, actor)) throw new NotAllowedError(ONLY_THE_CONCERNS_LEAD);
  return concern;
}

/** The concerns as the lead reads them, in the order given; reads the schools, people, visits and agendas once. */
export async function viewConcerns(
  store: StoreReader,
  tenantId: string,
  concerns: readonly ConfidentialConcern[],
  timeZone: Zone,
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
    const visit = c.visitId ? visitsById.get(c.visitId) : undefined;
    return {
      concernId: c.id,
      // A concern from a visit to a partnership as a whole has no school: its cards say so where the URN goes.
      urn: c.schoolUrn ?? 'no school',
      schoolName: visitPlaceName(c, c.schoolUrn ? { name: schoolNames.get(c.schoolUrn) ?? `URN ${c.schoolUrn}` } : undefined),
      raisedByName: names.get(c.raisedBy) ?? 'a visitor no longer registered',
      raisedOn: localDate(c.raisedAt, timeZone),
      atVisit: c.visitId !== undefined,
      visitDate: visit ? visitDate(visit, timeZone) : undefined,
      visitType: visit ? (templateNames.get(visit.templateId) ?? visit.templateId) : undefined,
      text: c.text,
      handled: c.handled && { on: localDate(c.handled.at, timeZone), byName: names.get(c.handled.by) ?? 'a former concerns lead', note: c.handled.note },
    };
  });
}
