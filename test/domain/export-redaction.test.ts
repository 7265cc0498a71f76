import { describe, expect, it } from '@jest/globals';
import { isExported, nameItemsByTemplate, REDACTED, redactVisit } from '../../src/domain/export-redaction.js';
import type { VisitStatus } from '../../src/domain/visit.js';

describe('what an export holds of a visit', () => {
  it.each<[VisitStatus, boolean]>([
    ['planned', false],
    ['draft', false],
    ['submitted', true],
    ['declined', true],
  ])('when a visit is %s, then it is exported: %s', (status, expected) => {
    expect(isExported({ status })).toBe(expected);
  });

  it('when an item is marked as holding names in any version, then it is a names item of every version', () => {
    const items = nameItemsByTemplate([
      { id: 'sit-support-visit', items: [{ id: 'actionsAgreed', prompt: 'Actions', kind: 'text', required: false, theme: 'none' }] },
      { id: 'sit-support-visit', items: [{ id: 'actionsAgreed', prompt: 'Actions', kind: 'text', required: false, theme: 'none', holdsNames: true }] },
      { id: 'other', items: [{ id: 'focus', prompt: 'Focus', kind: 'text', required: false, theme: 'none' }] },
    ]);
    expect([...items.get('sit-support-visit')!]).toEqual(['actionsAgreed']);
    expect([...items.get('other')!]).toEqual([]);
  });

  it('when a visit is redacted, then the marked answers, their theme entries and the attendees’ names read [redacted], and nothing else changes', () => {
    const visit = {
      id: 'v1',
      attendees: [{ role: 'Headteacher', name: 'Harriet Head' }],
      answers: { focus: 'Phonics', actionsAgreed: 'Mr Grimshaw to observe Year 2' },
      themes: [
        { theme: 'nextStep' as const, itemId: 'actionsAgreed', text: 'Mr Grimshaw to observe Year 2', tags: [] },
        { theme: 'success' as const, itemId: 'focus', text: 'Phonics', tags: [] },
      ],
    };
    expect(redactVisit(visit, new Set(['actionsAgreed']))).toEqual({
      id: 'v1',
      attendees: [{ role: 'Headteacher', name: REDACTED }],
      answers: { focus: 'Phonics', actionsAgreed: REDACTED },
      themes: [
        { theme: 'nextStep', itemId: 'actionsAgreed', text: REDACTED, tags: [] },
        { theme: 'success', itemId: 'focus', text: 'Phonics', tags: [] },
      ],
    });
    expect(visit.answers.actionsAgreed).toBe('Mr Grimshaw to observe Year 2');
  });
});
