import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { MemoryStore } from '../../src/store/memory.store.js';
import { aConcernsLead, anOfficer, aSchool } from '../support/builders.js';
import { CLI_TENANT, runCliOn } from '../support/cli-run.js';
import { aVisit } from '../support/visits.js';

const CONCERN = 'The RE lead seemed afraid to speak while the deputy was in the room';
const NOTE = 'Rang the chair of governors';
const lead = aConcernsLead('Connie Lead');
const officer = anOfficer('Olivia Officer');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-concerns-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A store with one handled concern in the CLI's tenant and one in another tenant's. */
async function storeWithConcerns(): Promise<{ store: MemoryStore; concernId: string }> {
  const store = new MemoryStore();
  const school = aSchool(1);
  const { value: concernId } = await store.transact(
    async (tx) => {
      await tx.insert('schools', CLI_TENANT, school);
      for (const p of [lead, officer]) await tx.insert('people', CLI_TENANT, p);
      const visit = await tx.insert('visits', CLI_TENANT, aVisit(school, '2026-11-20', { templateId: 'sacre-re-visit', visitorId: officer.id! }));
      const raised = { visitId: visit.id, schoolUrn: school.urn, raisedBy: officer.id!, text: CONCERN, raisedAt: '2026-11-20T15:00:00Z' };
      await tx.insert('concerns', 'another-tenant', { ...raised, text: 'another council’s concern' });
      const concern = await tx.insert('concerns', CLI_TENANT, { ...raised, handled: { at: '2026-11-21T09:00:00Z', by: lead.id!, note: NOTE } });
      return concern.id;
    },
    { actor: 'test' },
  );
  return { store, concernId };
}

describe('npm run cli -- export-concerns', () => {
  it("when given the concerns lead's e-mail, then only their concerns are written, with the lead's note, and each export is audited without the text", async () => {
    const { store, concernId } = await storeWithConcerns();
    const file = join(dir, 'concerns.json');
    const { code, out, err } = await runCliOn(store, ['export-concerns', file, '--lead', lead.email]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toBe(`Exported 1 confidential concern for Connie Lead to ${file}.\n`);

    const written = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(written).sort()).toEqual(['concerns', 'exportedAt', 'lead']);
    expect(written.lead).toEqual({ name: 'Connie Lead', email: lead.email });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(written.concerns).toEqual([
      expect.objectContaining({ id: concernId, text: CONCERN, handled: expect.objectContaining({ note: NOTE }), schoolName: "St Mary's CE Primary School", raisedByName: 'Olivia Officer', visitDate: '2026-11-20', visitType: 'SACRE RE visit' }),
    ]);

    const audit = await store.find('audit', CLI_TENANT, { action: 'concern.exported' });
    expect(audit).toEqual([expect.objectContaining({ actor: 'cli:tester', collection: 'concerns', recordId: concernId })]);
    expect(JSON.stringify(await store.find('audit', CLI_TENANT))).not.toContain(CONCERN);
  });

  it('when the e-mail is not the concerns lead’s, then it exits 1 with one line and writes nothing', async () => {
    const { store } = await storeWithConcerns();
    const file = join(dir, 'concerns.json');
    const { code, out, err } = await runCliOn(store, ['export-concerns', file, '--lead', officer.email]);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(`error: Olivia Officer (${officer.email}) is not the confidential-concerns lead: concerns are exported only for the concerns lead.\n`);
    expect(existsSync(file)).toBe(false);
    expect(await store.find('audit', CLI_TENANT, { action: 'concern.exported' })).toEqual([]);
  });

  it('when the e-mail is nobody’s, or no lead is named, then it exits 1 with one line and writes nothing', async () => {
    const { store } = await storeWithConcerns();
    const file = join(dir, 'concerns.json');
    const unknown = await runCliOn(store, ['export-concerns', file, '--lead', 'someone@council.example.org']);
    expect([unknown.code, unknown.err]).toEqual([1, 'error: Nobody in the people register has the e-mail someone@council.example.org.\n']);
    const unnamed = await runCliOn(store, ['export-concerns', file]);
    expect(unnamed.code).toBe(1);
    expect(unnamed.err).toBe("error: required option '--lead <email>' not specified\n");
    expect(existsSync(file)).toBe(false);
  });

  it('when the lead has exported theirs, then the ordinary export still holds no concern, no note and no audit entry about one', async () => {
    const { store } = await storeWithConcerns();
    expect((await runCliOn(store, ['export-concerns', join(dir, 'concerns.json'), '--lead', lead.email])).code).toBe(0);
    const file = join(dir, 'export.json');
    expect((await runCliOn(store, ['export', file])).code).toBe(0);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(CONCERN);
    expect(text).not.toContain(NOTE);
    expect(text).not.toContain('concern.');
    expect(JSON.parse(text)).not.toHaveProperty('concerns');
  });
});
