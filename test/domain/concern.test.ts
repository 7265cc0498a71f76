import { ConfidentialConcernSchema, isConcernOf, mayReadConcerns, separateConcern, theConcernsLead } from '../../src/domain/concern.js';
import { IntelligenceNoteSchema } from '../../src/domain/intelligence-note.js';
import { AgendaTemplateSchema } from '../../src/domain/agenda-template.js';
import { validateAnswers } from '../../src/domain/visit.js';
import { confidentialCollections } from '../../src/domain/collections.js';

const meta = { id: 'c1', tenantId: 't', version: 1, createdAt: '2026-10-01T09:00:00Z', updatedAt: '2026-10-01T09:00:00Z' };

describe('separateConcern', () => {
  it('when a card carries a concern, then it is taken out of the answers', () => {
    expect(separateConcern({ strengths: 'Assemblies', confidentialConcern: '  A worry about a member of staff ' })).toEqual({
      answers: { strengths: 'Assemblies' },
      concern: 'A worry about a member of staff',
    });
  });

  it.each([[''], ['   '], [undefined], [42]])('when the concern is %p, then there is no concern and no answer for it', (raw) => {
    expect(separateConcern({ strengths: 'Assemblies', confidentialConcern: raw })).toEqual({ answers: { strengths: 'Assemblies' } });
  });

  it('when a concern reaches validateAnswers anyway, then it is not kept as an answer', () => {
    const template = AgendaTemplateSchema.parse({
      id: 'trial-visit', name: 'Trial', version: 1, description: 'Test', visitType: 'other',
      items: [{ id: 'strengths', prompt: 'Strengths', kind: 'text' }],
    });
    expect(validateAnswers(template, { strengths: 'Assemblies', confidentialConcern: 'secret' }, 'submit')).toEqual({ answers: { strengths: 'Assemblies' }, errors: [] });
  });
});

describe('ConfidentialConcernSchema', () => {
  const concern = { ...meta, visitId: 'v1', schoolUrn: '100001', raisedBy: 'p1', text: 'A worry', raisedAt: '2026-10-01T09:00:00Z' };

  it('when a concern is raised, then it points to its visit and waits for the lead to be told', () => {
    expect(ConfidentialConcernSchema.parse(concern).leadNotifiedAt).toBeUndefined();
  });

  it.each([['empty', '  '], ['too long', 'x'.repeat(4001)]])('when the concern is %s, then it is refused', (_what, text) => {
    expect(ConfidentialConcernSchema.safeParse({ ...concern, text }).success).toBe(false);
  });

  it('when the collections are listed, then concerns is the confidential one', () => {
    expect(confidentialCollections).toContain('concerns');
  });
});

describe('mayReadConcerns', () => {
  it.each([
    [['concernsLead'] as const, true],
    [['admin'] as const, false],
    [['officer', 'sit'] as const, false],
    [['headteacher'] as const, false],
  ])('when the reader has roles %p, then allowed is %s', (roles, allowed) => {
    expect(mayReadConcerns({ roles: [...roles] })).toBe(allowed);
  });
});

describe('IntelligenceNoteSchema', () => {
  const note = { ...meta, schoolUrn: '100001', source: 'finance', text: 'Budget deficit forecast', author: 'p1', at: '2026-10-01T09:00:00Z' };

  it.each([['finance'], ['operations'], ['hr'], ['visit']])('when a note comes from %s, then it is accepted', (source) => {
    expect(IntelligenceNoteSchema.safeParse({ ...note, source }).success).toBe(true);
  });

  it('when a note names another source, then it is refused', () => {
    expect(IntelligenceNoteSchema.safeParse({ ...note, source: 'gossip' }).success).toBe(false);
  });
});

describe('the one named concerns lead', () => {
  const lead = { id: 'p-lead', roles: ['concernsLead' as const] };
  const former = { id: 'p-former', roles: ['officer' as const] };
  const officer = { id: 'p-officer', roles: ['officer' as const] };

  it.each([
    ['one holder', [officer, lead], lead],
    ['nobody', [officer], undefined],
    ['two holders (a store from before the rule): no guess', [lead, { ...officer, roles: ['concernsLead' as const] }], undefined],
  ])('when the register has %s, then the lead is as expected', (_case, people, expected) => {
    expect(theConcernsLead(people).lead).toEqual(expected);
  });

  it.each([
    ['raised to them', { leadId: 'p-lead' }, lead, true],
    ['raised while nobody held the role', {}, lead, true],
    ['handed over to someone else', { leadId: 'p-other' }, lead, false],
    ['theirs once, but they no longer hold the role', { leadId: 'p-former' }, former, false],
  ])('when a concern is %s, then it is theirs to read: %s', (_case, concern, person, expected) => {
    expect(isConcernOf(concern, person)).toBe(expected);
  });
});
