import { readFile } from 'node:fs/promises';
import { MemoryStore } from '../../../src/store/memory.store.js';
import { addTemplate, getTemplate, listTemplates, pinnedTemplate, pinTemplateVersion, templatesAvailableTo } from '../../../src/app/visits/templates.js';
import { builtInTemplates as builtIns } from '../../support/built-in-templates.js';
import { InvalidInputError, NotFoundError } from '../../../src/domain/errors.js';

const tenantId = 'tenant-a';

async function builtInJson(id: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(new URL(`../../../templates/${id}.json`, import.meta.url), 'utf8'));
}

const trialTemplate = {
  id: 'trial-visit',
  name: 'Trial visit',
  description: 'A visit used in tests.',
  visitType: 'other',
  items: [{ id: 'summary', prompt: 'Summary', kind: 'text', required: true }],
};

describe('built-in templates', () => {
  it('when a visit was started, then its version is read from the store, whatever the built-ins are now', async () => {
    const store = new MemoryStore();
    const v1 = await getTemplate(store, tenantId, 'sacre-re-visit', undefined, builtIns);
    await expect(pinnedTemplate(store, tenantId, { templateId: 'sacre-re-visit', templateVersion: 1 })).rejects.toThrow(NotFoundError);
    await store.transact((tx) => pinTemplateVersion(tx, tenantId, v1), { actor: 'officer-1' });
    expect((await pinnedTemplate(store, tenantId, { templateId: 'sacre-re-visit', templateVersion: 1 })).name).toBe('SACRE RE visit');
  });


  it('when the caller passes the built-ins read at start-up, then those are used', async () => {
    const renamed = builtIns.map((t) => (t.id === 'sacre-re-visit' ? { ...t, name: 'SACRE RE visit (as loaded at start-up)' } : t));
    expect((await getTemplate(new MemoryStore(), tenantId, 'sacre-re-visit', undefined, renamed)).name).toBe('SACRE RE visit (as loaded at start-up)');
  });

  it('when the SACRE agenda is read, then it needs training and copies the school and its RE lead', async () => {
    const sacre = await getTemplate(new MemoryStore(), tenantId, 'sacre-re-visit', undefined, builtIns);
    expect(sacre).toMatchObject({ trainingRequired: true, schoolGetsCopy: true, copyAlsoTo: ['reLead'], countsTowardEntitlement: false });
    expect(sacre.attendees).toEqual(expect.arrayContaining(['RE lead', 'Governor representative']));
  });

  it("when the built-in agendas are read, then none carries one council's document reference in what people read", () => {
    for (const t of builtIns) expect(JSON.stringify([t.name, t.description, t.items, t.attendees])).not.toMatch(/Rutland|\bplan \d/i);
  });

  it('when the LA annual visit is read, then it rates each of the eleven Rutland areas with a comment', async () => {
    const annual = await getTemplate(new MemoryStore(), tenantId, 'la-annual-visit', undefined, builtIns);
    const ratings = annual.items.filter((i) => i.kind === 'rag');
    expect(ratings).toHaveLength(11);
    for (const r of ratings) expect(annual.items.some((i) => i.id === `${r.id}Notes` && i.kind === 'text')).toBe(true);
  });

  it('when the partnership visit is read, then its four headings feed the four digest themes', async () => {
    const p = await getTemplate(new MemoryStore(), tenantId, 'partnership-development-visit', undefined, builtIns);
    const required = p.items.filter((i) => i.required && i.theme !== 'none').map((i) => i.theme);
    expect(required).toEqual(['success', 'challenge', 'lesson', 'nextStep']);
  });
});

