import { Low } from 'lowdb';
import { z } from 'zod';
import { DurableJsonFile } from './durable-file.js';
import { parsePartitionKey, type PartitionKey } from './partition.js';
import { CorruptStoreError, parseStoreJson } from './store-errors.js';

export const MANIFEST_FORMAT = 'school-improvement-bot/lowdb';

/**
 * The store's table of contents (the `DATA_FILE` itself): every partition with the generation of the
 * commit that last wrote it, and the generation of the latest commit. Every commit bumps the
 * generation, so a reader compares one number to learn whether another process has written since.
 */
export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  version: 1;
  generation: number;
  partitions: Record<PartitionKey, number>;
}

export const emptyManifest = (): Manifest => ({ format: MANIFEST_FORMAT, version: 1, generation: 0, partitions: {} });

const ManifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  version: z.literal(1),
  generation: z.number().int().nonnegative(),
  partitions: z.record(z.string(), z.number().int().nonnegative()),
});

export function parseManifest(text: string, file: string): Manifest {
  const json = parseStoreJson(text, file);
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) throw new CorruptStoreError(file, `it is not a ${MANIFEST_FORMAT} version 1 manifest.`);
  const unknown = Object.keys(parsed.data.partitions).filter((k) => !parsePartitionKey(k));
  if (unknown.length) throw new CorruptStoreError(file, `it lists partitions this version does not know: ${unknown.slice(0, 5).join(', ')}.`);
  return parsed.data as Manifest;
}

/** A lowdb database over the manifest file: null data when no store has been written yet. */
export function manifestDb(file: string, syncDir = true): Low<Manifest | null> {
  return new Low<Manifest | null>(new DurableJsonFile<Manifest | null>(file, parseManifest, (m) => `${JSON.stringify(m, null, 1)}\n`, syncDir), null);
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
