import { mayReadPlan, type ActionPlan } from '../../domain/action-plan.js';
import type { AgendaTemplate } from '../../domain/agenda-template.js';
import { collectionNames, confidentialCollections, internalCollections, type CollectionName } from '../../domain/collections.js';
import { isConcernOf, type ConfidentialConcern } from '../../domain/concern.js';
import { nameItemsByTemplate, redactPlan, redactVisit } from '../../domain/export-redaction.js';
import type { Person } from '../../domain/person.js';
import { auditNamesPerson, namesPerson } from '../../domain/personal-data.js';
import type { School } from '../../domain/school.js';
import type { Visit } from '../../domain/visit.js';
import { WITHHELD, type AuditEvent } from '../../domain/audit.js';
import { allTemplateVersions } from '../visits/templates.js';
import type { Store } from '../ports/store.port.js';
import { personByEmail } from './person-by-email.js';

/** A subject access answer: the person's own record and every record naming them, one array per collection. */
export interface SubjectAccess {
  format: 'school-improvement-bot/subject-access';
  takenAt: string;
  person: Person;
  collections: Record<string, unknown[]>;
}

/**
 * Every record that names the person (`namesPerson`: their id, Entra id, e-mail or name), from one consistent
 * snapshot: their person record, the visits they wrote or that name them, plans, meetings, checks, notes, and the
 * audit events of what they did or that name them. Confidential concerns only where they are the lead's own (the
 * person is the concerns lead it belongs to), never one they raised or that names them, and no audit event about a
 * concern; even the lead's own are written without their text and the lead's note (`[withheld]`): a concern's words
 * are read in the lead's 1:1 chat alone, never in a file. Visits someone else wrote are redacted as in the export (other staff's names), since the answer is about
 * this person, not their colleagues. Action plans naming them (they wrote, agreed, changed or were named on one,
 * confirmed or queried a milestone) are included; an individual staff support plan only as the export holds it
 * (`redactPlan`: its frame, every word written in it redacted) unless they are its headteacher or officer, who read
 * it in full in Teams anyway. The bot's own plumbing (conversations, outbox, job runs) is left out.
 */
export async function subjectAccess(store: Store, tenantId: string, email: string, builtIns: readonly AgendaTemplate[], at: Date): Promise<SubjectAccess> {
  const person = await personByEmail(store, tenantId, email);
  const [dump, templates] = await Promise.all([store.dump(), allTemplateVersions(store, tenantId, builtIns)]);
  const nameItems = nameItemsByTemplate(templates);
  const ofTenant = (c: string) => ((dump.collections[c] ?? []) as { tenantId?: string; id: string }[]).filter((r) => r.tenantId === tenantId);
  const schools = new Map((ofTenant('schools') as unknown as School[]).map((s) => [s.urn, s]));
  /** A school plan is redacted by `redactPlan` in no case; an individual one is kept whole for its headteacher and officer. */
  const mayReadIndividual = (p: ActionPlan) => p.kind !== 'individual' || mayReadPlan(person, p, schools.get(p.urn) ?? { urn: p.urn });
  const skip = new Set<string>([...internalCollections, 'people', 'audit', ...confidentialCollections]);
  const collections: Record<string, unknown[]> = {};
  for (const c of collectionNames.filter((n: CollectionName) => !skip.has(n))) {
    const naming = ofTenant(c).filter((r) => namesPerson(r, person));
    if (!naming.length) continue;
    if (c === 'visits') collections[c] = (naming as Visit[]).map((v) => (v.visitorId === person.id ? v : redactVisit(v, nameItems.get(v.templateId) ?? new Set())));
    else if (c === 'actionPlans') collections[c] = (naming as ActionPlan[]).map((p) => (mayReadIndividual(p) ? p : redactPlan(p)));
    else collections[c] = naming;
  }
  const theirConcerns = (ofTenant('concerns') as unknown as ConfidentialConcern[]).filter((c) => isConcernOf(c, person));
  if (theirConcerns.length) collections.concerns = theirConcerns.map(withoutText);
  const audit = (ofTenant('audit') as unknown as AuditEvent[]).filter(
    (e) => !confidentialCollections.includes(e.collection) && (auditNamesPerson(e, person)),
  );
  if (audit.length) collections.audit = audit;
  return { format: 'school-improvement-bot/subject-access', takenAt: at.toISOString(), person, collections };
}

/** A concern as a file may hold it: when, which school, to whom, handled or not; never what was written. */
function withoutText(concern: ConfidentialConcern): ConfidentialConcern {
  return { ...concern, text: WITHHELD, ...(concern.handled ? { handled: { ...concern.handled, ...(concern.handled.note ? { note: WITHHELD } : {}) } } : {}) };
}
