import { NotAllowedError } from '../../domain/errors.js';
import { isOfficer, type Person } from '../../domain/person.js';
import { visitDate, type Visit } from '../../domain/visit.js';
import type { StoreReader } from '../ports/store.port.js';
import { allTemplateVersions } from './templates.js';

/** How many finished visits `visits` shows. */
export const RECENT_VISITS = 10;

export interface VisitListRow {
  visitId: string;
  urn: string;
  schoolName: string;
  templateName: string;
  status: Visit['status'];
  /** The day it counts on (visited, submitted, declined or planned). */
  date: string;
}

export interface VisitList {
  /** Planned and draft visits, to resume: most recently touched first. */
  open: VisitListRow[];
  /** Submitted and declined visits, newest first, at most RECENT_VISITS. */
  recent: VisitListRow[];
}

/** `visits`: the officer's own visits still open (to resume) and their most recent finished ones. */
export async function listVisits(store: StoreReader, tenantId: string, actor: Person, timeZone: string): Promise<VisitList> {
  if (!isOfficer(actor)) throw new NotAllowedError('Only school improvement officers and SIT members file visits.');
  const [visits, schools, templates] = await Promise.all([store.find('visits', tenantId, { visitorId: actor.id }), store.find('schools', tenantId), allTemplateVersions(store, tenantId)]);
  const schoolNames = new Map(schools.map((s) => [s.urn, s.name]));
  const templateNames = new Map(templates.map((t) => [t.id, t.name]));
  const row = (v: Visit): VisitListRow => ({
    visitId: v.id,
    urn: v.schoolUrn,
    schoolName: schoolNames.get(v.schoolUrn) ?? `URN ${v.schoolUrn}`,
    templateName: templateNames.get(v.templateId) ?? v.templateId,
    status: v.status,
    date: visitDate(v, timeZone),
  });
  const open = visits.filter((v) => v.status === 'planned' || v.status === 'draft').sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const recent = visits
    .filter((v) => v.status === 'submitted' || v.status === 'declined')
    .map(row)
    .sort((a, b) => b.date.localeCompare(a.date))
    .slice(0, RECENT_VISITS);
  return { open: open.map(row), recent };
}
