import type { AgendaTemplate } from '../../domain/agenda-template.js';
import { NotAllowedError } from '../../domain/errors.js';
import { filesVisits, type Person } from '../../domain/person.js';
import { isSchoolHeadteacher } from '../../domain/school-roles.js';
import { visitDate, visitPlaceName, type Visit } from '../../domain/visit.js';
import type { Zone } from '../../domain/time-zone.js';
import type { StoreReader } from '../ports/store.port.js';
import { allTemplateVersions } from './templates.js';

/** How many finished visits `visits` shows. */
export const RECENT_VISITS = 10;

export interface VisitListRow {
  visitId: string;
  /** The school seen; none for a visit to a partnership as a whole. */
  urn?: string;
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

/** `visits`: the visitor's own visits still open (to resume) and their most recent finished ones; nobody else's. */
export async function listVisits(store: StoreReader, tenantId: string, actor: Person, timeZone: Zone, builtIns: readonly AgendaTemplate[]): Promise<VisitList> {
  if (!filesVisits(actor)) throw new NotAllowedError('Only school improvement officers, SIT members and SACRE visitors file visits.');
  const [visits, schools, templates] = await Promise.all([store.find('visits', tenantId, { visitorId: actor.id }), store.find('schools', tenantId), allTemplateVersions(store, tenantId, builtIns)]);
  const schoolsByUrn = new Map(schools.map((s) => [s.urn, s]));
  const templateNames = new Map(templates.map((t) => [t.id, t.name]));
  const row = (v: Visit): VisitListRow => ({
    visitId: v.id,
    urn: v.schoolUrn,
    schoolName: visitPlaceName(v, v.schoolUrn ? schoolsByUrn.get(v.schoolUrn) : undefined),
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

/** One of the school's copies, as its headteacher sees it in `visits`. */
export interface SchoolCopyRow {
  visitId: string;
  urn: string;
  schoolName: string;
  templateName: string;
  /** The day of the visit, in the configured time zone. */
  date: string;
  /** Whether the copy still waits for the headteacher's Accurate or Dispute, or how they answered it. */
  answer: 'awaiting' | 'accurate' | 'disputed';
}

export interface SchoolCopyList {
  /** Copies waiting for the headteacher's answer, newest first. */
  awaiting: SchoolCopyRow[];
  /** Copies already answered, newest first, at most RECENT_VISITS. */
  answered: SchoolCopyRow[];
}

/** What `visits` shows: an officer's own visits, or a headteacher's copies of their school's visit notes. */
export type VisitsView = { kind: 'visitor'; list: VisitList } | { kind: 'school'; list: SchoolCopyList };

/**
 * The school's copies of its visit notes for its headteacher (by role or by the register's e-mail): every
 * submitted note, listed as soon as it is submitted (its copy may still be on its way), those still awaiting their Accurate or Dispute first. This is where
 * the copy's e-mail sends a headteacher Teams could not reach.
 */
export async function listSchoolCopies(store: StoreReader, tenantId: string, actor: Person, timeZone: Zone, builtIns: readonly AgendaTemplate[]): Promise<SchoolCopyList> {
  const schools = (await store.find('schools', tenantId)).filter((s) => isSchoolHeadteacher(actor, s));
  if (!schools.length) throw new NotAllowedError("Only officers, SIT members and a school's headteacher have visit notes to see here.");
  const [visitsBySchool, templates] = await Promise.all([Promise.all(schools.map((s) => store.find('visits', tenantId, { schoolUrn: s.urn }))), allTemplateVersions(store, tenantId, builtIns)]);
  const templateNames = new Map(templates.map((t) => [t.id, t.name]));
  const rows = schools
    .flatMap((school, i) =>
      visitsBySchool[i]!.filter((v) => v.status === 'submitted').map(
        (v): SchoolCopyRow => ({
          visitId: v.id,
          urn: school.urn,
          schoolName: school.name,
          templateName: templateNames.get(v.templateId) ?? v.templateId,
          date: visitDate(v, timeZone),
          answer: v.schoolResponse?.verdict ?? 'awaiting',
        }),
      ),
    )
    .sort((a, b) => b.date.localeCompare(a.date));
  return { awaiting: rows.filter((r) => r.answer === 'awaiting'), answered: rows.filter((r) => r.answer !== 'awaiting').slice(0, RECENT_VISITS) };
}

/** `visits`: officers, SIT members and SACRE visitors get their own visits; anyone else, the copies of the schools they head. */
export async function visitsFor(store: StoreReader, tenantId: string, actor: Person, timeZone: Zone, builtIns: readonly AgendaTemplate[]): Promise<VisitsView> {
  if (filesVisits(actor)) return { kind: 'visitor', list: await listVisits(store, tenantId, actor, timeZone, builtIns) };
  return { kind: 'school', list: await listSchoolCopies(store, tenantId, actor, timeZone, builtIns) };
}
