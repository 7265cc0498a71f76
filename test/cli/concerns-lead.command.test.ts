import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Person } from '../../src/domain/person.js';
import { MemoryStore } from '../../src/store/memory.store.js';
import { CLI_TENANT, runCliOn } from '../support/cli-run.js';
import { giasCsvBytes, giasRow, peopleCsv } from '../support/register-builders.js';

const CONCERN = 'The RE lead seemed afraid to speak while the deputy was in the room';
const LEAD = { email: 'connie.lead@council.example.org', name: 'Connie Lead', roles: 'concernsLead' };
const OFFICER = { email: 'olivia.officer@council.example.org', name: 'Olivia Officer', roles: 'officer' };
const NEXT = { email: 'nia.next@council.example.org', name: 'Nia Next', roles: 'officer' };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-lead-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes a people file into the test folder and imports it. */
async function importPeople(store: MemoryStore, rows: Record<string, string>[], name = 'people.csv') {
  const file = join(dir, name);
  await writeFile(file, peopleCsv(rows));
  return runCliOn(store, ['import-people', file]);
}

/** A store with a school, the lead, two officers and two concerns raised to the lead: one open, one handled. */
async function storeWithALead() {
  const store = new MemoryStore();
  const schools = join(dir, 'schools.csv');
  await writeFile(schools, giasCsvBytes([giasRow('110001', 'Oakfield Primary')]));
  expect((await runCliOn(store, ['import-schools', schools])).code).toBe(0);
  expect((await importPeople(store, [LEAD, OFFICER, NEXT])).code).toBe(0);
  const people = await store.find('people', CLI_TENANT);
  const by = (email: string) => people.find((p) => p.email === email) as Person;
  const { value } = await store.transact(
    async (tx) => {
      const base = { schoolUrn: '110001', raisedBy: by(OFFICER.email).id, leadId: by(LEAD.email).id };
      const open = await tx.insert('concerns', CLI_TENANT, { ...base, text: CONCERN, raisedAt: '2026-11-20T10:00:00Z' });
      const handled = await tx.insert('concerns', CLI_TENANT, { ...base, text: `${CONCERN} (earlier)`, raisedAt: '2026-10-01T10:00:00Z', handled: { at: '2026-10-02T10:00:00Z', by: by(LEAD.email).id } });
      return { open: open.id, handled: handled.id };
    },
    { actor: 'test' },
  );
  return { store, lead: by(LEAD.email), next: by(NEXT.email), concerns: value };
}

describe('npm run cli -- import-people, with one named concerns lead', () => {
  it('when the file gives the role to a second person beside the recorded lead, then it exits 1 with one line naming both, and nothing changes', async () => {
    const { store } = await storeWithALead();
    const before = await store.dump();
    const { code, out, err } = await importPeople(store, [{ ...NEXT, roles: 'officer;concernsLead' }], 'second.csv');
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(
      'error: There is one named concerns lead, but this would make both Connie Lead (connie.lead@council.example.org) and Nia Next (nia.next@council.example.org) the lead: to change the lead, use concerns-lead handover <from-email> <to-email>. Nothing was imported.\n',
    );
    expect((await store.dump()).collections).toEqual(before.collections);
  });

  it('when the file names two leads and none is recorded, then it exits 1 naming both, and nobody is added', async () => {
    const store = new MemoryStore();
    const { code, err } = await importPeople(store, [LEAD, { ...NEXT, roles: 'concernsLead' }]);
    expect(code).toBe(1);
    expect(err).toContain('would make both Connie Lead (connie.lead@council.example.org) and Nia Next (nia.next@council.example.org) the lead');
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(await store.find('people', CLI_TENANT)).toEqual([]);
  });

  it('when the file takes the role from the recorded lead, then it exits 1 pointing to handover, and nothing changes', async () => {
    const { store, lead } = await storeWithALead();
    const { code, err } = await importPeople(store, [{ ...LEAD, roles: 'officer' }, { ...NEXT, roles: 'concernsLead' }], 'swap.csv');
    expect(code).toBe(1);
    expect(err).toContain('Connie Lead (connie.lead@council.example.org) and Nia Next (nia.next@council.example.org)');
    const dropped = await importPeople(store, [{ ...LEAD, roles: 'officer' }], 'drop.csv');
    expect(dropped.code).toBe(1);
    expect(dropped.err).toBe(
      'error: Connie Lead (connie.lead@council.example.org) is the concerns lead, and this would take the role away with their open concerns: to change the lead, use concerns-lead handover <from-email> <to-email>. Nothing was imported.\n',
    );
    expect((await store.get('people', CLI_TENANT, lead.id))!.roles).toEqual(['concernsLead']);
  });

  it('when the recorded lead is imported again with the role, then the import goes ahead', async () => {
    const { store } = await storeWithALead();
    const { code, out } = await importPeople(store, [{ ...LEAD, name: 'Connie Lead-Smith' }, OFFICER], 'again.csv');
    expect(code).toBe(0);
    expect(out).toContain('0 added, 1 updated, 1 unchanged');
  });
});

