import { z } from 'zod/v4';
import { collectionNames, collectionSchemas, type CollectionName } from '../domain/collections.js';
import { InvalidInputError } from '../domain/errors.js';
import type { RecordMeta } from '../domain/record.js';
import type { StoreDump } from '../app/ports/store.port.js';
import { worded } from '../domain/issue-wording.js';

const DumpEnvelope = z.object({
  format: z.literal('school-improvement-bot/backup'),
  version: z.literal(1),
  takenAt: z.string(),
  collections: z.record(z.string(), z.array(z.unknown())),
});

/**
 * Validates a backup in full before anything is replaced: the envelope, then every record against its
 * collection's schema. The first problem is reported with the collection and position, so an
 * administrator can find it.
 */
export function parseDump(input: unknown): Record<CollectionName, RecordMeta[]> {
  const envelope = DumpEnvelope.safeParse(input);
  if (!envelope.success) throw new InvalidInputError('This is not a School Improvement Bot backup (format, version or collections missing).');
  const dump = envelope.data as StoreDump;
  const unknown = Object.keys(dump.collections).filter((c) => !(collectionNames as string[]).includes(c));
  if (unknown.length) throw new InvalidInputError(`The backup holds collections this version does not know: ${unknown.join(', ')}.`);
  const out = {} as Record<CollectionName, RecordMeta[]>;
  for (const c of collectionNames) {
    const rows = dump.collections[c] ?? [];
    out[c] = rows.map((row, i) => {
      const r = collectionSchemas[c].safeParse(row, worded);
      if (!r.success) {
        const issue = r.error.issues[0]!;
        throw new InvalidInputError(`The backup's ${c} record ${i + 1} is invalid: ${issue.path.join('.') || 'record'}: ${issue.message}.`);
      }
      return r.data as RecordMeta;
    });
  }
  return out;
}
