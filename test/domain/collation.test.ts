import { collateAllPartnerships, collatePartnership, groupThemes, type CollationVisit } from '../../src/domain/collation.js';
import { declineReasonGroup } from '../../src/domain/decline-reasons.js';
import { collateSacre, type SacreItem } from '../../src/domain/sacre-collation.js';

const TZ = 'Europe/London';
const autumn = { from: '2026-09-01', to: '2026-12-31' };
const schools = [
  { urn: '100001', partnerships: ['North'] },
  { urn: '100002', partnerships: ['North'] },
  { urn: '100003', partnerships: ['North'] },
  { urn: '100004', partnerships: ['North'] },
  { urn: '200001', partnerships: ['South'] },
  { urn: '200002', partnerships: ['South'] },
  { urn: '300001', partnerships: ['East'] },
  { urn: '400001', partnerships: ['West'] },
];

type Finding = [theme: 'success' | 'challenge' | 'lesson' | 'nextStep', ...tags: string[]];
function visit(at: { urn?: string; partnership?: string }, findings: Finding[], more: Partial<CollationVisit> = {}): CollationVisit {
  return {
    schoolUrn: at.urn,
    partnership: at.partnership,
    visitType: 'partnership',
    status: 'submitted',
    visitedDate: '2026-10-05',
    submittedAt: '2026-10-05T15:00:00Z',
    createdAt: '2026-10-01T09:00:00Z',
    answers: {},
    themes: findings.map(([theme, ...tags]) => ({ theme, itemId: `${theme}Item`, text: 'typed words', tags })),
    ...more,
  };
}
const declined = (urn: string, reason: string, visitType: CollationVisit['visitType'] = 'partnership') =>
  visit({ urn }, [], { status: 'declined', declinedReason: reason, declinedAt: '2026-10-02T10:00:00Z', visitedDate: undefined, submittedAt: undefined, visitType });

describe('groupThemes: counting distinct units per theme, groups under three left out', () => {
  it('when a unit raises a theme twice, then it counts once; themes raised by fewer than three are hidden and counted', () => {
    const g = groupThemes([
      { unit: 'a', theme: 'success', tags: ['Recruitment', 'Funding'] },
      { unit: 'a', theme: 'success', tags: ['recruitment'] },
      { unit: 'b', theme: 'success', tags: ['Recruitment'] },
      { unit: 'c', theme: 'success', tags: ['Recruitment', 'Curriculum'] },
    ]);
    expect(g).toEqual({ standing: 'shown', count: 3, themes: [{ tag: 'Recruitment', count: 3 }], hiddenThemes: 2 });
  });

  it('when only one or two units raised anything, then nothing of it is shown, not even how many', () => {
    expect(groupThemes([{ unit: 'a', theme: 'lesson', tags: ['Funding'] }, { unit: 'b', theme: 'lesson', tags: ['Funding'] }])).toEqual({ standing: 'fewer', themes: [], hiddenThemes: 1 });
    expect(groupThemes([])).toEqual({ standing: 'none', themes: [], hiddenThemes: 0 });
  });
});

describe('collatePartnership', () => {
  const north = [
    visit({ urn: '100001', partnership: 'North' }, [['success', 'Recruitment', 'Funding'], ['challenge', 'Staff well-being'], ['nextStep', 'Curriculum']]),
    visit({ urn: '100001', partnership: 'North' }, [['success', 'Recruitment']], { visitedDate: '2026-11-05' }),
    visit({ urn: '100002', partnership: 'North' }, [['success', 'Recruitment'], ['challenge', 'Staff well-being'], ['nextStep', 'Curriculum']]),
    visit({ urn: '100003', partnership: 'North' }, [['success', 'Recruitment', 'Funding'], ['challenge', 'Relationships and trust'], ['nextStep', 'Curriculum']]),
    visit({ partnership: 'North' }, [['lesson', 'Funding']]),
    declined('100004', 'Ofsted next week'),
  ];

  it('when three schools report, then the four headings carry their themes with the number of schools, each school counted once', () => {
    const c = collatePartnership('north', schools, north, autumn, TZ);
    expect(c).toMatchObject({ enough: true, unit: 'school', reporting: 3, visits: 4, declined: 1, wholePartnershipVisits: 1 });
    if (!c.enough) throw new Error('expected enough');
    expect(c.headings.map((h) => [h.title, h.standing, h.count, h.themes, h.hiddenThemes])).toEqual([
      ['Main successes', 'shown', 3, [{ tag: 'Recruitment', count: 3 }], 1],
      ['Key challenges', 'shown', 3, [], 2],
      ['Lessons learned', 'none', undefined, [], 0],
      ['Next steps', 'shown', 3, [{ tag: 'Curriculum', count: 3 }], 0],
    ]);
  });

  it('when fewer than three schools report, then there is too little to report, and only the declines are counted', () => {
    expect(collatePartnership('North', schools, north.slice(0, 3), autumn, TZ)).toEqual({ enough: false, unit: 'school', declined: 0 });
    expect(collatePartnership('North', schools, [...north.slice(0, 3), north[5]!], autumn, TZ)).toEqual({ enough: false, unit: 'school', declined: 1 });
  });

  it('when visits fall outside the period, are drafts, another programme or another partnership, then they do not count', () => {
    const others = [
      visit({ urn: '100004' }, [['success', 'Recruitment']], { visitedDate: '2026-08-31' }),
      visit({ urn: '100004' }, [['success', 'Recruitment']], { status: 'draft' }),
      visit({ urn: '100004' }, [['success', 'Recruitment']], { visitType: 'annual' }),
      visit({ urn: '200001' }, [['success', 'Recruitment']]),
    ];
    expect(collatePartnership('North', schools, [...north, ...others], autumn, TZ)).toMatchObject({ reporting: 3, visits: 4 });
  });
});

