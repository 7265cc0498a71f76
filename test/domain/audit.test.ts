import { auditedValues, WITHHELD } from '../../src/domain/audit.js';

const meta = { id: 'r1', tenantId: 't', version: 1, createdAt: '2026-11-02T10:00:00Z', updatedAt: '2026-11-02T10:00:00Z' };

describe('auditedValues', () => {
  it('when a record is updated, then only the changed fields are kept, before and after, meta fields left out', () => {
    const before = { ...meta, urn: '110001', riskLevel: 'low', name: 'Oakwood' };
    const after = { ...meta, version: 2, urn: '110001', riskLevel: 'high', name: 'Oakwood' };
    expect(auditedValues('schools', before, after)).toEqual({ before: { riskLevel: 'low' }, after: { riskLevel: 'high' } });
  });

  it('when a field holding a list or an object is written again, then it is in the audit only if its content changed', () => {
    const inspections = [{ date: '2025-03-01', outcome: 'good', source: { kind: 'import', by: 'p1' } }];
    const before = { ...meta, inspections, partnerships: ['North'], contact: { name: 'A', phone: undefined } };
    // Equal content in new objects (keys in another order, a key left undefined): no change to record.
    const same = { ...meta, version: 2, inspections: [{ source: { by: 'p1', kind: 'import' }, outcome: 'good', date: '2025-03-01' }], partnerships: ['North'], contact: { name: 'A' } };
    expect(auditedValues('schools', before, same)).toEqual({ before: {}, after: {} });
    const changed = { ...same, inspections: [{ ...same.inspections[0]!, source: { kind: 'import', by: 'p2' } }], partnerships: ['North', 'South'] };
    expect(auditedValues('schools', before, changed)).toEqual({
      before: { inspections, partnerships: ['North'] },
      after: { inspections: changed.inspections, partnerships: ['North', 'South'] },
    });
  });

  it('when a record is inserted or deleted, then every field is on the one side it has', () => {
    expect(auditedValues('schools', undefined, { ...meta, urn: '110001' })).toEqual({ after: { urn: '110001' } });
    expect(auditedValues('schools', { ...meta, urn: '110001' }, undefined)).toEqual({ before: { urn: '110001' } });
  });

  it.each([
    ['visits', 'answers', { notes: 'Phonics strong' }],
    ['visits', 'attendees', [{ role: 'Deputy head', name: 'Dan Deputy' }]],
    ['notes', 'text', 'Budget pressure on staffing'],
    ['outbox', 'payload', { text: 'anything' }],
    ['concerns', 'text', 'The RE lead seemed afraid'],
    ['concerns', 'schoolUrn', '110001'],
    ['digests', 'content', { card: { name: 'sit-digest', data: { notes: ['Head off sick; deputy acting until Easter'] } }, summary: 'SIT digest' }],
  ])('when %s.%s changes, then the audit says it changed and never copies it', (collection, field, value) => {
    const out = auditedValues(collection, { ...meta }, { ...meta, [field]: value });
    expect(out).toEqual({ before: {}, after: { [field]: WITHHELD } });
    expect(JSON.stringify(out)).not.toContain(typeof value === 'string' ? value : JSON.stringify(value));
  });
});
