import type { Logger } from '../app/ports/logger.port.js';
import { foldedManifest, Unfolded, unsegmented, writePartitions, type FoldPlan } from './fold.js';
import { frameEntry, JournalFile, type JournalEntry, type JournalRead, type JournalStat } from './journal.js';
import { JournalStage, type StagedJournal } from './journal-stage.js';
import { startJournal } from './journal-start.js';
import { readManifest, writeManifest, type Manifest } from './manifest.js';
import { spaceOf, type PartitionData, type PartitionKey, type Row, type Space, type StoreFiles } from './partition.js';
import { PartitionCache } from './partition-cache.js';
import { CorruptStoreError } from './store-errors.js';
import { composeRows, deleteSegments, mayAddSegment, readWithSegments } from './segments.js';
import { TimeSlices } from './time-slices.js';
import type { LockLease } from './lowdb-lock.js';

/**
 * The named steps of a commit and of a fold, in order. A commit is `appended` (its entry written to
 * the journal), `synced` (fdatasync returned: durable), then `acknowledged` (its units answered). A fold
 * is `folded` (every partition changed since the last fold rewritten and synced), `manifest-swapped`
 * (the manifest now names the last folded commit) and `journal-reset` (a new journal, holding only the commits made
 * since the fold began, renamed over the old).
 */
export type CommitStep = 'appended' | 'synced' | 'acknowledged' | 'folded' | 'manifest-swapped' | 'journal-reset';

/** Called after each step; a test makes it throw, or kill the process, to stop a commit exactly there. */
export type StepHook = (step: CommitStep) => void | Promise<void>;

/**
 * What one process knows of the store on disk, and the moves that keep it true: the manifest (what
 * the partition files hold), the journal read so far (file identity and offset), the cache, and which
 * partitions the journal has changed since the last fold. Its moves run inside the store's queue, under the
 * inter-process commit lock, except `catchUpUnlocked` (in the queue, without the lock) and a fold's `writeFold`
 * and `swapManifest` (outside the queue, under the fold lock alone, so commits go on meanwhile).
 */
export class JournalledState {
  readonly cache = new PartitionCache();
  manifest: Manifest | undefined;
  /** The generation of the last commit applied to the cache. */
  generation = 0;
  private readonly journal: JournalFile;
  private readonly staging: JournalStage;
  private position: { ino: number; id: string; offset: number; headerLength: number } | undefined;
  /** The journal's stat taken before the last complete catch-up: while it is unchanged, nothing new is on disk. */
  private seen: JournalStat | undefined;
  /** What the commits since the last fold changed. */
  private readonly unfolded = new Unfolded();

  constructor(
    readonly files: StoreFiles,
    private readonly logger: Logger,
    private readonly step: StepHook,
  ) {
    this.journal = new JournalFile(files.journal, files.folder);
    this.staging = new JournalStage(this.journal);
  }

  /** Bytes of commits in the journal not yet folded into the partition files. */
  unfoldedBytes(): number {
    return this.position ? this.position.offset - this.position.headerLength : 0;
  }

  /** Whether the journal is as this process last saw it after catching up (the cheap check before a read). */
  isCurrent(stat: JournalStat | undefined): boolean {
    const seen = this.seen;
    return !!stat && !!seen && stat.ino === seen.ino && stat.size === seen.size && stat.mtimeNs === seen.mtimeNs;
  }

  statJournal(): JournalStat | undefined {
    return this.journal.stat();
  }

  /**
   * Outside the lock: reads the commits other processes appended since this one last looked.
   * False when that is not enough (the journal was folded and started again, or a commit is half
   * written): the caller then catches up under the lock.
   */
  async catchUpUnlocked(): Promise<boolean> {
    const stat = this.journal.stat();
    if (!stat || !this.position || stat.ino !== this.position.ino) return false;
    // What changed was this process's own commit, finished while the caller waited its turn: nothing to read.
    if (this.isCurrent(stat)) return true;
    const read = await this.readOn();
    if (read === 'moved' || read.tail !== 'none') return false;
    this.seen = stat;
    return true;
  }

  /** Under the lock: brings the cache up to the last commit on disk, cutting a torn tail off the journal. */
  async catchUp(): Promise<void> {
    const stat = this.journal.stat();
    // Unchanged since this process last caught up or committed: nothing new to read (the check reads already rely on).
    if (this.position && this.isCurrent(stat)) return;
    if (!stat) await startJournal(this.files, this.journal, this.logger);
    let read = stat && this.position && stat.ino === this.position.ino ? await this.readOn() : 'moved';
    if (read === 'moved') read = await this.reload();
    this.seen = stat;
    if (read.tail === 'none') return;
    // Under the lock nobody is writing: a partial or unreadable last entry is a commit a crash tore. Never acknowledged, never applied.
    this.logger.warn({ code: 'store-journal-torn', file: this.files.journal, at: read.end }, 'store cut an incomplete commit off its journal');
    await this.journal.cut(read.end);
  }