describe('npm run cli -- concerns-lead handover', () => {
  it('when the lead hands over, then the role and the open concern move, the line names both people and counts, and no word of a concern is printed', async () => {
    const { store, lead, next, concerns } = await storeWithALead();
    const { code, out, err } = await runCliOn(store, ['concerns-lead', 'handover', LEAD.email, NEXT.email]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toBe('Nia Next (nia.next@council.example.org) is now the concerns lead, handed over from Connie Lead (connie.lead@council.example.org), with 1 open concern.\n');
    expect((await store.get('people', CLI_TENANT, lead.id))!.roles).toEqual([]);
    expect((await store.get('people', CLI_TENANT, next.id))!.roles).toEqual(['officer', 'concernsLead']);
    expect((await store.get('concerns', CLI_TENANT, concerns.open))!.leadId).toBe(next.id);
    expect((await store.get('concerns', CLI_TENANT, concerns.handled))!.leadId).toBe(lead.id);
    const audit = await store.find('audit', CLI_TENANT);
    expect(audit.filter((a) => a.action.endsWith('handedOver')).map((a) => [a.actor, a.action, a.recordId])).toEqual(
      expect.arrayContaining([
        ['cli:tester', 'concernsLead.handedOver', lead.id],
        ['cli:tester', 'concernsLead.handedOver', next.id],
        ['cli:tester', 'concern.handedOver', concerns.open],
      ]),
    );
    expect(JSON.stringify(audit)).not.toContain('afraid');
  });

  it('when the from-email is not the lead, then it exits 1 with one line naming the lead, and nothing changes', async () => {
    const { store } = await storeWithALead();
    const before = await store.dump();
    const { code, err } = await runCliOn(store, ['concerns-lead', 'handover', OFFICER.email, NEXT.email]);
    expect(code).toBe(1);
    expect(err).toBe('error: Olivia Officer (olivia.officer@council.example.org) is not the concerns lead: the concerns lead is Connie Lead (connie.lead@council.example.org). Nothing was changed.\n');
    expect((await store.dump()).collections).toEqual(before.collections);
  });

  it('when export-concerns is asked for, then there is no such command', async () => {
    const { store } = await storeWithALead();
    const { code, err } = await runCliOn(store, ['export-concerns', join(dir, 'concerns.json'), '--lead', LEAD.email]);
    expect(code).not.toBe(0);
    expect(err).toContain("unknown command 'export-concerns'");
    expect(await readdir(dir)).not.toContain('concerns.json');
  });
});

describe('no concern text in what the CLI writes or prints', () => {
  it('when every command that writes a file or a report runs, then only the backup holds the concern, and it is readable by its owner only', async () => {
    const { store } = await storeWithALead();
    const runs = [
      await runCliOn(store, ['export', join(dir, 'export.json')]),
      await runCliOn(store, ['backup', join(dir, 'backup.json')]),
      await runCliOn(store, ['templates', 'list']),
      await runCliOn(store, ['jobs', 'run-due', '--at', '2026-11-23T10:00:00Z']),
      await runCliOn(store, ['concerns-lead', 'handover', LEAD.email, NEXT.email]),
      await importPeople(store, [OFFICER], 'again.csv'),
    ];
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(JSON.stringify(runs)).not.toContain('afraid');

    const files = await readdir(dir);
    const holding = [];
    for (const f of files) if ((await readFile(join(dir, f), 'utf8')).includes('afraid')) holding.push(f);
    // The backup must hold the concerns (a restore needs them): the one file that does, made private to its owner.
    expect(holding).toEqual(['backup.json']);
    expect((await stat(join(dir, 'backup.json'))).mode & 0o777).toBe(0o600);
  });
});
