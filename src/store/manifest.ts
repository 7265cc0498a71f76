import { Low } from 'lowdb';
import { z } from 'zod/v4';
import { DurableJsonFile } from './durable-file.js';
import { parsePartitionKey, type PartitionKey } from './partition.js';
import { CorruptStoreError, parseStoreJson } from './store-errors.js';

export const MANIFEST_FORMAT = 'school-improvement-bot/lowdb';

/**
 * The store's table of contents (the `DATA_FILE` itself): every partition with the generation of the
 * commit that last wrote it (its file or its last segment), the segments written beside each partition since
 * it was last rewritten (see segments.ts), and the generation of the latest commit. Every commit bumps the
 * generation, so a reader compares one number to learn whether another process has written since.
 */
export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  generation: number;
  partitions: Record<PartitionKey, number>;
  /** Each partition's segments, by generation, oldest first; a partition without any is not named. */
  segments: Record<PartitionKey, number[]>;
}

const emptyManifest = (): Manifest => ({ format: MANIFEST_FORMAT, generation: 0, partitions: {}, segments: {} });

const generation = z.number().int().nonnegative();

/**
 * Version 1 has no segments; a manifest that names segments is written as version 2, so that an earlier version of
 * the bot refuses the store rather than reading the partition files without them. One without is still version 1.
 */
const ManifestSchema = z.discriminatedUnion('version', [
  z.object({ format: z.literal(MANIFEST_FORMAT), version: z.literal(1), generation, partitions: z.record(z.string(), generation) }),
  z.object({
    format: z.literal(MANIFEST_FORMAT),
    version: z.literal(2),
    generation,
    partitions: z.record(z.string(), generation),
    segments: z.record(z.string(), z.array(generation)),
  }),
]);

export function parseManifest(text: string, file: string): Manifest {
  const json = parseStoreJson(text, file);
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) throw new CorruptStoreError(file, `it is not a ${MANIFEST_FORMAT} manifest of version 1 or 2.`);
  const { partitions } = parsed.data;
  const segments = parsed.data.version === 2 ? parsed.data.segments : {};
  const unknown = [...Object.keys(partitions), ...Object.keys(segments)].filter((k) => !parsePartitionKey(k));
  if (unknown.length) throw new CorruptStoreError(file, `it lists partitions this version does not know: ${unknown.slice(0, 5).join(', ')}.`);
  const unlisted = Object.keys(segments).find((k) => partitions[k] === undefined);
  if (unlisted) throw new CorruptStoreError(file, `it lists segments of ${unlisted}, which it does not list.`);
  // Oldest first, each past the one before, the last no later than the partition's own generation.
  const disordered = Object.keys(segments).find((k) => segments[k]!.some((g, i, all) => (i > 0 && g <= all[i - 1]!) || g > partitions[k]!));
  if (disordered) throw new CorruptStoreError(file, `its segments of ${disordered} are out of order.`);
  return { format: MANIFEST_FORMAT, generation: parsed.data.generation, partitions, segments };
}

/** The manifest as written: version 2 with its segments when it has any, else version 1 as earlier versions wrote it. */
function stringifyManifest({ format, generation, partitions, segments }: Manifest): string {
  const written = Object.keys(segments).length ? { format, version: 2, generation, partitions, segments } : { format, version: 1, generation, partitions };
  return `${JSON.stringify(written, null, 1)}\n`;
}

/** A lowdb database over the manifest file: null data when no store has been written yet. */
export function manifestDb(file: string, syncDir = true): Low<Manifest | null> {
  return new Low<Manifest | null>(new DurableJsonFile<Manifest | null>(file, parseManifest, (m) => stringifyManifest(m!), syncDir), null);
}

export async function readManifest(file: string): Promise<Manifest> {
  const db = manifestDb(file);
  await db.read();
  return db.data ?? emptyManifest();
}

/** Replaces the manifest; `syncDir` false when the caller syncs its folder along with others. */
export async function writeManifest(file: string, manifest: Manifest, syncDir = true): Promise<void> {
  const db = manifestDb(file, syncDir);
  db.data = manifest;
  await db.write();
}