  /** The commits appended since this process last read, if the journal is still the one it was reading. */
  private async readOn(): Promise<JournalRead | 'moved'> {
    const position = this.position!;
    const read = await this.journal.readFrom(position.offset, position.id);
    if (read === 'moved') return read;
    this.applyAll(read.entries);
    position.offset = read.end;
    return read;
  }

  /**
   * Reads the journal from its start, after another process folded it (or on first use): the manifest
   * first, then every cached partition the fold changed is read again, then the journal's commits.
   */
  private async reload(): Promise<JournalRead> {
    const journal = await this.journal.readAll();
    const manifest = await readManifest(this.files.manifest);
    if (journal.header.base > manifest.generation) {
      throw new CorruptStoreError(this.files.journal, `it starts after commit ${journal.header.base}, but the manifest names ${manifest.generation}.`);
    }
    this.cache.clearPending();
    this.unfolded.clear();
    // A cached partition older than its file is read again; one newer (changed by commits made while the fold ran) is kept.
    const stale = this.cache.cachedPartitions().filter((key) => {
      const listed = manifest.partitions[key];
      return listed === undefined ? this.cache.generationOf(key)! <= manifest.generation : this.cache.generationOf(key)! < listed;
    });
    for (const key of stale) this.cache.drop(key);
    this.manifest = manifest;
    this.generation = manifest.generation;
    for (const space of this.cache.loadedSpaces()) await this.readPartitions(space);
    this.position = { ino: journal.ino, id: journal.header.id, offset: journal.read.end, headerLength: journal.header.length };
    this.applyAll(journal.read.entries);
    return journal.read;
  }

  private applyAll(entries: readonly JournalEntry[]): void {
    for (const entry of entries) {
      if (entry.generation <= this.generation) continue; // folded already: a crash came between the manifest swap and the journal reset
      if (entry.generation !== this.generation + 1) throw new CorruptStoreError(this.files.journal, `commit ${this.generation + 1} is missing (the next is ${entry.generation}).`);
      this.cache.apply(entry);
      this.unfolded.track(entry);
      this.generation = entry.generation;
    }
  }

  /** Every partition of the space, as the manifest and the unfolded journal make it. */
  async loadSpace(space: Space): Promise<void> {
    if (this.cache.isLoaded(space)) return;
    await this.readPartitions(space);
    this.cache.markLoaded(space);
  }

  private async readPartitions(space: Space): Promise<void> {
    const listed = this.unfolded.listed(this.manifest!).filter((k) => spaceOf(k) === space);
    const keys = [...new Set([...listed, ...this.cache.pendingKeys(space)])].filter((k) => this.cache.generationOf(k) === undefined);
    await Promise.all(keys.map((key) => this.loadPartition(key)));
  }

  private async loadPartition(key: PartitionKey): Promise<void> {
    this.cache.loadPartition(key, await this.readListed(key));
  }

  /** The partition's file and its segments, if the manifest lists it (undefined for a partition so far only in the journal). */
  private async readListed(key: PartitionKey, slices?: TimeSlices): Promise<PartitionData | undefined> {
    const manifest = this.manifest!;
    if (this.unfolded.replaced || manifest.partitions[key] === undefined) return undefined;
    const data = await readWithSegments(this.files, key, manifest.segments[key] ?? [], slices);
    // Older than the manifest says: the commits it lacks are no longer in the journal (a copy put back by hand?).
    if (data.generation < manifest.partitions[key]!) {
      throw new CorruptStoreError(this.files.partition(key), `it holds commit ${data.generation}, but the manifest says ${manifest.partitions[key]}.`);
    }
    return data;
  }

  /** The space's partitions on disk or in the journal, less those dropped. */
  partitionsOf(space: Space): PartitionKey[] {
    const changed = this.unfolded.changes().map(([key]) => key);
    return [...new Set([...this.unfolded.listed(this.manifest!), ...changed])].filter((k) => spaceOf(k) === space && !this.unfolded.isDropped(k));
  }

  /**
   * Appends one commit to the journal and syncs it: from `synced` on, it is durable. Only then does the cache take it,
   * which reads answered from the cache while the lock is held rely on (`LowdbStore.answersNow`).
   */
  async commit(entry: JournalEntry, lease: LockLease): Promise<void> {
    lease.assertHeld();
    const frame = frameEntry(entry);
    await this.journal.append(frame, () => Promise.resolve(this.step('appended')), this.position!.ino);
    this.position!.offset += frame.length;
    await this.step('synced');
    this.applyAll([entry]);
    // Under the lock the journal holds exactly what the cache now has: reads need not read back this process's own commit.
    this.seen = this.journal.stat();
  }

