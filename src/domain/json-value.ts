/**
 * Whether two values read the same as JSON: a key holding `undefined` is no key at all, and an object's keys may
 * come in any order. Compared in place rather than by serialising both, as the audit does for every field of every
 * record a unit changes and the bot for a person's conversation reference on every message.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((v, i) => sameJson(v, (b as unknown[])[i]));
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x).filter((k) => x[k] !== undefined);
  return keys.length === Object.keys(y).filter((k) => y[k] !== undefined).length && keys.every((k) => sameJson(x[k], y[k]));
}

/** What `plainCopy` gives back for a value JSON would change or refuse: the caller then lets JSON copy the whole. */
const NOT_PLAIN = Symbol('not plain JSON');

function plainCopy(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  // JSON writes -0 as 0.
  if (typeof value === 'number') return Number.isFinite(value) ? (value === 0 ? 0 : value) : NOT_PLAIN;
  if (typeof value !== 'object') return NOT_PLAIN;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      const copied = item === undefined ? NOT_PLAIN : plainCopy(item);
      if (copied === NOT_PLAIN) return NOT_PLAIN;
      out.push(copied);
    }
    return out;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    const copied = key === '__proto__' ? NOT_PLAIN : plainCopy(item);
    if (copied === NOT_PLAIN) return NOT_PLAIN;
    out[key] = copied;
  }
  return out;
}

/**
 * A copy of a value as JSON would give it back (`JSON.parse(JSON.stringify(value))`): a key holding `undefined` is
 * dropped. Data read from JSON (a Teams activity's accounts and conversation) is copied directly, without writing
 * and reading text, since the bot copies a conversation reference on every message; anything else (a date, a
 * class, a number JSON cannot hold) is left to JSON, so the copy is the same either way.
 */
export function jsonCopy<T>(value: T): T {
  const copied = plainCopy(value);
  return (copied === NOT_PLAIN ? JSON.parse(JSON.stringify(value)) : copied) as T;
}
