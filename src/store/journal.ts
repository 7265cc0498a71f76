import { createHash } from 'node:crypto';
import { mkdir, stat, truncate, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { readIfExists, syncDirectory, writeAndSync } from './durable-file.js';
import type { Logger } from '../app/ports/logger.port.js';
import { readManifest, writeManifest, type Manifest } from './manifest.js';
import { parsePartitionKey, parseRow, rowKey, spaceOf, type PartitionKey, type Row, type StoreFiles } from './partition.js';
import { CorruptStoreError } from './store-errors.js';

/** How one partition changes in a commit: rows put (by identity) and removed, or, for a restore, replaced whole. */
export type PartitionChange = { put: Row[]; remove: string[] } | { replace: Row[] };

/**
 * One commit, written and synced before any partition is touched. A commit that spans several
 * partition files is thereby all or nothing: if the process dies while applying it, the next process
 * to take the lock replays it (applying a change twice gives the same rows), and if it dies while
 * writing the journal itself, the checksum shows the journal is incomplete and the commit never happened.
 */
export interface Journal {
  generation: number;
  partitions: Record<PartitionKey, PartitionChange>;
  /** Partitions to delete: idempotency days past keeping, or everything a restore does not bring back. */
  drop: PartitionKey[];
  /** A restore: afterwards the manifest lists exactly this journal's partitions. */
  replaceAll: boolean;
}

const JournalSchema = z.object({
  generation: z.number().int().positive(),
  partitions: z.record(
    z.string(),
    z.union([z.object({ put: z.array(z.unknown()), remove: z.array(z.string()) }), z.object({ replace: z.array(z.unknown()) })]),
  ),
  drop: z.array(z.string()),
  replaceAll: z.boolean(),
});

const checksum = (text: string) => createHash('sha256').update(text).digest('hex');

/** The journal's text: the commit as JSON on one line, then its SHA-256, so a torn write is recognised. */
export function journalText(journal: Journal): string {
  const body = JSON.stringify(journal);
  return `${body}\n${checksum(body)}\n`;
}

/**
 * Writes the journal in place and syncs it. The file is kept between commits (emptied, not removed),
 * so its folder needs syncing only when it is first created: one sync per commit, not three.
 */
export async function writeJournal(files: StoreFiles, journal: Journal): Promise<void> {
  const created = await stat(files.journal).then(() => false, () => true);
  if (created) await mkdir(files.folder, { recursive: true });
  await writeAndSync(files.journal, journalText(journal));
  if (created) await syncDirectory(files.folder);
}

/**
 * Marks the commit done by emptying the journal. Not synced: if a crash undoes the emptying, the
 * journal's generation is not above the manifest's, which tells `recover` it was already applied.
 */
export async function clearJournal(files: StoreFiles): Promise<void> {
  try {
    await truncate(files.journal, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/**
 * The journal a crashed commit left behind: `undefined` when there is none, `'torn'` when it was
 * never completely written (its checksum does not match), else the commit to replay.
 */
export async function readJournal(files: StoreFiles): Promise<Journal | 'torn' | undefined> {
  const text = await readIfExists(files.journal);
  if (!text) return undefined;
  const [body, sum] = text.split('\n');
  if (!body || sum !== checksum(body)) return 'torn';
  const parsed = JournalSchema.safeParse(JSON.parse(body));
  const bad = !parsed.success || [...Object.keys(parsed.data.partitions), ...parsed.data.drop].find((k) => !parsePartitionKey(k));
  if (!parsed.success || bad) throw new CorruptStoreError(files.journal, `it names ${bad ? `an unknown partition ${bad}` : 'no valid commit'}.`);
  const partitions: Record<PartitionKey, PartitionChange> = {};
  for (const [key, change] of Object.entries(parsed.data.partitions)) {
    const rows = (list: unknown[]) => list.map((r, i) => parseRow(key, r, `${key} row ${i + 1}`, files.journal));
    partitions[key] = 'replace' in change ? { replace: rows(change.replace) } : { put: rows(change.put), remove: change.remove };
  }
  return { ...parsed.data, partitions };
}

/** A partition's rows after a change: puts replace rows of the same identity in place, new ones go last. */
export function changedRows(key: PartitionKey, before: readonly Row[], change: PartitionChange): Row[] {
  if ('replace' in change) return change.replace;
  const space = spaceOf(key);
  const rows = new Map(before.map((r) => [rowKey(space, r), r]));
  for (const r of change.put) rows.set(rowKey(space, r), r);
  for (const k of change.remove) rows.delete(k);
  return [...rows.values()];
}

/** The manifest once the journal's commit is in: its partitions at the journal's generation, drops gone. */
export function manifestAfter(manifest: Manifest, journal: Journal): Manifest {
  const partitions = journal.replaceAll ? {} : { ...manifest.partitions };
  for (const key of journal.drop) delete partitions[key];
  for (const key of Object.keys(journal.partitions)) partitions[key] = journal.generation;
  return { ...manifest, generation: Math.max(manifest.generation, journal.generation), partitions };
}

/**
 * Applies a journal: the touched partition files and the manifest are replaced side by side (each
 * synced), dropped partitions deleted, then every folder involved synced once. The journal, synced
 * before, is what makes this all or nothing, so the files need no order among themselves.
 * `before` gives a partition's rows before the commit, from the cache, in a live commit. Replaying
 * after a crash, it is omitted: each partition is read from disk and left alone if its file already
 * carries the journal's generation (it was replaced before the crash).
 * Returns the new manifest and the rows written, for the cache.
 */
export async function applyJournal(
  files: StoreFiles,
  journal: Journal,
  manifest: Manifest,
  before?: (key: PartitionKey) => Promise<readonly Row[]>,
): Promise<{ manifest: Manifest; written: Map<PartitionKey, Row[]> }> {
  const written = new Map<PartitionKey, Row[]>();
  const next = manifestAfter(manifest, journal);
  const writeOne = async ([key, change]: [PartitionKey, PartitionChange]) => {
    let rows: readonly Row[] = [];
    if (before) {
      if (!('replace' in change)) rows = await before(key);
    } else {
      const onDisk = await files.readPartition(key);
      if (onDisk && onDisk.generation >= journal.generation) return;
      rows = onDisk?.rows ?? [];
    }
    const after = changedRows(key, rows, change);
    await files.writePartition(key, { generation: journal.generation, rows: after });
    written.set(key, after);
  };
  await Promise.all([...Object.entries(journal.partitions).map(writeOne), writeManifest(files.manifest, next, false)]);
  for (const key of journal.drop) {
    try {
      await unlink(files.partition(key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  const touched = [...Object.keys(journal.partitions), ...journal.drop].map((key) => dirname(files.partition(key)));
  await Promise.all([...new Set([...touched, dirname(files.manifest)])].map(syncDirectory));
  return { manifest: next, written };
}

/**
 * Finishes (or discards) a commit that a crashed process left, under the lock, before anything else:
 * a whole journal is replayed, a torn one dropped.
 */
export async function recoverJournal(files: StoreFiles, logger: Logger): Promise<void> {
  const journal = await readJournal(files);
  if (!journal) return;
  const manifest = await readManifest(files.manifest);
  if (journal === 'torn' || journal.generation < manifest.generation) {
    // Torn: the crash came before the commit was durable, so it never happened. Older than the
    // manifest: a finished commit whose emptied journal a crash brought back.
    if (journal === 'torn') logger.warn({ code: 'store-journal-torn', file: files.journal }, 'store discarded an incomplete commit');
    await clearJournal(files);
    return;
  }
  logger.warn({ code: 'store-journal-replayed', generation: journal.generation }, 'store finished an interrupted commit');
  await applyJournal(files, journal, manifest);
  await clearJournal(files);
}
