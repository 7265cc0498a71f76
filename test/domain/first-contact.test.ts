import { firstContactReminders, inOfstedCategory } from '../../src/domain/first-contact.js';
import type { InspectionOutcome } from '../../src/domain/inspection.js';

const ri: InspectionOutcome = { framework: 'legacy', date: '2023-05-10', overall: 'Requires Improvement' };
const sm: InspectionOutcome = { framework: 'legacy', date: '2024-02-01', overall: 'Inadequate', category: 'Special Measures' };
const good: InspectionOutcome = { framework: 'legacy', date: '2022-05-10', overall: 'Good' };
const rcCategory: InspectionOutcome = { framework: 'reportCard', date: '2026-01-20', grades: { inclusion: 'urgent improvement' }, safeguardingMet: true, category: 'special measures' };
const rcNeedsAttention: InspectionOutcome = { framework: 'reportCard', date: '2026-02-20', grades: { inclusion: 'needs attention' }, safeguardingMet: true };

const school = (urn: string, name: string, inspections: InspectionOutcome[], extra: { linkOfficerEmail?: string; status?: 'open' | 'closed' } = { linkOfficerEmail: `link-${urn}@la.example` }) => ({ urn, name, inspections, ...extra });
const schools = [
  school('110001', 'Ash Primary (RI, no meeting)', [ri]),
  school('110002', 'Beech Primary (special measures, meeting on 10 September)', [sm]),
  school('110003', 'Cedar Primary (report-card category, meeting after the window)', [rcCategory]),
  school('110004', 'Damson Primary (good)', [good]),
  school('110005', 'Elder Primary (RI, closed)', [ri], { linkOfficerEmail: 'x@la.example', status: 'closed' }),
  school('110006', 'Fir Primary (RI, then a report card without a category)', [ri, rcNeedsAttention]),
  school('110007', 'Gorse Primary (RI, no link officer)', [ri], {}),
];
const series = (schoolUrn: string, date: string) => ({ schoolUrn, seriesStart: { date, time: '10:00' }, intervalWeeks: 6, status: 'booked' as const, moved: [], endedOn: undefined });
const meetings = [series('110002', '2026-09-10'), series('110003', '2026-09-20')];

describe('firstContactReminders: the first two weeks of term', () => {
  it.each([
    ['the third day of the autumn term', '2026-09-03', ['110001', '110003', '110007']],
    ['the last day of the window', '2026-09-14', ['110001', '110003', '110007']],
    ['the day after the window', '2026-09-15', []],
    // Beech's series falls on 14 January (10 September + 18 weeks): inside the spring window; Cedar's on 24 January: outside.
    ['the spring term, where Beech has a meeting in the window', '2027-01-05', ['110001', '110003', '110007']],
    // Summer starts on Easter Sunday, 28 March 2027; Beech meets on 8 April, Cedar on 18 April.
    ['the summer term, where Beech again has a meeting in the window', '2027-03-29', ['110001', '110003', '110007']],
  ])('when it is %s (%s), then the reminders are for %j', (_what, today, urns) => {
    expect(firstContactReminders(schools, meetings, today).map((r) => r.schoolUrn)).toEqual(urns);
  });

  it('then each reminder names the link officer, the term and its window, and a key that is the same all window long', () => {
    const [first] = firstContactReminders(schools, meetings, '2026-09-03');
    expect(first).toEqual({
      schoolUrn: '110001',
      schoolName: 'Ash Primary (RI, no meeting)',
      linkOfficerEmail: 'link-110001@la.example',
      academicYear: '2026/27',
      term: 'autumn',
      windowStart: '2026-09-01',
      windowEnd: '2026-09-14',
      key: 'first-contact:110001:2026/27:autumn',
    });
    expect(firstContactReminders(schools, meetings, '2026-09-10')[0]!.key).toBe(first!.key);
    expect(firstContactReminders(schools, meetings, '2026-09-03').find((r) => r.schoolUrn === '110007')?.linkOfficerEmail).toBeUndefined();
  });

  it('when an ended series had its last meeting before the window, then the reminder is due', () => {
    const ended = [{ ...series('110002', '2026-06-01'), status: 'ended' as const, endedOn: '2026-08-01' }];
    expect(firstContactReminders(schools, ended, '2026-09-03').map((r) => r.schoolUrn)).toContain('110002');
  });

  it('then a school is in an Ofsted category by its latest inspection, either framework', () => {
    expect([[ri], [sm], [rcCategory], [good], [ri, rcNeedsAttention], []].map((inspections) => inOfstedCategory({ inspections }))).toEqual([true, true, true, false, false, false]);
  });
});
