import { giasDate, mapGiasRows, withLegacyInspection } from '../../../src/app/registers/gias.js';
import { InvalidInputError } from '../../../src/domain/errors.js';
import { GIAS_COLUMNS, giasRow, giasTable, tableOf } from '../../support/register-builders.js';

const TODAY = '2026-11-23';

describe('mapGiasRows', () => {
  it('when a row is a church voluntary aided primary, then it reads type, governance, faith, diocese, head and nursery', () => {
    const { schools, problems } = mapGiasRows(
      giasTable([
        giasRow('110001', 'St Mary’s CE Primary', {
          'TypeOfEstablishment (name)': 'Voluntary aided school',
          'ReligiousCharacter (name)': 'Church of England',
          'Diocese (name)': 'Diocese of Derby',
          'NurseryProvision (name)': 'Has Nursery Classes',
          HeadFirstName: 'Siân',
          HeadLastName: 'O’Brien',
        }),
      ]),
      TODAY,
    );
    expect(problems).toEqual([]);
    expect(schools[0]!.fields).toMatchObject({
      urn: '110001',
      name: 'St Mary’s CE Primary',
      phase: 'Primary',
      establishmentType: 'Voluntary aided school',
      establishmentGroup: 'Local authority maintained schools',
      governance: 'maintained',
      religiousCharacter: 'Church of England',
      diocese: 'Diocese of Derby',
      headteacherName: 'Siân O’Brien',
      hasNursery: true,
      hasSixthForm: false,
    });
  });

  it('when the row has an address, then it is kept for meetings at the school, empty cells and "Not applicable" left out', () => {
    const { schools } = mapGiasRows(
      giasTable([giasRow('110001', 'Oakfield Primary', { Street: 'Hollybank Road', Locality: '', Address3: '', Town: 'Derby', 'County (name)': 'Not applicable', Postcode: 'DE22 3AB' })]),
      TODAY,
    );
    expect(schools[0]!.fields.address).toEqual({ street: 'Hollybank Road', town: 'Derby', postcode: 'DE22 3AB' });
  });

  it('when a school has no religious character, then neither faith nor diocese is recorded', () => {
    const { schools } = mapGiasRows(giasTable([giasRow('110002', 'Oakfield Primary')]), TODAY);
    expect(schools[0]!.fields.religiousCharacter).toBeUndefined();
    expect(schools[0]!.fields.diocese).toBeUndefined();
  });

  it('when an establishment is closed, then it is skipped with the reason and its closing date', () => {
    const { schools, skipped } = mapGiasRows(
      giasTable([giasRow('110004', 'Old Mill Junior', { 'EstablishmentStatus (name)': 'Closed', CloseDate: '31-08-2020' })]),
      TODAY,
    );
    expect(schools).toEqual([]);
    expect(skipped).toEqual([{ row: 2, urn: '110004', name: 'Old Mill Junior', reason: 'closed on 31-08-2020' }]);
  });

  it('when an establishment is closed, then it is also listed as a closure with its closing date as YYYY-MM-DD (none when the date is missing)', () => {
    const { closures } = mapGiasRows(
      giasTable([
        giasRow('110004', 'Old Mill Junior', { 'EstablishmentStatus (name)': 'Closed', CloseDate: '31-08-2020' }),
        giasRow('110005', 'Hilltop', { 'EstablishmentStatus (name)': 'Closed' }),
        giasRow('110006', 'Brookside'),
      ]),
      TODAY,
    );
    expect(closures).toEqual([
      { row: 2, urn: '110004', name: 'Old Mill Junior', closedOn: '2020-08-31' },
      { row: 3, urn: '110005', name: 'Hilltop' },
    ]);
  });

  it.each(['Open, but proposed to close', 'Proposed to open'])('when the status is "%s", then the school is imported', (status) => {
    const { schools, skipped } = mapGiasRows(giasTable([giasRow('110005', 'Hilltop', { 'EstablishmentStatus (name)': status })]), TODAY);
    expect(schools).toHaveLength(1);
    expect(skipped).toEqual([]);
  });

  it.each([
    ['Outstanding', '10-05-2013', { overall: 'Outstanding', date: '2013-05-10' }],
    ['Requires improvement', '25-01-2023', { overall: 'Requires Improvement', date: '2023-01-25' }],
    ['Serious Weaknesses', '11-07-2022', { overall: 'Inadequate', category: 'Serious Weaknesses', date: '2022-07-11' }],
    ['Special Measures', '11-07-2022', { overall: 'Inadequate', category: 'Special Measures', date: '2022-07-11' }],
  ])('when OfstedRating is %s on %s, then the matching legacy judgement is derived', (rating, date, expected) => {
    const { schools } = mapGiasRows(giasTable([giasRow('110006', 'A School', { 'OfstedRating (name)': rating, OfstedLastInsp: date })]), TODAY);
    expect(schools[0]!.legacyInspection).toEqual({ framework: 'legacy', ...expected });
  });

  it('when Inadequate is flagged as special measures, then the category is Special Measures', () => {
    const { schools } = mapGiasRows(
      giasTable([giasRow('110009', 'Kingsmead', { 'OfstedRating (name)': 'Inadequate', OfstedLastInsp: '05-02-2020', 'OfstedSpecialMeasures (name)': 'Yes' })]),
      TODAY,
    );
    expect(schools[0]!.legacyInspection).toMatchObject({ overall: 'Inadequate', category: 'Special Measures' });
  });

  it.each([
    ['Good', '02-10-2024', 'dated after single-word judgements ended'],
    ['Insufficient evidence', '02-10-2019', 'not a grade'],
    ['Good', '', 'undated'],
    ['', '02-10-2019', 'no rating'],
  ])('when the rating is "%s" on "%s" (%s), then no legacy judgement is derived', (rating, date) => {
    const { schools, problems } = mapGiasRows(giasTable([giasRow('110008', 'Brookside', { 'OfstedRating (name)': rating, OfstedLastInsp: date })]), TODAY);
    expect(problems).toEqual([]);
    expect(schools[0]!.legacyInspection).toBeUndefined();
  });

  it('when our optional columns are filled, then cluster, partnerships, contacts and entitlement are read', () => {
    const table = giasTable(
      [
        giasRow('110001', 'Oakfield', {
          Cluster: 'Riverside',
          Partnerships: 'Learning Together; Rural Schools ;',
          LinkOfficerEmail: 'Officer@LA.example.org',
          HeadteacherEmail: 'head@oakfield.example.org',
          ChairOfGovernorsEmail: 'chair@oakfield.example.org',
          DioceseContactEmail: 'schools@diocese.example.org',
          VisitEntitlement: '9',
        }),
      ],
      ['Cluster', 'Partnerships', 'LinkOfficerEmail', 'HeadteacherEmail', 'ChairOfGovernorsEmail', 'DioceseContactEmail', 'VisitEntitlement'],
    );
    expect(mapGiasRows(table, TODAY).schools[0]!.fields).toMatchObject({
      cluster: 'Riverside',
      partnerships: ['Learning Together', 'Rural Schools'],
      linkOfficerEmail: 'officer@la.example.org',
      headteacherEmail: 'head@oakfield.example.org',
      chairOfGovernorsEmail: 'chair@oakfield.example.org',
      dioceseContactEmail: 'schools@diocese.example.org',
      visitEntitlement: 9,
    });
  });

  it('when an optional cell is empty, then the field is not stated at all (an update keeps what is stored)', () => {
    const fields = mapGiasRows(giasTable([giasRow('110001', 'Oakfield', { Cluster: '' })], ['Cluster', 'VisitEntitlement']), TODAY).schools[0]!.fields;
    expect('cluster' in fields).toBe(false);
    expect('visitEntitlement' in fields).toBe(false);
  });

  it.each([
    [{ URN: '12345' }, 'URN', '"12345" is not a URN (six digits)'],
    [{ EstablishmentName: '' }, 'EstablishmentName', 'the school has no name'],
    [{ OfstedLastInsp: '2019-03-14' }, 'OfstedLastInsp', '"2019-03-14" is not a date as DD-MM-YYYY'],
    [{ OfstedLastInsp: '31-02-2019' }, 'OfstedLastInsp', '"31-02-2019" is not a date as DD-MM-YYYY'],
    [{ OfstedLastInsp: '01-01-2027' }, 'OfstedLastInsp', '01-01-2027 is in the future'],
    [{ LinkOfficerEmail: 'not-an-email' }, 'LinkOfficerEmail', '"not-an-email" is not an e-mail address'],
    [{ VisitEntitlement: 'six' }, 'VisitEntitlement', '"six" is not a number of visits from 0 to 100'],
  ])('when a row has %j, then the problem names its row and the column %s', (override, column, message) => {
    const table = giasTable([giasRow('110001', 'Fine'), giasRow('110002', 'Broken', override)], ['LinkOfficerEmail', 'VisitEntitlement']);
    const { problems, schools } = mapGiasRows(table, TODAY);
    expect(problems).toEqual([{ row: 3, column, message }]);
    expect(schools.map((s) => s.fields.urn)).toEqual(['110001']);
  });

  it('when the export carries no Ofsted columns (later GIAS layouts dropped them), then schools import without a judgement', () => {
    const ofsted = ['OfstedLastInsp', 'OfstedRating (name)', 'OfstedSpecialMeasures (code)', 'OfstedSpecialMeasures (name)'];
    const columns = GIAS_COLUMNS.filter((c) => !ofsted.includes(c));
    const { schools, problems } = mapGiasRows(tableOf(columns, [giasRow('110001', 'Oakfield', { 'OfstedRating (name)': 'Good', OfstedLastInsp: '14-03-2019' })]), TODAY);
    expect(problems).toEqual([]);
    expect(schools[0]!.legacyInspection).toBeUndefined();
  });

  it('when a URN appears twice, then the second row is a problem naming the first', () => {
    const { problems } = mapGiasRows(giasTable([giasRow('110001', 'One'), giasRow('110001', 'Again')]), TODAY);
    expect(problems).toEqual([{ row: 3, column: 'URN', message: 'URN 110001 appears again (first on row 2)' }]);
  });

  it('when a required column is missing, then the file is refused naming it', () => {
    const columns = GIAS_COLUMNS.filter((c) => c !== 'EstablishmentStatus (name)');
    expect(() => mapGiasRows(tableOf(columns, [giasRow('110001', 'One')]), TODAY)).toThrow(
      new InvalidInputError('The file has no "EstablishmentStatus (name)" column: is it the GIAS establishment export (edubasealldata.csv)?'),
    );
  });
});

describe('giasDate', () => {
  it.each([
    ['14-03-2019', '2019-03-14'],
    ['14/03/2019', '2019-03-14'],
    ['4-3-2019', '2019-03-04'],
    ['29-02-2023', undefined],
    ['2019-03-14', undefined],
  ])('%s → %s', (text, iso) => expect(giasDate(text)).toBe(iso));
});

describe('withLegacyInspection', () => {
  const reportCard = { framework: 'reportCard' as const, date: '2026-03-11', grades: { inclusion: 'strong standard' as const }, safeguardingMet: true };
  const good2019 = { framework: 'legacy' as const, date: '2019-03-14', overall: 'Good' as const };

  it('when the history holds a report card, then the legacy judgement is added beside it', () => {
    expect(withLegacyInspection([reportCard], good2019)).toEqual([reportCard, good2019]);
  });

  it('when a legacy judgement of that date is held, then it is replaced in place', () => {
    const ri = { ...good2019, overall: 'Requires Improvement' as const };
    expect(withLegacyInspection([good2019, reportCard], ri)).toEqual([ri, reportCard]);
  });
});
