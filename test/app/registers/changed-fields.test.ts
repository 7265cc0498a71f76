import { changedFields } from '../../../src/app/registers/changed-fields.js';
import type { School } from '../../../src/domain/school.js';

const stored = {
  id: 's1', tenantId: 't', version: 3, createdAt: '2026-11-02T10:00:00Z', updatedAt: '2026-11-02T10:00:00Z',
  name: 'Oakwood Primary School', partnerships: ['North'], inspections: [{ date: '2025-03-01', outcome: 'good' }],
} as unknown as School;

describe('changedFields (what an import writes to a record it already holds)', () => {
  it('when a re-import says the same, keys in another order and a field left undefined, then nothing is written', () => {
    expect(changedFields(stored, { name: 'Oakwood Primary School', partnerships: ['North'], inspections: [{ outcome: 'good', date: '2025-03-01' }], headteacherEmail: undefined } as never)).toEqual({});
  });

  it('when a value differs, however deep, then only that field is written', () => {
    expect(changedFields(stored, { name: 'Oakwood Primary School', inspections: [{ date: '2025-03-01', outcome: 'outstanding' }] } as never)).toEqual({ inspections: [{ date: '2025-03-01', outcome: 'outstanding' }] });
  });
});
