import { IsoDateSchema } from '../../src/domain/iso-date.js';
import { InspectionOutcomeSchema } from '../../src/domain/inspection.js';
import { TrainingSchema } from '../../src/domain/person.js';

const messageOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;

describe('dates as YYYY-MM-DD', () => {
  it('when a date is written another way, then every record that holds one says the same thing', () => {
    expect(messageOf(IsoDateSchema.safeParse('23/11/2026'))).toBe('a date as YYYY-MM-DD');
    expect(messageOf(TrainingSchema.safeParse({ templateId: 'sacre-re-visit', date: '23/11/2026' }))).toBe('a date as YYYY-MM-DD');
    expect(messageOf(InspectionOutcomeSchema.safeParse({ framework: 'legacy', date: '14-03-2019', overall: 'Good' }))).toBe('a date as YYYY-MM-DD');
  });

  it('when a date is YYYY-MM-DD, then it is accepted', () => {
    expect(TrainingSchema.parse({ templateId: 'sacre-re-visit', date: '2026-11-23' }).date).toBe('2026-11-23');
  });
});