describe('addTemplate', () => {
  it('when a new template is added, then it is listed beside the built-ins as version 1', async () => {
    const store = new MemoryStore();
    const added = await addTemplate(store, tenantId, trialTemplate, 'cli:admin', builtIns);
    expect(added).toMatchObject({ created: true, template: { id: 'trial-visit', version: 1 } });
    const list = await listTemplates(store, tenantId, builtIns);
    expect(list.map((t) => t.id)).toContain('trial-visit');
    expect(list).toHaveLength(5);
  });

  it('when a built-in id is added again with changes, then it becomes version 2 and version 1 stays readable', async () => {
    const store = new MemoryStore();
    const sacre = await builtInJson('sacre-re-visit');
    const added = await addTemplate(store, tenantId, { ...sacre, name: 'SACRE RE visit (2027)' }, 'cli:admin', builtIns);
    expect(added.template.version).toBe(2);
    expect((await getTemplate(store, tenantId, 'sacre-re-visit', undefined, builtIns)).name).toBe('SACRE RE visit (2027)');
    expect((await getTemplate(store, tenantId, 'sacre-re-visit', 1, builtIns)).name).toBe('SACRE RE visit');
    expect((await listTemplates(store, tenantId, builtIns)).filter((t) => t.id === 'sacre-re-visit')).toHaveLength(1);
  });

  it('when the same file is added twice, then only one version is stored', async () => {
    const store = new MemoryStore();
    await addTemplate(store, tenantId, trialTemplate, 'cli:admin', builtIns);
    const again = await addTemplate(store, tenantId, trialTemplate, 'cli:admin', builtIns);
    expect(again).toMatchObject({ created: false, template: { version: 1 } });
    expect(await store.find('templates', tenantId)).toHaveLength(1);
  });

  it('when a template is invalid, then the error names the field and nothing is stored', async () => {
    const store = new MemoryStore();
    const bad = { ...trialTemplate, items: [{ id: 'summary', prompt: 'Summary', kind: 'essay' }] };
    await expect(addTemplate(store, tenantId, bad, 'cli:admin', builtIns)).rejects.toThrow(InvalidInputError);
    await expect(addTemplate(store, tenantId, bad, 'cli:admin', builtIns)).rejects.toMatchObject({ field: 'items[0].kind' });
    expect(await store.find('templates', tenantId)).toHaveLength(0);
  });

  it('when another tenant added a template, then this tenant does not see it', async () => {
    const store = new MemoryStore();
    await addTemplate(store, 'tenant-b', trialTemplate, 'cli:admin', builtIns);
    expect((await listTemplates(store, tenantId, builtIns)).map((t) => t.id)).not.toContain('trial-visit');
  });

  it('when an addition is made, then the audit log records it without its content', async () => {
    const store = new MemoryStore();
    await addTemplate(store, tenantId, trialTemplate, 'cli:admin', builtIns);
    const audit = await store.find('audit', tenantId);
    expect(audit).toEqual([expect.objectContaining({ action: 'template.added', recordId: 'trial-visit@1', actor: 'cli:admin' })]);
  });
});

describe('getTemplate', () => {
  it('when the id or version does not exist, then NotFoundError says which', async () => {
    const store = new MemoryStore();
    await expect(getTemplate(store, tenantId, 'nothing-here', undefined, builtIns)).rejects.toThrow(NotFoundError);
    await expect(getTemplate(store, tenantId, 'sacre-re-visit', 7, builtIns)).rejects.toThrow('Version 7 of the agenda template sacre-re-visit');
  });

  it('when a release replaces a pinned built-in, then the pinned version still renders the old visit', async () => {
    const store = new MemoryStore();
    const v1 = await getTemplate(store, tenantId, 'sacre-re-visit', undefined, builtIns);
    await store.transact((tx) => pinTemplateVersion(tx, tenantId, v1), { actor: 'officer-1' });
    await store.transact((tx) => pinTemplateVersion(tx, tenantId, v1), { actor: 'officer-2' });
    expect(await store.find('templates', tenantId)).toHaveLength(1);
    const v2 = { ...v1, version: 2, name: 'SACRE RE visit, new edition' };
    expect((await getTemplate(store, tenantId, 'sacre-re-visit', 1, [v2])).name).toBe('SACRE RE visit');
    expect((await getTemplate(store, tenantId, 'sacre-re-visit', undefined, [v2])).version).toBe(2);
  });
});

describe('templatesAvailableTo', () => {
  it.each([
    ['an officer without SACRE training', { roles: ['officer' as const], trainedFor: [] }, ['la-annual-visit', 'partnership-development-visit', 'sit-support-visit']],
    ['an officer trained for SACRE visits', { roles: ['officer' as const], trainedFor: [{ templateId: 'sacre-re-visit' }] }, ['la-annual-visit', 'partnership-development-visit', 'sacre-re-visit', 'sit-support-visit']],
    ['an officer whose SACRE training is booked for next month', { roles: ['officer' as const], trainedFor: [{ templateId: 'sacre-re-visit', date: '2026-12-20' }] }, ['la-annual-visit', 'partnership-development-visit', 'sit-support-visit']],
    ['a headteacher', { roles: ['headteacher' as const], trainedFor: [] }, []],
  ])('when %s asks, then they are offered only the templates they may use', async (_who, person, expected) => {
    const ids = (await templatesAvailableTo(new MemoryStore(), tenantId, person, builtIns, '2026-11-23')).map((t) => t.id).sort();
    expect(ids).toEqual(expected);
  });
});
