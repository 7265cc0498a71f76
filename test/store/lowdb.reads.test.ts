import { jest } from '@jest/globals';
import { JournalFile } from '../../src/store/journal.js';
import type { CommitStep, LowdbStore } from '../../src/store/lowdb.store.js';
import { newSchool } from './fixtures/records.js';
import { storesOnDisk } from './fixtures/disk-stores.js';
import { TempDirs } from './fixtures/temp-dir.js';

const dirs = new TempDirs();
afterAll(() => dirs.removeAll());

/**
 * A store whose commit (or fold) can be held at one step: `hold(step)` makes the next pass through that step
 * wait until `letGo()`; `reached` resolves once it is waiting there, holding the commit lock.
 */
class HeldStep {
  reached!: Promise<void>;
  private arrive: () => void = () => undefined;
  private open: () => void = () => undefined;
  private at: CommitStep | undefined;

  hold(step: CommitStep): void {
    this.at = step;
    this.reached = new Promise((resolve) => (this.arrive = resolve));
  }

  readonly onStep = async (step: CommitStep): Promise<void> => {
    if (step !== this.at) return;
    this.at = undefined;
    const gate = new Promise<void>((resolve) => (this.open = resolve));
    // A read that waited for this commit would never be answered; let the commit go on after a while so that
    // such a test fails on what it asserts instead of hanging.
    const fallback = setTimeout(() => this.open(), 3000);
    this.arrive();
    await gate;
    clearTimeout(fallback);
  };

  letGo(): void {
    this.open();
  }
}

describe('LowdbStore reads while this process commits', () => {
  const T = 'tenant-a';
  const actor = 'person-1';
  const disk = storesOnDisk(dirs);
  const open = (held?: HeldStep) => disk.open({ onStep: held?.onStep });
  const addSchool = async (s: LowdbStore, urn: string) => (await s.transact(async (tx) => (await tx.insert('schools', T, newSchool(urn))).id, { actor })).value;
  const urns = async (s: LowdbStore) => (await s.find('schools', T)).map((r) => r.urn);
  /** Runs the commit and notes when its units are answered. */
  const watched = <T>(commit: Promise<T>) => {
    const w = { acknowledged: false, done: commit.then(() => void (w.acknowledged = true)) };
    return w;
  };

  it("when a read comes while this process's commit is being synced, then it is answered before the commit ends, without the change; once acknowledged, every read has it", async () => {
    const held = new HeldStep();
    const store = await open(held);
    const id = await addSchool(store, '100001');
    held.hold('appended');
    const rename = watched(store.transact((tx) => tx.update('schools', T, id, 1, { name: 'Renamed' }), { actor }));
    await held.reached;

    const during = { one: await store.get('schools', T, id), all: await urns(store) };
    expect(rename.acknowledged).toBe(false);
    expect(during.one).toMatchObject({ name: 'School 100001', version: 1 });
    expect(during.all).toEqual(['100001']);

    held.letGo();
    await rename.done;
    expect(await store.get('schools', T, id)).toMatchObject({ name: 'Renamed', version: 2 });
  });

  it('when units are queued while a commit syncs, then they go in the next commit, each seeing the one before it', async () => {
    const held = new HeldStep();
    const store = await open(held);
    await addSchool(store, '100001');
    held.hold('synced');
    const first = watched(addSchool(store, '100002'));
    await held.reached;
    expect(await urns(store)).toEqual(['100001']);
    const second = store.transact(async (tx) => (await tx.find('schools', T)).map((r) => r.urn), { actor });
    held.letGo();
    await first.done;
    expect((await second).value).toEqual(['100001', '100002']);
    expect(await urns(store)).toEqual(['100001', '100002']);
  });

  it("when another process commits, then a read here started after it sees it, even one answered while this process's next commit syncs", async () => {
    const held = new HeldStep();
    const bot = await open(held);
    const cli = await open();
    await addSchool(bot, '100001');
    expect(await urns(bot)).toEqual(['100001']);

    held.hold('appended');
    const botWrite = watched(addSchool(bot, '100002'));
    await held.reached;
    // The other process waits for the lock this one holds: nothing of either pending commit is seen.
    const cliWrite = watched(addSchool(cli, '100003'));
    expect(await urns(bot)).toEqual(['100001']);
    held.letGo();
    await Promise.all([botWrite.done, cliWrite.done]);
    expect(await urns(bot)).toEqual(['100001', '100002', '100003']);

    await addSchool(cli, '100004');
    held.hold('appended');
    const later = watched(addSchool(bot, '100005'));
    await held.reached;
    // This process caught up when it took the lock for its commit: the other's commit is there, its own pending one is not.
    expect(await urns(bot)).toEqual(['100001', '100002', '100003', '100004']);
    expect(later.acknowledged).toBe(false);
    held.letGo();
    await later.done;
    expect(await urns(cli)).toEqual(['100001', '100002', '100003', '100004', '100005']);
  });

  it('when a read comes while the fold puts its new journal in place, then it is answered at once with every commit', async () => {
    const held = new HeldStep();
    const store = await open(held);
    await addSchool(store, '100001');
    await addSchool(store, '100002');
    held.hold('journal-reset');
    const fold = watched(store.fold());
    await held.reached;
    expect(await urns(store)).toEqual(['100001', '100002']);
    expect(fold.acknowledged).toBe(false);
    held.letGo();
    await fold.done;
    expect(await urns(store)).toEqual(['100001', '100002']);
  });

  it('when this process has just folded, then the next read is answered from memory, without reading the journal again', async () => {
    const store = await open();
    await addSchool(store, '100001');
    expect(await urns(store)).toEqual(['100001']);
    await store.fold();
    const readFrom = jest.spyOn(JournalFile.prototype, 'readFrom');
    try {
      expect(await urns(store)).toEqual(['100001']);
      expect(readFrom).not.toHaveBeenCalled();
    } finally {
      readFrom.mockRestore();
    }
  });
});
