import { governanceOf, isChurchSchool, matchSchools } from '../../src/domain/school.js';

describe('matchSchools', () => {
  const schools = [
    { urn: '100001', name: 'Oakwood Primary School' },
    { urn: '100002', name: 'Oakwood Infant School' },
    { urn: '100003', name: 'St Mary CE Primary' },
  ];

  it('when given a URN, then finds that school alone', () => {
    expect(matchSchools(schools, '100003').map((s) => s.urn)).toEqual(['100003']);
  });

  it('when part of a name fits several schools, then returns them all for a choice card', () => {
    expect(matchSchools(schools, 'oakwood').map((s) => s.urn)).toEqual(['100002', '100001']);
  });

  it('when the whole name is given, then the exact match wins over longer names', () => {
    expect(matchSchools([...schools, { urn: '100004', name: 'Oakwood' }], 'Oakwood').map((s) => s.urn)).toEqual(['100004']);
  });

  it('when typed with a plain apostrophe and no accents, then finds the GIAS name with curly ones', () => {
    const gias = [{ urn: '100005', name: 'St Mary’s CE Primary' }, { urn: '100006', name: 'Ysgol Gymraeg Llwynderw' }, { urn: '100007', name: 'École Française' }];
    expect(matchSchools(gias, "st mary's").map((s) => s.urn)).toEqual(['100005']);
    expect(matchSchools(gias, 'ecole').map((s) => s.urn)).toEqual(['100007']);
  });

  it('when the text starts a word, then only names with a word starting with it are found, those starting with it first', () => {
    const town = [
      { urn: '100011', name: 'Castle Primary School' },
      { urn: '100012', name: 'Market Street Primary' },
      { urn: '100013', name: 'St Mary CE Primary' },
      { urn: '100014', name: 'Stanley Park Infants' },
    ];
    expect(matchSchools(town, 'st').map((s) => s.name)).toEqual(['St Mary CE Primary', 'Stanley Park Infants', 'Market Street Primary']);
    expect(matchSchools(town, 'stle')).toEqual([]);
  });

  it('when nothing fits, then returns nothing', () => {
    expect(matchSchools(schools, 'Elm')).toEqual([]);
  });
});

describe('governanceOf', () => {
  it.each([
    ['Local authority maintained schools', 'Voluntary aided school', 'maintained'],
    ['Academies', 'Academy converter', 'academy'],
    ['Free Schools', 'Free schools', 'academy'],
    ['Independent schools', 'Other independent school', 'other'],
    ['Special schools', 'Non-maintained special school', 'other'],
    ['Special schools', 'Community special school', 'maintained'],
    ['Special schools', 'Foundation special school', 'maintained'],
  ])('%s / %s is %s', (group, type, expected) => {
    expect(governanceOf(group, type)).toBe(expected);
  });
});

describe('isChurchSchool', () => {
  it.each([
    ['Church of England', true],
    ['Roman Catholic', true],
    ['Does not apply', false],
    ['None', false],
    [undefined, false],
  ])('%s → %s', (rc, expected) => {
    expect(isChurchSchool({ religiousCharacter: rc })).toBe(expected);
  });
});
