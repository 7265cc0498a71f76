import { describe, expect, it } from '@jest/globals';
import { fixedClock } from '../../../src/app/ports/clock.port.js';
import { exportConcerns, type ConcernsExport } from '../../../src/app/concerns/export-concerns.js';
import { listConcerns } from '../../../src/app/concerns/list-concerns.js';
import { markConcernHandled } from '../../../src/app/concerns/mark-concern-handled.js';
import { openConcern } from '../../../src/app/concerns/open-concern.js';
import { InvalidInputError, NotAllowedError, NotFoundError } from '../../../src/domain/errors.js';
import type { Person } from '../../../src/domain/person.js';
import { MemoryStore } from '../../../src/store/memory.store.js';
import { aConcernsLead, aHeadteacherOf, anAdmin, anOfficer, aSchool, aSitMember } from '../../support/builders.js';
import { aVisit } from '../../support/visits.js';
import { builtInTemplates } from '../../support/built-in-templates.js';

const TENANT = 'tenant-concerns';
const TZ = 'Europe/London';
const OLDER = 'The deputy answered every question put to the RE lead';
const NEWER = 'A pupil said RE lessons are often given over to catch-up maths';

async function concernsWorld() {
  const clock = fixedClock('2026-11-23T10:00:00Z');
  const store = new MemoryStore(() => clock.now());
  const oakwood = aSchool(0);
  const hillside = aSchool(2);
  const { value } = await store.transact(
    async (tx) => {
      for (const s of [oakwood, hillside]) await tx.insert('schools', TENANT, s);
      const add = async (p: ReturnType<typeof anOfficer>) => (await tx.insert('people', TENANT, p)) as Person;
      const officer = await add(anOfficer('Olivia Officer'));
      const lead = await add(aConcernsLead('Connie Lead'));
      const others = { sit: await add(aSitMember()), head: await add(aHeadteacherOf(oakwood)), admin: await add(anAdmin()) };
      const visit = await tx.insert('visits', TENANT, aVisit(oakwood, '2026-11-20', { templateId: 'sacre-re-visit', visitorId: officer.id }));
      const older = await tx.insert('concerns', TENANT, { visitId: 'visit-gone', schoolUrn: hillside.urn, raisedBy: officer.id, text: OLDER, raisedAt: '2026-10-08T11:00:00Z' });
      const newer = await tx.insert('concerns', TENANT, { visitId: visit.id, schoolUrn: oakwood.urn, raisedBy: officer.id, text: NEWER, raisedAt: '2026-11-20T15:05:00Z' });
      return { officer, lead, ...others, older, newer };
    },
    { actor: 'test' },
  );
  return { store, clock, builtInTemplates, ...value };
}

describe('the concerns lead reading concerns', () => {
  it('when the lead lists them, then they come newest first, with school, visitor and visit, and no text', async () => {
    const w = await concernsWorld();
    const rows = await listConcerns(w.store, TENANT, w.lead, TZ, builtInTemplates);
    expect(rows).toEqual([
      { concernId: w.newer.id, urn: '110001', schoolName: 'Oakwood Primary School', raisedByName: 'Olivia Officer', raisedOn: '2026-11-20', visitDate: '2026-11-20', visitType: 'SACRE RE visit', handledOn: undefined },
      { concernId: w.older.id, urn: '110003', schoolName: 'Hillside Academy', raisedByName: 'Olivia Officer', raisedOn: '2026-10-08', visitDate: undefined, visitType: undefined, handledOn: undefined },
    ]);
    expect(JSON.stringify(rows)).not.toContain(NEWER);
  });

  it('when the lead opens one, then they read its text', async () => {
    const w = await concernsWorld();
    expect(await openConcern(w.store, TENANT, w.lead, w.newer.id, TZ, builtInTemplates)).toMatchObject({ text: NEWER, schoolName: 'Oakwood Primary School', visitType: 'SACRE RE visit' });
  });

  it('when the id names no concern, then it is not found', async () => {
    const w = await concernsWorld();
    await expect(openConcern(w.store, TENANT, w.lead, 'no-such-concern', TZ, builtInTemplates)).rejects.toBeInstanceOf(NotFoundError);
  });

  it.each(['officer', 'sit', 'head', 'admin'] as const)('when the %s (not the lead) lists, opens or marks one, then each is refused and nothing changes', async (who) => {
    const w = await concernsWorld();
    const person = w[who];
    await expect(listConcerns(w.store, TENANT, person, TZ, builtInTemplates)).rejects.toBeInstanceOf(NotAllowedError);
    await expect(openConcern(w.store, TENANT, person, w.newer.id, TZ, builtInTemplates)).rejects.toBeInstanceOf(NotAllowedError);
    await expect(markConcernHandled(w, TENANT, person, w.newer.id, 'closing it', TZ)).rejects.toBeInstanceOf(NotAllowedError);
    expect(await w.store.get('concerns', TENANT, w.newer.id)).toEqual(w.newer);
  });
});

