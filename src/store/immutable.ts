/**
 * Freezes a stored value and everything it holds. A record is frozen once it enters a store, so
 * reads can hand out the stored object itself instead of a copy: a caller that tries to change it
 * gets a TypeError at the line that tried, and nothing stored changes.
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return Object.freeze(value);
}
