import { InvalidInputError, NotFoundError, StaleWriteError } from '../../src/domain/errors.js';
import type { School } from '../../src/domain/school.js';
import { AuditEventSchema, type AuditEvent } from '../../src/domain/audit.js';
import type { Store, StoreDump } from '../../src/app/ports/store.port.js';
import { newSchool, TestClock } from './fixtures/records.js';

/** Makes a new, empty store reading the given clock; the suite closes it after each test. */
export type MakeStore = (now: () => Date) => Promise<Store>;

const A = 'tenant-a';
const B = 'tenant-b';
const actor = 'person-1';

/**
 * The Store port's semantics, run against every adapter so that they all behave like the reference
 * MemoryStore: what a use case can rely on whichever store the bot runs on.
 */
export function describeStoreContract(name: string, makeStore: MakeStore): void {
  describe(`${name} (Store contract)`, () => {
    let clock: TestClock;
    let store: Store;
    const opened: Store[] = [];
    const open = async () => {
      const s = await makeStore(clock.now);
      opened.push(s);
      return s;
    };
    const insertSchool = (s: Store, tenant: string, urn: string, name?: string) =>
      s.transact((tx) => tx.insert('schools', tenant, newSchool(urn, name)), { actor }).then((r) => r.value as School);

    beforeEach(async () => {
      clock = new TestClock();
      store = await open();
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    describe('reading', () => {
      it('when a record is inserted, then get and find return it with its meta: version 1, created and updated now', async () => {
        const school = await insertSchool(store, A, '100001', 'Oakwood Primary');
        expect(school).toMatchObject({ urn: '100001', tenantId: A, version: 1, createdAt: '2026-11-23T09:00:00.000Z', updatedAt: '2026-11-23T09:00:00.000Z' });
        expect(school.id).toEqual(expect.any(String));
        expect(await store.get('schools', A, school.id)).toEqual(school);
        expect(await store.find('schools', A)).toEqual([school]);
      });

      it('when the caller names the id, then the record keeps it; a second insert with that id is refused', async () => {
        await store.transact((tx) => tx.insert('schools', A, { ...newSchool('100001'), id: 'urn-100001' }), { actor });
        expect((await store.get('schools', A, 'urn-100001'))?.urn).toBe('100001');
        await expect(store.transact((tx) => tx.insert('schools', A, { ...newSchool('100002'), id: 'urn-100001' }), { actor })).rejects.toThrow(/already holds/);
      });

      it('when find is given a match, then only records with those field values come back, oldest first', async () => {
        await insertSchool(store, A, '100001', 'Oakwood');
        clock.advance(1000);
        await store.transact((tx) => tx.insert('schools', A, newSchool('100002', 'Elm', { cluster: 'North' })), { actor });
        clock.advance(1000);
        await store.transact((tx) => tx.insert('schools', A, newSchool('100003', 'Ash', { cluster: 'North' })), { actor });
        expect((await store.find('schools', A, { cluster: 'North' })).map((s) => s.name)).toEqual(['Elm', 'Ash']);
        expect((await store.find('schools', A)).map((s) => s.name)).toEqual(['Oakwood', 'Elm', 'Ash']);
        expect(await store.find('schools', A, { cluster: 'South' })).toEqual([]);
      });

      it("when tenant B reads, then it never sees tenant A's records, even by id", async () => {
        const a = await insertSchool(store, A, '100001');
        await insertSchool(store, B, '200001');
        expect(await store.get('schools', B, a.id)).toBeUndefined();
        expect((await store.find('schools', B)).map((s) => s.urn)).toEqual(['200001']);
        expect((await store.find('schools', B, { urn: '100001' }))).toEqual([]);
        await expect(store.transact((tx) => tx.update('schools', B, a.id, 1, { name: 'Taken over' }), { actor })).rejects.toThrow(NotFoundError);
      });

      it('when a caller tries to change a returned record, then it is refused (records are read-only) and the stored record is unchanged', async () => {
        const school = await insertSchool(store, A, '100001', 'Oakwood');
        const got = (await store.get('schools', A, school.id))!;
        const found = (await store.find('schools', A))[0]!;
        expect(Object.isFrozen(got) && Object.isFrozen(got.partnerships) && Object.isFrozen(found)).toBe(true);
        expect(() => {
          got.name = 'Changed';
        }).toThrow(TypeError);
        expect(() => found.partnerships.push('Leaked')).toThrow(TypeError);
        expect(() => {
          school.name = 'Changed too';
        }).toThrow(TypeError);
        const listed = await store.find('schools', A);
        listed.length = 0;
        (await store.dump()).collections.schools!.length = 0;
        expect(await store.get('schools', A, school.id)).toMatchObject({ name: 'Oakwood', partnerships: [] });
        expect(await store.find('schools', A)).toHaveLength(1);
      });

      it('when find matches several fields, then only records matching all of them come back, oldest first, and a change moves a record between answers', async () => {
        const ids: string[] = [];
        for (const [urn, cluster] of [['100001', 'North'], ['100002', 'South'], ['100003', 'North']] as const) {
          ids.push((await store.transact((tx) => tx.insert('schools', A, newSchool(urn, `School ${urn}`, { cluster })), { actor })).value.id);
          clock.advance(1000);
        }
        expect((await store.find('schools', A, { cluster: 'North' })).map((s) => s.urn)).toEqual(['100001', '100003']);
        expect((await store.find('schools', A, { cluster: 'North', urn: '100003' })).map((s) => s.urn)).toEqual(['100003']);
        await store.transact((tx) => tx.update('schools', A, ids[0]!, 1, { cluster: 'South' }), { actor });
        await store.transact((tx) => tx.update('schools', A, ids[1]!, 1, { cluster: 'North' }), { actor });
        expect((await store.find('schools', A, { cluster: 'North' })).map((s) => s.urn)).toEqual(['100002', '100003']);
        expect((await store.find('schools', A, { cluster: 'South' })).map((s) => s.urn)).toEqual(['100001']);
        await store.transact((tx) => tx.delete('schools', A, ids[2]!, 1), { actor });
        expect((await store.find('schools', A, { cluster: 'North' })).map((s) => s.urn)).toEqual(['100002']);
        expect(await store.find('schools', B, { cluster: 'North' })).toEqual([]);
        const inside = await store.transact(async (tx) => (await tx.find('schools', A, { cluster: 'South' })).map((s) => s.urn), { actor });
        expect(inside.value).toEqual(['100001']);
      });

      it('when records are changed, moved away and back, and added between the same finds, then each find answers as of its moment, oldest first', async () => {
        const ids: string[] = [];
        for (const urn of ['100001', '100002', '100003']) {
          ids.push((await store.transact((tx) => tx.insert('schools', A, newSchool(urn, `School ${urn}`, { cluster: 'North' })), { actor })).value.id);
          clock.advance(1000);
        }
        const north = async () => (await store.find('schools', A, { cluster: 'North' })).map((s) => `${s.urn} ${s.name}`);
        const everyone = async () => (await store.find('schools', A)).map((s) => s.urn);
        expect(await north()).toEqual(['100001 School 100001', '100002 School 100002', '100003 School 100003']);
        expect(await everyone()).toEqual(['100001', '100002', '100003']);
        await store.transact((tx) => tx.update('schools', A, ids[1]!, 1, { name: 'Renamed' }), { actor });
        await store.transact((tx) => tx.update('schools', A, ids[0]!, 1, { cluster: 'South' }), { actor });
        expect(await north()).toEqual(['100002 Renamed', '100003 School 100003']);
        await store.transact((tx) => tx.update('schools', A, ids[0]!, 2, { cluster: 'North' }), { actor });
        await store.transact((tx) => tx.insert('schools', A, newSchool('100004', 'School 100004', { cluster: 'North' })), { actor });
        expect(await north()).toEqual(['100001 School 100001', '100002 Renamed', '100003 School 100003', '100004 School 100004']);
        expect(await everyone()).toEqual(['100001', '100002', '100003', '100004']);
        // The field that narrows most is not the first one named: the answer is the same.
        expect((await store.find('schools', A, { cluster: 'North', urn: '100003' })).map((s) => s.urn)).toEqual(['100003']);
        expect((await store.find('schools', A, { urn: '100003', cluster: 'South' })).map((s) => s.urn)).toEqual([]);
        const listed = await store.find('schools', A, { cluster: 'North' });
        listed.reverse();
        expect((await north())[0]).toBe('100001 School 100001');
      });
    });

    describe('writing', () => {
      it('when a record is updated, then its version goes up by one, updatedAt moves and createdAt stays', async () => {
        const school = await insertSchool(store, A, '100001');
        clock.advance(60_000);
        const { value } = await store.transact((tx) => tx.update('schools', A, school.id, 1, { riskLevel: 'high' }), { actor });
        expect(value).toMatchObject({ version: 2, riskLevel: 'high', createdAt: school.createdAt, updatedAt: '2026-11-23T09:01:00.000Z' });
        expect(await store.get('schools', A, school.id)).toEqual(value);
      });

      it('when a write names a version behind the stored one, then StaleWriteError is thrown and nothing in the unit is stored', async () => {
        const school = await insertSchool(store, A, '100001');
        await store.transact((tx) => tx.update('schools', A, school.id, 1, { name: 'First edit' }), { actor });
        const stale = store.transact(
          async (tx) => {
            await tx.insert('schools', A, newSchool('100002'));
            await tx.update('schools', A, school.id, 1, { name: 'Second edit' });
          },
          { actor },
        );
        await expect(stale).rejects.toThrow(StaleWriteError);
        expect((await store.find('schools', A)).map((s) => [s.urn, s.name, s.version])).toEqual([['100001', 'First edit', 2]]);
      });

      it('when a delete names a stale version, then it is refused; with the right version the record is gone', async () => {
        const school = await insertSchool(store, A, '100001');
        await store.transact((tx) => tx.update('schools', A, school.id, 1, { name: 'Edited' }), { actor });
        await expect(store.transact((tx) => tx.delete('schools', A, school.id, 1), { actor })).rejects.toThrow(StaleWriteError);
        await store.transact((tx) => tx.delete('schools', A, school.id, 2), { actor });
        expect(await store.get('schools', A, school.id)).toBeUndefined();
        expect(await store.find('schools', A)).toEqual([]);
      });

      it('when the work throws, then nothing it wrote is stored and the error reaches the caller', async () => {
        const failing = store.transact(
          async (tx) => {
            await tx.insert('schools', A, newSchool('100001'));
            throw new Error('the use case gave up');
          },
          { actor },
        );
        await expect(failing).rejects.toThrow('the use case gave up');
        expect(await store.find('schools', A)).toEqual([]);
        expect(await store.find('audit', A)).toEqual([]);
      });

      it('when a record breaks its schema, then the write is refused and nothing is stored', async () => {
        await expect(store.transact((tx) => tx.insert('schools', A, newSchool('12')), { actor })).rejects.toThrow(/six digits/);
        const school = await insertSchool(store, A, '100001');
        await expect(store.transact((tx) => tx.update('schools', A, school.id, 1, { visitEntitlement: -1 }), { actor })).rejects.toThrow();
        expect(await store.find('schools', A)).toEqual([school]);
      });

      it('when a unit reads, then it sees its own writes; readers outside see them only once it has committed', async () => {
        const existing = await insertSchool(store, A, '100001');
        let written!: () => void;
        let commit!: () => void;
        const wrote = new Promise<void>((resolve) => (written = resolve));
        const mayCommit = new Promise<void>((resolve) => (commit = resolve));
        const unit = store.transact(
          async (tx) => {
            const added = await tx.insert('schools', A, newSchool('100002', 'Added'));
            await tx.update('schools', A, existing.id, 1, { name: 'Renamed' });
            await tx.delete('schools', A, added.id, 1);
            await tx.insert('schools', A, newSchool('100003', 'Kept'));
            const inside = (await tx.find('schools', A)).map((s) => s.name);
            written();
            await mayCommit;
            return { inside, renamed: (await tx.get('schools', A, existing.id))?.version ?? null };
          },
          { actor },
        );
        await wrote;
        // Another request reads while the unit has written but not committed.
        const outside = (await store.find('schools', A)).map((s) => s.name);
        commit();
        expect((await unit).value).toEqual({ inside: ['Renamed', 'Kept'], renamed: 2 });
        expect(outside).toEqual(['School 100001']);
        expect((await store.find('schools', A)).map((s) => s.name)).toEqual(['Renamed', 'Kept']);
      });
    });

    describe('idempotency', () => {
      const addOnce = (s: Store, key: string, urn: string) =>
        s.transact(async (tx) => (await tx.insert('schools', A, newSchool(urn))).id, { actor, idempotencyKey: key });

      it('when a unit runs twice with one key, then it is stored once and the second returns the first value, replayed', async () => {
        const first = await addOnce(store, 'submit-1', '100001');
        const second = await addOnce(store, 'submit-1', '100002');
        expect(first).toEqual({ value: expect.any(String), replayed: false });
        expect(second).toEqual({ value: first.value, replayed: true });
        expect((await store.find('schools', A)).map((s) => s.urn)).toEqual(['100001']);
      });

      it('when two calls with one key race, then one runs and the other gets its value, replayed', async () => {
        const results = await Promise.all([addOnce(store, 'double-click', '100001'), addOnce(store, 'double-click', '100002')]);
        expect(results.map((r) => r.replayed).sort()).toEqual([false, true]);
        expect(results[0]!.value).toBe(results[1]!.value);
        expect(await store.find('schools', A)).toHaveLength(1);
      });

      it('when a unit with a key fails, then the key is not spent and a retry runs', async () => {
        await expect(
          store.transact(async () => {
            throw new Error('first try failed');
          }, { actor, idempotencyKey: 'retry-me' }),
        ).rejects.toThrow('first try failed');
        expect((await addOnce(store, 'retry-me', '100001')).replayed).toBe(false);
      });

      it('when different keys are used, then each unit runs', async () => {
        await addOnce(store, 'k1', '100001');
        await addOnce(store, 'k2', '100002');
        expect(await store.find('schools', A)).toHaveLength(2);
      });
    });

    describe('audit', () => {
      it('when records change, then each change has an audit event naming actor, action, collection and record, with the changed fields before and after', async () => {
        const school = await insertSchool(store, A, '100001', 'Oakfield Primary');
        await store.transact((tx) => tx.update('schools', A, school.id, 1, { riskLevel: 'high' }, { action: 'school.risk-set' }), { actor: 'cli:admin' });
        await store.transact((tx) => tx.delete('schools', A, school.id, 2), { actor: 'system' });
        const audit = await store.find('audit', A);
        expect(audit.map((e: AuditEvent) => [e.actor, e.action, e.collection, e.recordId])).toEqual([
          [actor, 'schools.insert', 'schools', school.id],
          ['cli:admin', 'school.risk-set', 'schools', school.id],
          ['system', 'schools.delete', 'schools', school.id],
        ]);
        expect(audit[0]!.before).toBeUndefined();
        expect(audit[0]!.after).toMatchObject({ urn: '100001', name: 'Oakfield Primary' });
        expect(audit[1]!.before).toEqual({ riskLevel: 'unassessed' });
        expect(audit[1]!.after).toEqual({ riskLevel: 'high' });
        expect(audit[2]!.before).toMatchObject({ urn: '100001', riskLevel: 'high' });
        expect(audit[2]!.after).toBeUndefined();
        expect(await store.find('audit', B)).toEqual([]);
      });

      it('when a confidential concern is raised and handled, then its audit events name the fields that changed, never a value', async () => {
        const text = 'The RE lead seemed afraid to speak';
        const { value: id } = await store.transact(async (tx) => (await tx.insert('concerns', A, { schoolUrn: '100001', raisedBy: 'p-1', text, raisedAt: '2026-09-01T10:00:00Z' })).id, { actor });
        await store.transact((tx) => tx.update('concerns', A, id, 1, { handled: { at: '2026-09-02T10:00:00Z', by: 'p-2', note: 'Spoke to the head' } }), { actor: 'p-2' });
        const audit = await store.find('audit', A, { collection: 'concerns' });
        expect(audit.map((e: AuditEvent) => e.after)).toEqual([
          { schoolUrn: '[withheld]', raisedBy: '[withheld]', text: '[withheld]', raisedAt: '[withheld]' },
          { handled: '[withheld]' },
        ]);
        expect(JSON.stringify(audit)).not.toContain(text);
        expect(JSON.stringify(audit)).not.toContain('Spoke to the head');
      });

      it('when records change, then each audit event is one the audit schema reads back as it is, as a restore reads it', async () => {
        const school = await insertSchool(store, A, '100001', 'Oakfield Primary');
        await store.transact((tx) => tx.update('schools', A, school.id, 1, { riskLevel: 'high' }, { action: 'school.risk-set' }), { actor: 'cli:admin' });
        await store.transact((tx) => tx.delete('schools', A, school.id, 2), { actor: 'system' });
        const audit = await store.find('audit', A);
        expect(audit).toHaveLength(3);
        // The same fields and values (PostgreSQL's JSONB keeps keys in an order of its own).
        for (const event of audit) expect(AuditEventSchema.parse(event)).toEqual(event);
      });

      it('when a unit names nobody as its actor, then it is refused and stores nothing: every audit event says who', async () => {
        await expect(store.transact((tx) => tx.insert('schools', A, newSchool('100001')), { actor: '' })).rejects.toThrow();
        expect(await store.find('schools', A)).toEqual([]);
        expect(await store.find('audit', A)).toEqual([]);
      });

      it('when a writer asks for no values, then the event names the record and action only', async () => {
        const school = await insertSchool(store, A, '100001', 'Oakfield Primary');
        await store.transact((tx) => tx.update('schools', A, school.id, 'any', { name: 'Renamed' }, { action: 'school.renamed', auditValues: false }), { actor });
        const [event] = await store.find('audit', A, { action: 'school.renamed' });
        expect(event).toMatchObject({ recordId: school.id });
        expect(event!.before).toBeUndefined();
        expect(event!.after).toBeUndefined();
      });
    });

    describe('backup and restore', () => {
      it('when a dump is restored into another store, then it holds the same records, every tenant', async () => {
        const a = await insertSchool(store, A, '100001');
        clock.set('2026-09-02T10:00:00.000Z');
        await insertSchool(store, B, '200001');
        await store.transact((tx) => tx.update('schools', A, a.id, 1, { name: 'Renamed' }), { actor });
        const dump = await store.dump();
        expect(dump).toMatchObject({ format: 'school-improvement-bot/backup', version: 1 });
        const other = await open();
        await insertSchool(other, A, '300001');
        await other.restore(JSON.parse(JSON.stringify(dump)) as StoreDump);
        for (const tenant of [A, B]) {
          expect(await other.find('schools', tenant)).toEqual(await store.find('schools', tenant));
          expect(await other.find('audit', tenant)).toEqual(await store.find('audit', tenant));
        }
        expect(await other.find('schools', A, { urn: '300001' })).toEqual([]);
      });

      it('when a restored store is written, then versions carry on from the backup', async () => {
        const a = await insertSchool(store, A, '100001');
        const dump = await store.dump();
        const other = await open();
        await other.restore(dump);
        const { value } = await other.transact((tx) => tx.update('schools', A, a.id, 1, { name: 'After restore' }), { actor });
        expect(value.version).toBe(2);
      });

      it('when a bad dump is restored, then it is refused naming the problem and nothing changes', async () => {
        const school = await insertSchool(store, A, '100001');
        const good = await store.dump();
        const badRecord = structuredClone(good);
        (badRecord.collections.schools![0] as { urn: string }).urn = 'nope';
        await expect(store.restore(badRecord)).rejects.toThrow(InvalidInputError);
        await expect(store.restore(badRecord)).rejects.toThrow(/schools record 1 is invalid: urn/);
        await expect(store.restore({ ...good, format: 'something-else' } as unknown as StoreDump)).rejects.toThrow(/not a School Improvement Bot backup/);
        await expect(store.restore({ ...good, collections: { ...good.collections, unheardOf: [] } })).rejects.toThrow(/unheardOf/);
        expect(await store.find('schools', A)).toEqual([school]);
      });
    });

    describe('closing', () => {
      it('when the store is closed, then units already queued finish and later ones are refused', async () => {
        const queued = insertSchool(store, A, '100001');
        await store.close();
        expect((await queued).urn).toBe('100001');
        await expect(insertSchool(store, A, '100002')).rejects.toThrow(/closed/);
      });
    });
  });
}
