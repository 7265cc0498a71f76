import type { StoreDump } from '../app/ports/store.port.js';

/** "123 records in 4 collections", counting only collections that hold records. */
export function describeDump(dump: StoreDump): string {
  const sizes = Object.values(dump.collections).map((rows) => rows.length);
  const records = sizes.reduce((a, b) => a + b, 0);
  const collections = sizes.filter(Boolean).length;
  return `${records} record${records === 1 ? '' : 's'} in ${collections} collection${collections === 1 ? '' : 's'}`;
}
