import { governanceOf, isChurchSchool, matchSchools, shortSchoolName } from '../../src/domain/school.js';

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

describe('shortSchoolName', () => {
  const town = [
    { urn: '100021', name: 'Oakwood Primary School' },
    { urn: '100022', name: 'Oakwood Infant School' },
    { urn: '100023', name: 'St Mary’s CE Primary' },
    { urn: '100024', name: "St Joseph's Catholic Primary" },
    { urn: '100025', name: 'Hilltop' },
    { urn: '100026', name: 'Hilltop Community School' },
    { urn: '100027', name: 'Castle View Academy' },
    { urn: '100028', name: 'Castle View Academy' },
  ];
  const shortName = (urn: string) => shortSchoolName(town, town.find((s) => s.urn === urn)!);

  it('when the first word finds the school alone, then it is named by that word, in lower case', () => {
    expect(shortName('100023')).not.toBe('st');
    expect(shortSchoolName(town.slice(2), town[2]!)).toBe("st mary's");
    expect(shortSchoolName([town[0]!, town[2]!], town[0]!)).toBe('oakwood');
  });

  it('when a lone short first word would find the school alone, then more words are kept, so an example never reads "visit st"', () => {
    const lone = [town[2]!, town[0]!];
    expect(shortSchoolName(lone, town[2]!)).toBe("st mary's");
  });

  it('when the first words fit several schools, then as many words are kept as find it alone, and every such name finds it', () => {
    expect(shortName('100021')).toBe('oakwood primary');
    expect(shortName('100022')).toBe('oakwood infant');
    expect(shortName('100024')).toBe("st joseph's");
    for (const s of town.slice(0, 4)) expect(matchSchools(town, shortSchoolName(town, s))).toEqual([s]);
  });

  it('when a shorter start is another school\'s whole name, then the longer name is kept', () => {
    expect(shortName('100025')).toBe('hilltop');
    expect(shortName('100026')).toBe('hilltop community');
  });

  it('when no start of its name finds it alone, then it is named in full; when another school has the same name, by its URN', () => {
    expect(shortSchoolName([town[6]!, town[0]!], town[6]!)).toBe('castle');
    expect(shortSchoolName([town[6]!, { urn: '100029', name: 'Castle View Primary' }], town[6]!)).toBe('castle view academy');
    expect(shortName('100027')).toBe('100027');
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
