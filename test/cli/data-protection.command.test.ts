import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Person } from '../../src/domain/person.js';
import { MemoryStore } from '../../src/store/memory.store.js';
import { aConcernsLead, anOfficer, aSchool, aSitMember } from '../support/builders.js';
import { CLI_TENANT, runCliOn } from '../support/cli-run.js';
import { aVisit } from '../support/visits.js';

const CONCERN = 'The RE lead seemed afraid to speak while the deputy was in the room';
const LEAD_NOTE = 'Rang the head; safeguarding lead informed';
const OLIVIA = anOfficer('Olivia Officer');
const SAM = aSitMember('Sam Sitwell');
const CONNIE = aConcernsLead('Connie Lead');
const SCHOOL = aSchool(0);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-dp-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * A school, three people, Olivia's visit (planned on the 2nd, submitted on the 20th), Sam's visit naming Olivia among
 * its attendees, Olivia's note, and a concern she raised to Connie (handled, with Connie's note) and one still open (all on the 2nd; Sam's visit on the 25th).
 */
async function world() {
  let now = '2026-11-02T10:00:00Z';
  const store = new MemoryStore(() => new Date(now));
  await store.transact(async (tx) => {
    await tx.insert('schools', CLI_TENANT, SCHOOL);
    for (const p of [OLIVIA, SAM, CONNIE]) await tx.insert('people', CLI_TENANT, p);
    await tx.insert('visits', CLI_TENANT, aVisit(SCHOOL, '2026-11-20', { id: 'visit-olivia', visitorId: OLIVIA.id!, status: 'planned', visitedDate: undefined, submittedAt: undefined }));
  }, { actor: 'cli:admin' });
  await store.transact(async (tx) => {
    const v = (await tx.get('visits', CLI_TENANT, 'visit-olivia'))!;
    await tx.update('visits', CLI_TENANT, v.id, v.version, { status: 'submitted', visitedDate: '2026-11-20', submittedAt: '2026-11-20T15:00:00Z', answers: { notes: 'Phonics strong in Year 1' } }, { action: 'visit.submitted' });
    await tx.insert('notes', CLI_TENANT, { schoolUrn: SCHOOL.urn, source: 'visit', text: 'Budget pressure on staffing', author: OLIVIA.id!, at: '2026-11-20T16:00:00Z' });
    await tx.insert('concerns', CLI_TENANT, { schoolUrn: SCHOOL.urn, raisedBy: OLIVIA.id!, leadId: CONNIE.id!, text: CONCERN, raisedAt: '2026-11-20T15:00:00Z', handled: { at: '2026-11-21T10:00:00Z', by: CONNIE.id!, note: LEAD_NOTE } });
    await tx.insert('concerns', CLI_TENANT, { schoolUrn: SCHOOL.urn, raisedBy: OLIVIA.id!, leadId: CONNIE.id!, text: `${CONCERN} (still open)`, raisedAt: '2026-11-20T15:00:00Z' });
  }, { actor: OLIVIA.id! });
  now = '2026-11-25T10:00:00Z';
  await store.transact(async (tx) => {
    await tx.insert('visits', CLI_TENANT, aVisit(SCHOOL, '2026-11-21', { id: 'visit-sam', visitorId: SAM.id!, attendees: [{ role: 'Link officer', name: 'Olivia Officer' }, { role: 'Deputy head', name: 'Dan Deputy' }] }));
  }, { actor: SAM.id! });
  return store;
}

const person = async (store: MemoryStore, email: string) => (await store.find('people', CLI_TENANT, { email }))[0] as Person | undefined;

describe('npm run cli -- audit <school|person>', () => {
  it('when a school is named by URN, then every change to it and its records is listed oldest first, in people\'s dates, with who and what changed, and nothing of a concern', async () => {
    const store = await world();
    const { code, out, err } = await runCliOn(store, ['audit', SCHOOL.urn]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe(`Audit trail of ${SCHOOL.name} (${SCHOOL.urn}): 5 changes.`);
    expect(lines[1]).toMatch(/^Monday 2 November 2026 at 10:00 {2}the command line \(admin\) {2}schools\.insert \(schools school-110001\): urn 110001; name /);
    expect(lines[2]).toMatch(/ {2}visits\.insert \(visits visit-olivia\): schoolUrn 110001; .*attendees \(withheld\); answers \(withheld\); .*status planned$/);
    expect(lines[3]).toBe(
      'Monday 2 November 2026 at 10:00  Olivia Officer (olivia.officer@council.example.org)  visit.submitted (visits visit-olivia): answers changed; status planned → submitted; visitedDate 2026-11-20; submittedAt 2026-11-20T15:00:00Z',
    );
    expect(lines[5]).toMatch(/^Wednesday 25 November 2026 at 10:00 {2}Sam Sitwell \(sam\.sitwell@council\.example\.org\) {2}visits\.insert \(visits visit-sam\)/);
    expect(out).toContain('notes.insert');
    expect(out).not.toContain('Phonics strong');
    expect(out).not.toContain('Budget pressure');
    expect(out).not.toContain('Dan Deputy');
    expect(out).not.toContain('concern');
    expect(out).not.toContain(CONCERN);
  });

  it("when a school has a visit still in draft and an annual-feedback date, then the trail leaves out the draft's events and lists the date's", async () => {
    const store = await world();
    await store.transact(async (tx) => {
      await tx.insert('visits', CLI_TENANT, aVisit(SCHOOL, '2026-11-26', { id: 'visit-draft', visitorId: SAM.id!, status: 'draft', submittedAt: undefined }));
      await tx.insert('annualFeedback', CLI_TENANT, { urn: SCHOOL.urn, academicYear: '2026/27', dueOn: '2027-03-01', agreedBy: OLIVIA.id! });
    }, { actor: SAM.id! });
    const { code, out } = await runCliOn(store, ['audit', SCHOOL.urn]);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe(`Audit trail of ${SCHOOL.name} (${SCHOOL.urn}): 6 changes.`);
    expect(out).not.toContain('visit-draft');
    expect(out).toContain('annualFeedback.insert');
  });

  it('when a person is named by e-mail, then what they did and the changes naming them are listed', async () => {
    const store = await world();
    const { code, out } = await runCliOn(store, ['audit', 'OLIVIA.officer@council.example.org']);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe('Audit trail of Olivia Officer (olivia.officer@council.example.org): 4 changes.');
    expect(out).toContain('people.insert (people person-olivia.officer)');
    expect(out).toContain('visit.submitted');
    expect(out).toContain('notes.insert');
    expect(out).not.toContain('concerns');
  });

  it('when the school or the person is unknown, then it exits 1 with one line', async () => {
    const store = await world();
    expect(await runCliOn(store, ['audit', 'Nowhere Academy'])).toEqual({ code: 1, out: '', err: 'error: "Nowhere Academy" names no school in the register.\n' });
    const nobody = await runCliOn(store, ['audit', 'nobody@council.example.org']);
    expect(nobody.code).toBe(1);
    expect(nobody.err).toBe('error: Nobody with the e-mail nobody@council.example.org is recorded: check the address, or list people with export.\n');
  });
});

describe('npm run cli -- export-person <email> [file]', () => {
  it('when an officer asks, then the file (mode 600) holds their record, the visits they wrote or attended, their note and audit entries, and no concern they raised', async () => {
    const store = await world();
    const file = join(dir, 'olivia.json');
    const { code, out } = await runCliOn(store, ['export-person', OLIVIA.email, file]);
    expect(code).toBe(0);
    expect(out).toBe(`Wrote the records naming Olivia Officer (olivia.officer@council.example.org) to ${file}, readable by you alone: their person record, visits 2, notes 1, audit 4.\n`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const answer = JSON.parse(await readFile(file, 'utf8'));
    expect(answer.person.email).toBe(OLIVIA.email);
    const visits = answer.collections.visits as Array<{ id: string; answers: object; attendees: Array<{ name: string }> }>;
    expect(visits.find((v) => v.id === 'visit-olivia')!.answers).toEqual({ notes: 'Phonics strong in Year 1' });
    // Sam's visit names Olivia; the other attendees are not hers to read.
    expect(visits.find((v) => v.id === 'visit-sam')!.attendees.map((a) => a.name)).toEqual(['[redacted]', '[redacted]']);
    expect(answer.collections.concerns).toBeUndefined();
    expect(JSON.stringify(answer)).not.toContain(CONCERN);
  });

  it('when the concerns lead asks, then their own concerns are listed without their words', async () => {
    const store = await world();
    const file = join(dir, 'connie.json');
    expect((await runCliOn(store, ['export-person', CONNIE.email, file])).code).toBe(0);
    const answer = JSON.parse(await readFile(file, 'utf8'));
    expect(answer.collections.concerns).toEqual([
      expect.objectContaining({ schoolUrn: SCHOOL.urn, text: '[withheld]', handled: expect.objectContaining({ note: '[withheld]' }) }),
      expect.objectContaining({ schoolUrn: SCHOOL.urn, text: '[withheld]' }),
    ]);
    expect(JSON.stringify(answer)).not.toContain(CONCERN);
    expect(JSON.stringify(answer)).not.toContain(LEAD_NOTE);
  });

  it('when nobody has the e-mail, then it exits 1 and writes no file', async () => {
    const store = await world();
    const { code } = await runCliOn(store, ['export-person', 'nobody@council.example.org', join(dir, 'x.json')]);
    expect(code).toBe(1);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('npm run cli -- erase-person <email>', () => {
  it('when run without --confirm, then it says what it would do and changes nothing', async () => {
    const store = await world();
    const before = await store.dump();
    const { code, out } = await runCliOn(store, ['erase-person', OLIVIA.email]);
    expect(code).toBe(0);
    expect(out).toMatch(/^Dry run: nothing was changed\. Erasing Olivia Officer \(olivia\.officer@council\.example\.org\) would:\n {2}replace their identity in records kept: .*visits 2.*\n {2}remove records about them alone: people 1\nTo erase, run again with --confirm\./);
    expect((await store.dump()).collections).toEqual(before.collections);
  });

  it('when confirmed, then their record is gone, the visits and notes stay with a stable placeholder, no trace of their name or e-mail is left, and the erasure is audited', async () => {
    const store = await world();
    const { code, out } = await runCliOn(store, ['erase-person', OLIVIA.email, '--confirm']);
    expect(code).toBe(0);
    const placeholder = /"(Erased person [0-9a-f]{6})" \((erased-[0-9a-f]{10})\)/.exec(out)!;
    expect(placeholder).not.toBeNull();
    expect(await person(store, OLIVIA.email)).toBeUndefined();
    const visit = (await store.get('visits', CLI_TENANT, 'visit-olivia'))!;
    expect(visit).toMatchObject({ visitorId: placeholder[2], answers: { notes: 'Phonics strong in Year 1' } });
    expect((await store.get('visits', CLI_TENANT, 'visit-sam'))!.attendees).toEqual([{ role: 'Link officer', name: placeholder[1] }, { role: 'Deputy head', name: 'Dan Deputy' }]);
    const all = JSON.stringify((await store.dump()).collections);
    expect(all).not.toContain(OLIVIA.email);
    expect(all).not.toContain('Olivia Officer');
    expect(all).not.toContain(OLIVIA.aadObjectId);
    const [erased] = await store.find('audit', CLI_TENANT, { action: 'person.erased' });
    expect(erased).toMatchObject({ actor: 'cli:tester', collection: 'people' });
    expect(erased!.before).toBeUndefined();
    // The same placeholder every time: a dry run for another person does not disturb it, and a second erasure finds nobody.
    expect((await runCliOn(store, ['erase-person', OLIVIA.email, '--confirm'])).code).toBe(1);
  });

  it('when the concerns lead holds an open concern, then it exits 1 pointing to handover, and nothing changes', async () => {
    const store = await world();
    const before = await store.dump();
    const { code, err } = await runCliOn(store, ['erase-person', CONNIE.email, '--confirm']);
    expect(code).toBe(1);
    expect(err).toBe('error: Connie Lead is the concerns lead and holds open concerns: hand them over first (concerns-lead handover), then erase. Nothing was changed.\n');
    expect((await store.dump()).collections).toEqual(before.collections);
  });
});

describe('npm run cli -- retention [--dry-run|--apply]', () => {
  const NOW = '2033-11-21T09:00:00Z';
  const SEVEN = { RETENTION_VISITS_YEARS: '7', RETENTION_CONCERNS_YEARS: '7' };

  it('when no retention is set, then it says everything is kept', async () => {
    const store = await world();
    const { code, out } = await runCliOn(store, ['retention'], NOW);
    expect(code).toBe(0);
    expect(out).toContain('No retention setting is made, so every record is kept');
  });

  it('when run without --apply, then it says what would be purged and changes nothing', async () => {
    const store = await world();
    const before = await store.dump();
    const { code, out } = await runCliOn(store, ['retention'], NOW, SEVEN);
    expect(code).toBe(0);
    expect(out).toBe(
      'Dry run: nothing was purged. With --apply it would purge:\n' +
        '  visits: 1 last changed before Saturday 21 November 2026 (kept 7 years)\n' +
        '  concerns: 1 last changed before Saturday 21 November 2026 (kept 7 years)\n',
    );
    expect((await store.dump()).collections).toEqual(before.collections);
  });

  it('when applied, then records last changed before the cutoff go, newer ones and open concerns stay, and each purge is audited', async () => {
    const store = await world();
    const { code } = await runCliOn(store, ['retention', '--apply'], NOW, SEVEN);
    expect(code).toBe(0);
    expect((await store.find('visits', CLI_TENANT)).map((v) => v.id)).toEqual(['visit-sam']);
    const kept = await store.find('concerns', CLI_TENANT);
    expect(kept).toHaveLength(1);
    expect(kept[0]!.handled).toBeUndefined();
    const purged = await store.find('audit', CLI_TENANT, { action: 'retention.purged' });
    expect(purged.map((e) => [e.collection, e.actor])).toEqual([['visits', 'cli:tester'], ['concerns', 'cli:tester']]);
    expect(JSON.stringify(purged)).not.toContain(CONCERN);
  });

  it('when digests, annual-feedback dates and allocations have settings, then old ones are purged, and a digest not yet posted is kept', async () => {
    const store = await world();
    const digest = (id: string, status: 'posted' | 'held') => ({
      id,
      kind: 'sit',
      audience: { channel: 'sit' },
      period: { from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z' },
      status,
      attempts: 1,
      ...(status === 'posted' ? { content: { card: { name: 'sit-digest', data: { note: 'Budget pressure on staffing' } }, summary: 'SIT digest' } } : {}),
    });
    await store.transact(async (tx) => {
      await tx.insert('digests', CLI_TENANT, digest('digest-posted', 'posted') as never);
      await tx.insert('digests', CLI_TENANT, digest('digest-held', 'held') as never);
      await tx.insert('annualFeedback', CLI_TENANT, { urn: SCHOOL.urn, academicYear: '2026/27', dueOn: '2027-03-01', agreedBy: OLIVIA.id! });
      await tx.insert('allocations', CLI_TENANT, { officerDays: 10, shares: [{ urn: SCHOOL.urn, name: SCHOOL.name, days: 10, suggested: 10 }], keptBy: OLIVIA.id!, keptAt: '2026-11-25T10:00:00Z' });
    }, { actor: 'test' });
    const settings = { RETENTION_DIGESTS_YEARS: '3', RETENTION_ANNUAL_FEEDBACK_YEARS: '3', RETENTION_ALLOCATIONS_YEARS: '3' };
    const { code } = await runCliOn(store, ['retention', '--apply'], NOW, settings);
    expect(code).toBe(0);
    expect((await store.find('digests', CLI_TENANT)).map((d) => d.id)).toEqual(['digest-held']);
    expect(await store.find('annualFeedback', CLI_TENANT)).toEqual([]);
    expect(await store.find('allocations', CLI_TENANT)).toEqual([]);
    expect(JSON.stringify(await store.find('audit', CLI_TENANT, { action: 'retention.purged' }))).not.toContain('Budget pressure');
  });

  it('when a setting is not a whole number of years, or both flags are given, then it exits 1 with one line', async () => {
    const store = await world();
    const bad = await runCliOn(store, ['retention'], NOW, { RETENTION_VISITS_YEARS: 'seven' });
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('RETENTION_VISITS_YEARS');
    const both = await runCliOn(store, ['retention', '--dry-run', '--apply'], NOW, SEVEN);
    expect(both).toEqual({ code: 1, out: '', err: 'error: Give --dry-run or --apply, not both. Nothing was purged.\n' });
  });
});

describe('files the command line writes', () => {
  it('when every person\'s subject access and the export are written, then no file holds a concern\'s text or the lead\'s note', async () => {
    const store = await world();
    for (const p of [OLIVIA, SAM, CONNIE]) expect((await runCliOn(store, ['export-person', p.email, join(dir, `${p.id}.json`)])).code).toBe(0);
    expect((await runCliOn(store, ['export', join(dir, 'export.json')])).code).toBe(0);
    const files = await readdir(dir);
    expect(files).toHaveLength(4);
    for (const f of files) {
      const text = await readFile(join(dir, f), 'utf8');
      expect(text).not.toContain(CONCERN);
      expect(text).not.toContain(LEAD_NOTE);
    }
  });
});
