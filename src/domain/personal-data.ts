import type { Person } from './person.js';

/** How a person is named in stored records: their record id, e-mail, Entra object id and full name. */
export type Identity = Pick<Person, 'id' | 'email' | 'name'> & { aadObjectId?: string };

/** What erasure writes in place of an identity: stable for one person, so their records still read as one person's. */
export interface Placeholder {
  id: string;
  email: string;
  name: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The full name as a whole word: a short name is not found inside another word ("Al" in "total"). */
const wholeName = (name: string) => `(?<![\\p{L}\\p{N}])${escape(name)}(?![\\p{L}\\p{N}])`;

/**
 * Whether a value (a record, at any depth) names the person: a string equal to their id or Entra object id,
 * or holding their e-mail (any case) or their full name.
 */
export function namesPerson(value: unknown, who: Identity): boolean {
  const ids = new Set([who.id, who.aadObjectId].filter((x): x is string => !!x));
  const text = new RegExp(`${escape(who.email)}|${wholeName(who.name)}`, 'iu');
  const walk = (v: unknown): boolean => {
    if (typeof v === 'string') return ids.has(v) || text.test(v);
    if (Array.isArray(v)) return v.some(walk);
    if (v && typeof v === 'object') return Object.values(v).some(walk);
    return false;
  };
  return walk(value);
}

/**
 * The value with the person's identity replaced by the placeholder's, at any depth: a string equal to their id or
 * Entra object id becomes the placeholder id; their e-mail (any case) and full name, wherever they appear in a
 * string, the placeholder's. Keys listed in `keep` are left as they are at the top level.
 */
export function replaceIdentity<T>(value: T, who: Identity, placeholder: Placeholder, keep: readonly string[] = []): T {
  const ids = new Set([who.id, who.aadObjectId].filter((x): x is string => !!x));
  const email = new RegExp(escape(who.email), 'giu');
  const name = new RegExp(wholeName(who.name), 'giu');
  const walk = (v: unknown, top: boolean): unknown => {
    if (typeof v === 'string') return ids.has(v) ? placeholder.id : v.replace(email, placeholder.email).replace(name, placeholder.name);
    if (Array.isArray(v)) return v.map((x) => walk(x, false));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, top && keep.includes(k) ? x : walk(x, false)]));
    return v;
  };
  return walk(value, true) as T;
}

/** Whether an audit event is about the person: they made the change, it was to their person record, or its values name them. */
export function auditNamesPerson(event: { actor: string; recordId: string; before?: object; after?: object }, who: Identity): boolean {
  return event.actor === who.id || event.recordId === who.id || namesPerson([event.before, event.after], who);
}