describe('marking a concern handled', () => {
  it('when the lead marks it with a note, then it is handled by them with the note, and a second press changes nothing', async () => {
    const w = await concernsWorld();
    const first = await markConcernHandled(w, TENANT, w.lead, w.newer.id, '  Spoke to the head in confidence.  ', TZ);
    expect(first).toMatchObject({ already: false, view: { handled: { on: '2026-11-23', byName: 'Connie Lead', note: 'Spoke to the head in confidence.' } } });
    const stored = await w.store.get('concerns', TENANT, w.newer.id);
    expect(stored).toMatchObject({ version: 2, handled: { at: '2026-11-23T10:00:00.000Z', by: w.lead.id, note: 'Spoke to the head in confidence.' } });

    const again = await markConcernHandled(w, TENANT, w.lead, w.newer.id, 'a different note', TZ);
    expect(again.already).toBe(true);
    expect(await w.store.get('concerns', TENANT, w.newer.id)).toEqual(stored);
    expect((await listConcerns(w.store, TENANT, w.lead, TZ, builtInTemplates))[0]!.handledOn).toBe('2026-11-23');
  });

  it('when the note is blank, then it is handled with no note', async () => {
    const w = await concernsWorld();
    await markConcernHandled(w, TENANT, w.lead, w.newer.id, '   ', TZ);
    expect((await w.store.get('concerns', TENANT, w.newer.id))!.handled).toEqual({ at: '2026-11-23T10:00:00.000Z', by: w.lead.id });
  });

  it('when the note is too long, then it is refused naming the note box and nothing changes', async () => {
    const w = await concernsWorld();
    const refused = markConcernHandled(w, TENANT, w.lead, w.newer.id, 'x'.repeat(2001), TZ);
    await expect(refused).rejects.toBeInstanceOf(InvalidInputError);
    await expect(refused).rejects.toMatchObject({ field: 'handledNote', message: 'Keep the note under 2,000 characters.' });
    expect((await w.store.get('concerns', TENANT, w.newer.id))!.version).toBe(1);
  });

  it('when it is marked, then the audit names the record and the action, never the text or the note', async () => {
    const w = await concernsWorld();
    await markConcernHandled(w, TENANT, w.lead, w.newer.id, 'Spoke to the head in confidence.', TZ);
    const audit = await w.store.find('audit', TENANT, { action: 'concern.handled' });
    expect(audit).toEqual([expect.objectContaining({ actor: w.lead.id, collection: 'concerns', recordId: w.newer.id })]);
    const all = JSON.stringify(await w.store.find('audit', TENANT));
    expect(all).not.toContain(NEWER);
    expect(all).not.toContain('Spoke to the head');
  });
});

describe("the concerns lead's export", () => {
  it("when given the lead's e-mail, then it writes every concern, newest first, and audits each as exported without its text", async () => {
    const w = await concernsWorld();
    const written: ConcernsExport[] = [];
    await exportConcerns(w, TENANT, 'cli:tester', ' Connie.Lead@Council.example.org ', TZ, async (c) => void written.push(c));
    expect(written).toHaveLength(1);
    expect(written[0]!.lead).toEqual({ name: 'Connie Lead', email: 'connie.lead@council.example.org' });
    expect(written[0]!.concerns.map((c) => [c.text, c.schoolName])).toEqual([
      [NEWER, 'Oakwood Primary School'],
      [OLDER, 'Hillside Academy'],
    ]);
    const audit = await w.store.find('audit', TENANT, { action: 'concern.exported' });
    expect(audit.map((a) => [a.actor, a.collection, a.recordId]).sort()).toEqual([['cli:tester', 'concerns', w.newer.id], ['cli:tester', 'concerns', w.older.id]].sort());
    expect(JSON.stringify(audit)).not.toContain(NEWER);
  });

  it.each([
    ['an officer', 'olivia.officer@council.example.org', NotAllowedError, 'Olivia Officer (olivia.officer@council.example.org) is not the confidential-concerns lead'],
    ['nobody', 'nobody@council.example.org', InvalidInputError, 'Nobody in the people register has the e-mail nobody@council.example.org.'],
  ])("when the e-mail is %s's, then nothing is written or audited", async (_who, email, type, message) => {
    const w = await concernsWorld();
    let written = false;
    const refused = exportConcerns(w, TENANT, 'cli:tester', email, TZ, async () => void (written = true));
    await expect(refused).rejects.toBeInstanceOf(type);
    await expect(refused).rejects.toThrow(message);
    expect(written).toBe(false);
    expect(await w.store.find('audit', TENANT, { action: 'concern.exported' })).toEqual([]);
  });
});