describe('collateAllPartnerships: the report’s own form, counting partnerships', () => {
  it('when partnerships report, then each theme counts the partnerships it was raised in, by a school or at the partnership as a whole', () => {
    const visits = [
      visit({ urn: '100001', partnership: 'North' }, [['success', 'Recruitment']]),
      visit({ urn: '100002', partnership: 'North' }, [['success', 'Recruitment']]),
      visit({ urn: '200001' }, [['success', 'Recruitment'], ['lesson', 'Funding']]),
      visit({ partnership: 'East' }, [['success', 'Recruitment'], ['lesson', 'Funding']]),
      visit({ partnership: 'West' }, [['lesson', 'Funding']]),
      declined('200002', 'no time'),
    ];
    const c = collateAllPartnerships(schools, visits, autumn, TZ);
    expect(c).toMatchObject({ enough: true, unit: 'partnership', partnerships: 4, reporting: 4, visits: 5, declined: 1 });
    if (!c.enough) throw new Error('expected enough');
    expect(c.headings[0]).toMatchObject({ title: 'Main successes', count: 3, themes: [{ tag: 'Recruitment', count: 3 }] });
    expect(c.headings[2]).toMatchObject({ title: 'Lessons learned', count: 3, themes: [{ tag: 'Funding', count: 3 }] });
    expect(collateAllPartnerships(schools, visits.slice(0, 3), autumn, TZ)).toEqual({ enough: false, unit: 'partnership', declined: 0, partnerships: 4 });
  });
});

describe('declineReasonGroup', () => {
  it.each([
    ['Ofsted inspection due', 'An inspection or other priorities'],
    ['RE lead on maternity leave', 'Staff absence or changes'],
    ['Too busy this term', 'Time, workload or the dates offered'],
    ['Not interested', 'Not wanted or not seen as needed'],
    ['Mrs Smith said no', 'Another reason'],
    [undefined, 'Another reason'],
  ])('when the reason is %p, then it falls in %p', (reason, group) => {
    expect(declineReasonGroup(reason)).toBe(group);
  });
});

describe('collateSacre', () => {
  const items: SacreItem[] = [
    { id: 'teachingConfidence', prompt: 'How confident are staff in teaching RE?', kind: 'rag', theme: 'none' },
    { id: 'curriculumTime', prompt: 'Curriculum time', kind: 'text', theme: 'none' },
    { id: 'areasOfConfidence', prompt: 'Areas of confidence', kind: 'text', theme: 'success' },
    { id: 'areasLackingConfidence', prompt: 'Areas lacking confidence', kind: 'text', theme: 'challenge' },
  ];
  const sacre = (urn: string, confidence: string, success: string[], challenge: string[], visitedDate = '2026-10-05') => ({
    ...visit({ urn }, [], { visitType: 'sacre', visitedDate }),
    answers: { teachingConfidence: confidence, curriculumTime: 'typed' },
    themes: [
      { theme: 'success' as const, itemId: 'areasOfConfidence', text: 'typed', tags: success },
      { theme: 'challenge' as const, itemId: 'areasLackingConfidence', text: 'typed', tags: challenge },
    ].filter((t) => t.tags.length),
  });
  const visits = [
    sacre('100001', 'red', ['Curriculum'], ['Sharing expertise and CPD'], '2026-09-10'),
    sacre('100001', 'green', ['Curriculum'], ['Sharing expertise and CPD'], '2026-11-10'),
    sacre('100002', 'green', ['Curriculum'], ['Sharing expertise and CPD']),
    sacre('200001', 'green', ['Curriculum', 'Funding'], []),
    sacre('300001', 'amber', ['Curriculum'], ['Sharing expertise and CPD']),
    declined('400001', 'Ofsted imminent', 'sacre'),
    declined('100004', 'Ofsted in the spring', 'sacre'),
    declined('200002', 'awaiting inspection', 'sacre'),
    declined('100003', 'Mr Jones prefers not', 'sacre'),
  ];

  it('when SACRE visits are collated, then each agenda item under its heading counts schools per theme, ratings by each school’s latest visit, declines by reason group', () => {
    const c = collateSacre(items, visits, autumn, TZ);
    if (!c.enough) throw new Error('expected enough');
    expect(c).toMatchObject({ visited: 4, visits: 5 });
    expect(c.headings[0]!.items).toEqual([{ itemId: 'areasOfConfidence', prompt: 'Areas of confidence', standing: 'shown', count: 4, themes: [{ tag: 'Curriculum', count: 4 }], hiddenThemes: 1 }]);
    expect(c.headings[1]!.items[0]).toMatchObject({ standing: 'shown', count: 3, themes: [{ tag: 'Sharing expertise and CPD', count: 3 }] });
    expect(c.answers).toEqual([{ itemId: 'teachingConfidence', prompt: 'How confident are staff in teaching RE?', answered: 4, counts: [{ tag: 'green', count: 3 }], hidden: 1 }]);
    expect(c.declines).toEqual({ schools: 4, groups: [{ tag: 'An inspection or other priorities', count: 3 }], hidden: 1 });
  });

  it('when fewer than three schools were visited, then only the declines are collated', () => {
    expect(collateSacre(items, visits.slice(0, 3), autumn, TZ)).toEqual({ enough: false, declines: { schools: 0, groups: [], hidden: 0 } });
  });
});
