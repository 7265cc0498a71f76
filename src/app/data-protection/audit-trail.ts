import type { AuditEvent } from '../../domain/audit.js';
import { confidentialCollections, type CollectionName } from '../../domain/collections.js';
import { InvalidInputError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import { isExported } from '../../domain/export-redaction.js';
import { matchSchools, type School } from '../../domain/school.js';
import { auditNamesPerson } from '../../domain/personal-data.js';
import type { StoreReader } from '../ports/store.port.js';
import { personByEmail } from './person-by-email.js';

/** The collections whose records belong to one school, and the field holding its URN. */
const SCHOOL_FIELD: Partial<Record<CollectionName, string>> = {
  visits: 'schoolUrn',
  notes: 'schoolUrn',
  healthChecks: 'urn',
  selfEvaluations: 'urn',
  riskChanges: 'schoolUrn',
  strategyMeetings: 'schoolUrn',
  actionPlans: 'urn',
  raisingAchievementBoards: 'schoolUrn',
  annualFeedback: 'urn',
  // Digests are for a channel or a partnership, not one school: none belongs to a school's trail.
};

export interface AuditTrail {
  /** What the trail is of, in words: the school's name and URN, or the person's name and e-mail. */
  subject: string;
  /** Oldest first. Events about confidential concerns are never among them. */
  events: AuditEvent[];
  /** Who the actors are, by person record id, for the events that name a person rather than the CLI or a job. */
  actors: ReadonlyMap<string, Pick<Person, 'name' | 'email'>>;
}

const notConfidential = (e: AuditEvent) => !confidentialCollections.includes(e.collection);

async function withActors(store: StoreReader, tenantId: string, subject: string, events: AuditEvent[]): Promise<AuditTrail> {
  const people = await store.find('people', tenantId);
  const actors = new Map(people.map((p) => [p.id, { name: p.name, email: p.email }]));
  return { subject, events: events.filter(notConfidential).sort((a, b) => a.at.localeCompare(b.at)), actors };
}

/**
 * The audit trail of a school named by URN or (part of) its name, closed schools included: the changes to its
 * register entry and to every record held for it (visits, notes, health checks, self-evaluations, risk changes,
 * meetings, plans, boards, annual-feedback dates), deleted ones included where their event recorded the URN. As in
 * an export, a visit still planned or in draft is its visitor's alone: its events are left out until it is final.
 */
export async function schoolAuditTrail(store: StoreReader, tenantId: string, query: string): Promise<AuditTrail> {
  const matches = matchSchools(await store.find('schools', tenantId), query.trim());
  if (matches.length !== 1) {
    const why = matches.length ? `names ${matches.length} schools (${matches.slice(0, 5).map((s) => `${s.name} ${s.urn}`).join(', ')}): give its URN` : 'names no school in the register';
    throw new InvalidInputError(`"${query.trim()}" ${why}.`);
  }
  const school: School = matches[0]!;
  const ids = new Set<string>([school.id]);
  for (const [collection, field] of Object.entries(SCHOOL_FIELD)) {
    for (const r of await store.find(collection as CollectionName, tenantId)) if ((r as Record<string, unknown>)[field] === school.urn) ids.add(r.id);
  }
  const holdsUrn = (e: AuditEvent) => {
    const field = SCHOOL_FIELD[e.collection as CollectionName];
    return !!field && (e.before?.[field] === school.urn || e.after?.[field] === school.urn);
  };
  const drafts = new Set((await store.find('visits', tenantId)).filter((v) => !isExported(v)).map((v) => v.id));
  const isDraft = (e: AuditEvent) => e.collection === 'visits' && drafts.has(e.recordId);
  const events = (await store.find('audit', tenantId)).filter((e) => (ids.has(e.recordId) || holdsUrn(e)) && !isDraft(e));
  return withActors(store, tenantId, `${school.name} (${school.urn})`, events);
}

/** The audit trail of a person named by e-mail: what they did, and every change whose record or values name them. */
export async function personAuditTrail(store: StoreReader, tenantId: string, email: string): Promise<AuditTrail> {
  const person = await personByEmail(store, tenantId, email);
  const events = (await store.find('audit', tenantId)).filter((e) => auditNamesPerson(e, person));
  return withActors(store, tenantId, `${person.name} (${person.email})`, events);
}