  /**
   * A fold, first part, under the lock: what it will write, as of the last commit. The rows are the
   * cached (frozen) records themselves, so taking them costs an array per partition, not a copy.
   */
  async planFold(): Promise<FoldPlan | undefined> {
    if (this.unfoldedBytes() === 0) return undefined;
    const manifest = this.manifest!;
    const remove = this.unfolded.toRemove(manifest);
    const write = await Promise.all(
      this.unfolded.changes().map(async ([key, changes]) => {
        const segment = !this.unfolded.replaced && changes.wholeAt === undefined && manifest.partitions[key] !== undefined && (await mayAddSegment(this.files.partition(key), manifest.segments[key] ?? []));
        return { key, generation: changes.generation, segment, rows: await this.rowsToFold(key, segment ? changes.put : undefined) };
      }),
    );
    return { generation: this.generation, offset: this.position!.offset, id: this.position!.id, manifest, replaced: this.unfolded.replaced, write, remove };
  }

  /**
   * A changed partition's rows for the fold, all of them or, for a segment, those whose keys are in `put`: from the
   * cache; or, for a space this process has not read (the audit trail, in the bot), the journal's changes, over its
   * files read for the fold and let go after it when all are wanted. Segments of such a space read no file at all.
   */
  private async rowsToFold(key: PartitionKey, put?: ReadonlyMap<string, number>): Promise<() => Promise<Row[]>> {
    if (this.cache.generationOf(key) === undefined && this.cache.isLoaded(spaceOf(key))) await this.loadPartition(key);
    if (this.cache.generationOf(key) !== undefined) {
      const rows = put ? this.cache.rowsOf(key, put.keys()) : this.cache.rows(key);
      return () => Promise.resolve(rows);
    }
    const pending = this.cache.pendingOf(key);
    if (put) {
      const rows = composeRows(spaceOf(key), undefined, pending);
      return () => Promise.resolve(rows);
    }
    // Read while the fold writes, outside the commit lock: no other process rewrites partition files while this one holds the fold lock.
    const read = this.readListed(key, TimeSlices.background());
    read.catch(() => undefined);
    return async () => composeRows(spaceOf(key), await read, pending);
  }

  /**
   * Second part, outside the commit lock (under the fold lock), so commits go on meanwhile: each
   * partition the journal changed is rewritten and dropped ones deleted (`writePartitions`).
   */
  async writeFold(plan: FoldPlan, lease: LockLease): Promise<void> {
    await writePartitions(this.files, plan, lease);
    await this.step('folded');
  }

  /**
   * Third part, still outside the commit lock (under the fold lock): the manifest now names the folded commit
   * (the swap that makes the fold count), and the new journal is written beside the old one with the commits
   * made since the plan. Until the new journal is in place, readers find the old one, whose commits up to the
   * manifest's generation they skip: the same state a crash between the two leaves.
   */
  async swapManifest(plan: FoldPlan, foldLease: LockLease): Promise<StagedJournal> {
    foldLease.assertHeld();
    const next = foldedManifest(plan);
    await writeManifest(this.files.manifest, next);
    this.manifest = next;
    await this.step('manifest-swapped');
    foldLease.assertHeld();
    // Whole commits only: the position moves past a commit once it is appended and synced.
    const to = this.position?.id === plan.id ? this.position.offset : plan.offset;
    return this.staging.stage(plan.generation, plan.offset, to);
  }

  /**
   * Last part, under the lock again, caught up: the commits made since the new journal was written are added
   * to it and it replaces the old one, so the lock is held for those commits' bytes and one rename, not a copy of all.
   */
  async finishFold(plan: FoldPlan, staged: StagedJournal, lease: LockLease): Promise<void> {
    if (this.position!.id !== plan.id) throw new Error('The journal was folded by another process during this fold.');
    lease.assertHeld();
    const { ino, header, length } = await this.staging.promote(staged, this.position!.offset);
    this.position = { ino, id: header.id, offset: length, headerLength: header.length };
    // Under the lock, caught up: the new journal holds exactly what the cache has (as after a commit), so the next read need not look.
    this.seen = this.journal.stat();
    for (const { key } of plan.write) this.cache.foldedPending(key, plan.generation);
    this.unfolded.foldedUpTo(plan.generation);
    // Under the commit lock, so no reader is between a manifest that listed them and the files (segments.ts).
    await Promise.all(unsegmented(plan).map((key) => deleteSegments(this.files.partition(key))));
    await this.step('journal-reset');
  }

  /** Under the fold lock: deletes the new journal of a fold that failed or died before putting it in place. */
  discardStaged(): Promise<void> {
    return this.staging.discardStaged();
  }

  /** Lets go of the journal kept open for appends (the store is closing). */
  close(): Promise<void> {
    return this.journal.closeAppend();
  }

  /** After a failed commit or fold: forget everything; the next catch-up reads the disk from scratch. */
  forget(): void {
    this.cache.clear();
    this.position = undefined;
    this.seen = undefined;
    this.generation = 0;
  }
}
