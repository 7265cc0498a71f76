import { z } from 'zod/v4';
import { IsoDateSchema } from './iso-date.js';
import { storedRecord } from './record.js';
import { UrnSchema } from './school.js';
import { addMonths, type IsoDate } from './academic-year.js';

/**
 * A `sacreVisitor` is a SACRE member who visits schools for the SACRE: they file SACRE RE visits only (once
 * trained) and see their own notes and the school list, nothing else of the schools.
 */
export const RoleSchema = z.enum(['admin', 'officer', 'sit', 'headteacher', 'governor', 'concernsLead', 'diocese', 'partnershipLead', 'sacreVisitor', 'headOfService', 'escMember']);
export type Role = z.infer<typeof RoleSchema>;

export const TrainingSchema = z.object({
  templateId: z.string().min(1),
  /** ISO date (YYYY-MM-DD) the training was done, where known. */
  date: IsoDateSchema.optional(),
});
export type Training = z.infer<typeof TrainingSchema>;

export const PersonSchema = storedRecord({
  /** Entra (Azure AD) object id: how Teams activities name the person. */
  aadObjectId: z.string().min(1).optional(),
  email: z.string().email().transform((e) => e.toLowerCase()),
  name: z.string().min(1),
  roles: z.array(RoleSchema).default(() => []),
  /** URNs of the schools the person's school-bound roles apply to (headteacher, governor, diocese). */
  schools: z.array(UrnSchema).default(() => []),
  trainedFor: z.array(TrainingSchema).default(() => []),
});
export type Person = z.infer<typeof PersonSchema>;

export function hasRole(person: Pick<Person, 'roles'>, ...roles: Role[]): boolean {
  return roles.some((r) => person.roles.includes(r));
}

/** The roles that make someone an officer: officers and SIT members do the visiting, health checks and judgements. */
export const OFFICER_ROLES: readonly Role[] = ['officer', 'sit'];

/** Officers and SIT members do the visiting, health checks and judgements. */
export function isOfficer(person: Pick<Person, 'roles'>): boolean {
  return hasRole(person, ...OFFICER_ROLES);
}

/** The roles that file visits: officers and SIT members any agenda (training allowing), SACRE visitors the SACRE's alone. */
export const VISITOR_ROLES: readonly Role[] = [...OFFICER_ROLES, 'sacreVisitor'];

/** Whether the person files visits of some kind (see `mayUseTemplate` for which agendas). */
export function filesVisits(person: Pick<Person, 'roles'>): boolean {
  return hasRole(person, ...VISITOR_ROLES);
}

export function isHeadteacherOf(person: Pick<Person, 'roles' | 'schools'>, urn: string): boolean {
  return person.roles.includes('headteacher') && person.schools.includes(urn);
}

export function isTrainedFor(person: Pick<Person, 'trainedFor'>, templateId: string): boolean {
  return person.trainedFor.some((t) => t.templateId === templateId);
}

/**
 * Where a person stands with their training for a template on a day (SACRE protocol: no visit without the
 * visitor's training). Training dated after `today` has not happened yet, so it does not count. Where the
 * template says how long training stays valid, training counts until that many months after its date
 * (it `expired` on that day) and undated training cannot be shown to be current (`undated`). The best of
 * several records wins: any current one, else the latest expired, else the earliest planned.
 */
export type TrainingStanding =
  | { kind: 'trained'; validUntil?: IsoDate }
  | { kind: 'none' }
  | { kind: 'future'; date: IsoDate }
  | { kind: 'expired'; expiredOn: IsoDate }
  | { kind: 'undated' };

export function trainingStanding(person: Pick<Person, 'trainedFor'>, templateId: string, today: IsoDate, validForMonths?: number): TrainingStanding {
  const records = person.trainedFor.filter((t) => t.templateId === templateId);
  if (!records.length) return { kind: 'none' };
  const done = records.filter((t) => !t.date || t.date <= today);
  if (!done.length) return { kind: 'future', date: records.map((t) => t.date!).sort()[0]! };
  if (validForMonths === undefined) return { kind: 'trained' };
  const expiries = done.flatMap((t) => (t.date ? [addMonths(t.date, validForMonths)] : [])).sort();
  const latest = expiries[expiries.length - 1];
  if (!latest) return { kind: 'undated' };
  return latest > today ? { kind: 'trained', validUntil: latest } : { kind: 'expired', expiredOn: latest };
}
