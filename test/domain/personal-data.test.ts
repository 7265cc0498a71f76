import { auditNamesPerson, namesPerson, replaceIdentity } from '../../src/domain/personal-data.js';

const OLIVIA = { id: 'p-olivia', email: 'olivia.officer@council.example.org', name: 'Olivia Officer', aadObjectId: 'aad-olivia' };
const PLACEHOLDER = { id: 'erased-1', email: 'erased-1@erased.invalid', name: 'Erased person 1' };

describe('namesPerson', () => {
  it.each([
    [{ visitorId: 'p-olivia' }, true],
    [{ deep: [{ aad: 'aad-olivia' }] }, true],
    [{ organiserEmail: 'OLIVIA.Officer@council.example.org' }, true],
    [{ attendees: [{ role: 'Link officer', name: 'Olivia Officer' }] }, true],
    [{ visitorId: 'p-olivia-2', note: 'Met Oliver' }, false],
  ])('%j → %s', (value, expected) => {
    expect(namesPerson(value, OLIVIA)).toBe(expected);
  });

  it('when their name is short, then it is found as a whole word only', () => {
    const al = { id: 'p-al', email: 'al@council.example.org', name: 'Al' };
    expect(namesPerson({ note: 'The total is right' }, al)).toBe(false);
    expect(namesPerson({ note: 'Met Al, the deputy' }, al)).toBe(true);
    expect(replaceIdentity({ note: 'Al checked the total' }, al, PLACEHOLDER)).toEqual({ note: 'Erased person 1 checked the total' });
  });

  it('when an audit event was made by them or is about their record, then it names them', () => {
    expect(auditNamesPerson({ actor: 'p-olivia', recordId: 'v1' }, OLIVIA)).toBe(true);
    expect(auditNamesPerson({ actor: 'cli:admin', recordId: 'p-olivia' }, OLIVIA)).toBe(true);
    expect(auditNamesPerson({ actor: 'cli:admin', recordId: 'v1', after: { visitorId: 'p-olivia' } }, OLIVIA)).toBe(true);
    expect(auditNamesPerson({ actor: 'cli:admin', recordId: 'v1', after: { visitorId: 'p-sam' } }, OLIVIA)).toBe(false);
  });
});

describe('replaceIdentity', () => {
  it('when a record names them, then ids, e-mails and their name in text read as the placeholder, and kept keys stay', () => {
    const record = { id: 'p-olivia', visitorId: 'p-olivia', to: 'Olivia.Officer@council.example.org', note: 'Olivia Officer met the head', other: 'p-olivia-2' };
    expect(replaceIdentity(record, OLIVIA, PLACEHOLDER, ['id'])).toEqual({
      id: 'p-olivia',
      visitorId: 'erased-1',
      to: 'erased-1@erased.invalid',
      note: 'Erased person 1 met the head',
      other: 'p-olivia-2',
    });
  });
});
