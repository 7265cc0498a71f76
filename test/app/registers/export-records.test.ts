import { EXPORT_CONTRACT_COLLECTIONS, exportedCollections, exportRecords } from '../../../src/app/registers/export-records.js';
import { collectionNames, confidentialCollections, internalCollections, unfinishedCollections } from '../../../src/domain/collections.js';
import { MemoryStore } from '../../../src/store/memory.store.js';
import { seedDemoData } from '../../../src/app/demo/seed-demo.js';
import { fixedClock } from '../../../src/app/ports/clock.port.js';
import { builtInTemplates } from '../../support/built-in-templates.js';
import { aSchool } from '../../support/builders.js';
import { anActionPlan } from '../../support/plan-builders.js';

const TENANT = 'tenant-a';
const CONCERN_TEXT = 'The head mentioned a safeguarding worry about a named pupil';

async function storeWithAConcern(): Promise<MemoryStore> {
  const store = new MemoryStore(() => new Date('2026-11-23T09:00:00Z'));
  await seedDemoData(store, TENANT, fixedClock('2026-11-23T09:00:00Z'));
  await seedDemoData(store, 'tenant-b', fixedClock('2026-11-23T09:00:00Z'));
  await store.transact(
    async (tx) => {
      await tx.insert('concerns', TENANT, { visitId: 'visit-1', schoolUrn: '990005', raisedBy: 'demo-person-alex-wilber', text: CONCERN_TEXT, raisedAt: '2026-11-23T09:00:00Z' });
      await tx.insert('conversations', TENANT, { kind: 'personal', aadObjectId: 'aad-1', reference: {} });
    },
    { actor: 'demo-person-alex-wilber' },
  );
  return store;
}

describe('exportRecords', () => {
  it('then every collection the contract names is present, and no confidential or internal one', () => {
    const names = exportedCollections();
    for (const c of EXPORT_CONTRACT_COLLECTIONS) expect(names).toContain(c);
    for (const c of [...confidentialCollections, ...internalCollections]) expect(names).not.toContain(c);
  });

  it('when a collection is added to the registry, then it is exported without a change here', () => {
    const ordinary = collectionNames.filter((c) => !confidentialCollections.includes(c) && !internalCollections.includes(c) && !unfinishedCollections.includes(c));
    expect(exportedCollections()).toEqual(expect.arrayContaining(ordinary));
  });

  it('when the store holds saved drafts of forms, then the export leaves the collection out', () => {
    expect(exportedCollections()).not.toContain('formDrafts');
  });

  it('when the store holds a confidential concern, then neither it nor its audit event nor its text is exported', async () => {
    const store = await storeWithAConcern();
    const out = await exportRecords(store, TENANT, builtInTemplates);
    expect(Object.keys(out).sort()).toEqual(exportedCollections().sort());
    expect(out.concerns).toBeUndefined();
    expect(out.conversations).toBeUndefined();
    expect(JSON.stringify(out)).not.toContain(CONCERN_TEXT);
    expect((out.audit as { collection: string }[]).some((a) => a.collection === 'concerns')).toBe(false);
    // Nor the audit events of the bot's plumbing: an outbox item or a conversation made just then would point to it.
    expect((out.audit as { collection: string }[]).filter((a) => internalCollections.includes(a.collection as never))).toEqual([]);
    expect(out.schools).toHaveLength(12);
    expect(out.riskChanges).toEqual([]);
  });

  it('when a risk change is stored, then the export carries it under riskChanges', async () => {
    const store = await storeWithAConcern();
    const change = {
      schoolUrn: '990005', fromLevel: 'medium', proposedLevel: 'high', criterion: 'notResponding' as const, evidence: 'Actions missed two terms running.',
      nextMonitoringMeetingOn: '2026-12-04', proposedBy: 'demo-person-alex-wilber', proposedAt: '2026-11-23T09:00:00Z', status: 'proposed' as const, source: 'dialogue' as const,
    };
    await store.transact((tx) => tx.insert('riskChanges', TENANT, change).then(() => undefined), { actor: 'demo-person-alex-wilber' });
    const out = await exportRecords(store, TENANT, builtInTemplates);
    expect(out.riskChanges).toEqual([expect.objectContaining(change)]);
  });

  it('when the store holds another tenant, then only this tenant\'s records are exported', async () => {
    const store = await storeWithAConcern();
    const out = await exportRecords(store, TENANT, builtInTemplates);
    for (const rows of Object.values(out)) for (const r of rows as { tenantId: string }[]) expect(r.tenantId).toBe(TENANT);
  });

  it('when a school has an individual staff support plan, then the export keeps its frame and redacts every word written in it; the school plan is whole', async () => {
    const store = new MemoryStore(() => new Date('2026-11-23T09:00:00Z'));
    const school = aSchool(0);
    await store.transact(
      async (tx) => {
        await tx.insert('actionPlans', TENANT, anActionPlan(school));
        await tx.insert('actionPlans', TENANT, anActionPlan(school, { id: 'plan-individual', kind: 'individual', title: 'Support for Jamie Teacher', monitoring: 'Jamie meets the head weekly' }));
      },
      { actor: 'test' },
    );
    const out = await exportRecords(store, TENANT, builtInTemplates);
    const text = JSON.stringify(out.actionPlans);
    expect(text).not.toContain('Jamie');
    const individual = (out.actionPlans as { id: string; title: string; actions: { ownerName: string; milestones: { due: string }[] }[] }[]).find((p) => p.id === 'plan-individual')!;
    expect(individual).toMatchObject({ title: '[redacted]', actions: [{ ownerName: '[redacted]', milestones: [{ due: '2027-01-15' }] }, { ownerName: '[redacted]' }] });
    expect(text).toContain('Daily phonics catch-up for the Year 4 target group');
  });
});
