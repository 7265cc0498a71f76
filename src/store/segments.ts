import { readdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ignoreMissing, syncDirectory } from './durable-file.js';
import type { PartitionChange } from './journal.js';
import { rowKey, segmentFile, spaceOf, type PartitionData, type PartitionKey, type Row, type Space, type StoreFiles } from './partition.js';
import { CorruptStoreError } from './store-errors.js';
import type { TimeSlices } from './time-slices.js';

/**
 * Segments: what a fold adds to a partition without rewriting it. A month's partition file grows all month (the
 * audit trail most: several events a press), and rewriting it whole at every fold made each fold cost the whole
 * month so far. So when the commits since the last fold only added rows to a partition already on disk (records at
 * their first version, idempotency entries), the fold writes just those rows to a segment file beside it
 * (`audit/2026-12+4180.json`, named by the generation of the last commit it holds, in the partition's own format,
 * checksum and all), and the manifest lists it. A reader takes the partition file, then each segment newer than it.
 *
 * A fold rewrites the partition whole (and deletes its segments) when a commit changed or removed a record there
 * (so no earlier version, such as a name since erased or a remark since edited out, stays on disk past the fold),
 * when the partition is new, or once its segments are as large as the partition file or number `MAX_SEGMENTS`.
 */
export const MAX_SEGMENTS = 16;

/** A change as a reader composes it over a partition's rows: from the journal, or a segment's rows. */
export interface PartitionStep {
  generation: number;
  change: PartitionChange;
}

/** A segment's rows as a step over the partition. */
const segmentStep = (segment: PartitionData): PartitionStep => ({ generation: segment.generation, change: { put: segment.rows, remove: [] } });

/**
 * A partition's rows as `base` (its file, if any) and the steps after it make them, in the partition's order: a row
 * put again keeps its place, a new one comes last. Steps at or below the base's generation are in it already.
 */
export function composeRows(space: Space, base: PartitionData | undefined, steps: readonly PartitionStep[]): Row[] {
  let rows = new Map<string, Row>((base?.rows ?? []).map((r) => [rowKey(space, r), r]));
  for (const { generation, change } of steps) {
    if (generation <= (base?.generation ?? 0)) continue;
    if ('replace' in change) {
      rows = new Map(change.replace.map((r) => [rowKey(space, r), r]));
      continue;
    }
    for (const row of change.put) rows.set(rowKey(space, row), row);
    for (const k of change.remove) rows.delete(k);
  }
  return [...rows.values()];
}

/**
 * A partition as its file and its segments newer than the file make it (the manifest lists `segments`, oldest
 * first). A file or a listed segment that is missing means the store is damaged.
 */
export async function readWithSegments(files: StoreFiles, key: PartitionKey, segments: readonly number[], slices?: TimeSlices): Promise<PartitionData> {
  const base = await files.readPartition(key, slices);
  if (!base) throw new CorruptStoreError(files.partition(key), 'the manifest lists it but the file is missing.');
  // A segment at or below the file's generation is in it: the file was rewritten by a fold that died before its manifest swap.
  const newer = segments.filter((g) => g > base.generation);
  if (!newer.length) return base;
  const steps: PartitionStep[] = [];
  for (const generation of newer) {
    const segment = await files.readPartition(key, slices, generation);
    if (!segment) throw new CorruptStoreError(files.segment(key, generation), 'the manifest lists it but the file is missing.');
    if (segment.generation !== generation) throw new CorruptStoreError(files.segment(key, generation), `it holds commit ${segment.generation}, not ${generation} as its name says.`);
    steps.push(segmentStep(segment));
  }
  return { generation: newer[newer.length - 1]!, rows: composeRows(spaceOf(key), base, steps) };
}

const sizeOf = (file: string): Promise<number> => stat(file).then((s) => s.size);

/**
 * Whether a fold may add a segment to the partition rather than rewrite it: it is on disk, has fewer than
 * `MAX_SEGMENTS` segments, and they are smaller together than its file.
 */
export async function mayAddSegment(partitionFile: string, segments: readonly number[]): Promise<boolean> {
  if (segments.length >= MAX_SEGMENTS) return false;
  try {
    const [base, ...added] = await Promise.all([sizeOf(partitionFile), ...segments.map((g) => sizeOf(segmentFile(partitionFile, g)))]);
    return added.reduce((a, b) => a + b, 0) < base!;
  } catch (e) {
    // A file gone (a segment a rewrite left behind and then deleted): rewriting the partition whole puts it right.
    ignoreMissing(e);
    return false;
  }
}

/**
 * Deletes the segment files beside a partition the fold rewrote whole or deleted, those the manifest listed and any
 * a fold that died before its manifest swap left behind (a temporary one too). Only the fold lock's holder writes segments, so none is
 * being written meanwhile; the caller holds the commit lock too, so no reader is between the manifest and the files.
 */
export async function deleteSegments(partitionFile: string): Promise<void> {
  const name = basename(partitionFile, '.json');
  const folder = dirname(partitionFile);
  const mine = new RegExp(`^${name.replace(/[-]/g, '\\-')}\\+\\d+\\.json(\\.tmp)?$`);
  const files = await readdir(folder).catch((e: unknown) => (ignoreMissing(e), [] as string[]));
  const gone = files.filter((f) => mine.test(f));
  if (!gone.length) return;
  await Promise.all(gone.map((f) => unlink(join(folder, f)).catch(ignoreMissing)));
  // Synced: a segment back after a power cut would not be read, but could still hold what a rewrite took out (an erased name).
  await syncDirectory(folder);
}
