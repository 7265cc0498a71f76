import { describe, expect, it } from '@jest/globals';
import { fixedClock } from '../../../src/app/ports/clock.port.js';
import { handOverConcernsLead } from '../../../src/app/concerns/hand-over-concerns-lead.js';
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
      { concernId: w.newer.id, urn: '110001', schoolName: 'Oakwood Primary School', raisedByName: 'Olivia Officer', raisedOn: '2026-11-20', atVisit: true, visitDate: '2026-11-20', visitType: 'SACRE RE visit', handledOn: undefined },
      { concernId: w.older.id, urn: '110003', schoolName: 'Hillside Academy', raisedByName: 'Olivia Officer', raisedOn: '2026-10-08', atVisit: true, visitDate: undefined, visitType: undefined, handledOn: undefined },
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

describe('handing the concerns lead role over', () => {
  async function handedOver() {
    const w = await concernsWorld();
    await markConcernHandled(w, TENANT, w.lead, w.older.id, 'Dealt with.', TZ);
    const report = await handOverConcernsLead(w.store, TENANT, 'cli:tester', ' Connie.Lead@Council.example.org ', w.sit.email);
    const person = async (p: Person) => (await w.store.get('people', TENANT, p.id))!;
    return { ...w, report, former: await person(w.lead), successor: await person(w.sit) };
  }

  it('when handed over, then the role and the open concerns move to the new lead, and the one handled stays with the former lead', async () => {
    const w = await handedOver();
    expect(w.report).toEqual({ from: { name: 'Connie Lead', email: 'connie.lead@council.example.org' }, to: { name: w.sit.name, email: w.sit.email }, moved: 1 });
    expect(w.former.roles).not.toContain('concernsLead');
    expect(w.successor.roles).toContain('concernsLead');
    expect((await listConcerns(w.store, TENANT, w.successor, TZ, builtInTemplates)).map((r) => r.concernId)).toEqual([w.newer.id]);
    expect(await openConcern(w.store, TENANT, w.successor, w.newer.id, TZ, builtInTemplates)).toMatchObject({ text: NEWER });
    // Handled before the handover: no longer anybody's to read in Teams.
    await expect(openConcern(w.store, TENANT, w.successor, w.older.id, TZ, builtInTemplates)).rejects.toBeInstanceOf(NotAllowedError);
  });

  it('when the former lead tries to list, open or mark a concern, then each is refused', async () => {
    const w = await handedOver();
    await expect(listConcerns(w.store, TENANT, w.former, TZ, builtInTemplates)).rejects.toBeInstanceOf(NotAllowedError);
    await expect(openConcern(w.store, TENANT, w.former, w.newer.id, TZ, builtInTemplates)).rejects.toBeInstanceOf(NotAllowedError);
    await expect(markConcernHandled(w, TENANT, w.former, w.newer.id, undefined, TZ)).rejects.toBeInstanceOf(NotAllowedError);
  });

  it('when handed over, then the audit records the people and concerns changed, never a word of a concern', async () => {
    const w = await handedOver();
    const audit = await w.store.find('audit', TENANT);
    expect(audit.filter((a) => a.action === 'concernsLead.handedOver').map((a) => a.recordId).sort()).toEqual([w.lead.id, w.sit.id].sort());
    expect(audit.filter((a) => a.action === 'concern.handedOver').map((a) => [a.actor, a.recordId])).toEqual(expect.arrayContaining([['cli:tester', w.newer.id]]));
    expect(JSON.stringify(audit)).not.toContain(NEWER);
    expect(JSON.stringify(audit)).not.toContain(OLDER);
  });

  it.each([
    ['from someone who is not the lead', 'olivia.officer@council.example.org', 'connie.lead@council.example.org', 'Olivia Officer (olivia.officer@council.example.org) is not the concerns lead: the concerns lead is Connie Lead (connie.lead@council.example.org).'],
    ['to nobody registered', 'connie.lead@council.example.org', 'nobody@council.example.org', 'Nobody in the people register has the e-mail nobody@council.example.org (the to-email).'],
    ['to the lead themselves', 'connie.lead@council.example.org', 'connie.lead@council.example.org', 'Connie Lead (connie.lead@council.example.org) is already the concerns lead.'],
  ])('when handed over %s, then it is refused with one line and nothing changes', async (_case, from, to, message) => {
    const w = await concernsWorld();
    const before = await w.store.dump();
    const refused = handOverConcernsLead(w.store, TENANT, 'cli:tester', from, to);
    await expect(refused).rejects.toBeInstanceOf(InvalidInputError);
    await expect(refused).rejects.toThrow(message);
    expect(await w.store.dump()).toEqual(before);
  });
});
