import {
  mayManageMeeting,
  meetingLocation,
  nextOccurrence,
  occurrencesBetween,
  progressRecord,
  requiredAttendees,
  StrategyMeetingSchema,
  withOptionalAttendees,
} from '../../src/domain/strategy-meeting.js';
import type { Role } from '../../src/domain/person.js';

const person = (email: string, name: string, roles: Role[], schools: string[] = []) => ({ id: email, email, name, roles, schools });
const people = [
  person('head@oak.example', 'Adele Vance', ['headteacher'], ['110001']),
  person('link@la.example', 'Lee Gu', ['officer']),
  person('hos@la.example', 'Megan Bowen', ['headOfService']),
  person('diocese@derby.example', 'Diego Siciliani', ['diocese'], ['110001']),
];
const community = {
  urn: '110001',
  headteacherEmail: 'head@oak.example',
  chairOfGovernorsEmail: 'chair@oak.example',
  linkOfficerEmail: 'link@la.example',
  religiousCharacter: undefined as string | undefined,
  dioceseContactEmail: 'diocese@derby.example',
};
const church = { ...community, religiousCharacter: 'Church of England' };

describe('requiredAttendees', () => {
  it.each([
    ['a community school (no religious character), even with a diocese contact on file', community, ['head@oak.example', 'chair@oak.example', 'link@la.example', 'hos@la.example'], []],
    ['a church school with a diocese contact', church, ['head@oak.example', 'chair@oak.example', 'link@la.example', 'hos@la.example', 'diocese@derby.example'], []],
    ['a church school with no diocese contact', { ...church, dioceseContactEmail: undefined }, ['head@oak.example', 'chair@oak.example', 'link@la.example', 'hos@la.example'], ['diocese']],
    ['a school with no chair of governors on file', { ...community, chairOfGovernorsEmail: undefined }, ['head@oak.example', 'link@la.example', 'hos@la.example'], ['chairOfGovernors']],
  ])('when the school is %s, then the required attendees are %j and missing %j', (_what, school, emails, missing) => {
    const result = requiredAttendees(school, people);
    expect(result.attendees.map((a) => a.email)).toEqual(emails);
    expect(result.attendees.every((a) => a.required)).toBe(true);
    expect(result.missing).toEqual(missing);
  });

  it('then each attendee says why they are invited, with the name known for them', () => {
    expect(requiredAttendees(church, people).attendees).toEqual([
      { email: 'head@oak.example', name: 'Adele Vance', role: 'headteacher', required: true, why: 'Headteacher' },
      { email: 'chair@oak.example', role: 'chairOfGovernors', required: true, why: 'Chair of governors' },
      { email: 'link@la.example', name: 'Lee Gu', role: 'linkOfficer', required: true, why: 'Link officer' },
      { email: 'hos@la.example', name: 'Megan Bowen', role: 'headOfService', required: true, why: 'Head of service' },
      { email: 'diocese@derby.example', name: 'Diego Siciliani', role: 'diocese', required: true, why: 'Diocese (church school)' },
    ]);
  });

  it('when nobody holds the head-of-service role, then it is named as missing', () => {
    expect(requiredAttendees(community, people.filter((p) => !p.roles.includes('headOfService'))).missing).toEqual(['headOfService']);
  });

  it('when the link officer is also the head of service, then they are invited once, for both reasons', () => {
    const both = [people[0]!, person('link@la.example', 'Lee Gu', ['officer', 'headOfService'])];
    const { attendees } = requiredAttendees(community, both);
    expect(attendees.filter((a) => a.email === 'link@la.example')).toEqual([{ email: 'link@la.example', name: 'Lee Gu', role: 'linkOfficer', required: true, why: 'Link officer; Head of service' }]);
  });

  it('when optional attendees are added, then they are optional, and someone already required stays required', () => {
    const { attendees } = requiredAttendees(community, people);
    const all = withOptionalAttendees(attendees, [
      { email: 'EY@la.example', name: 'Early Years', why: 'Early-years adviser' },
      { email: 'link@la.example', why: 'SEN officer' },
    ]);
    expect(all.filter((a) => !a.required)).toEqual([{ email: 'ey@la.example', name: 'Early Years', role: 'other', required: false, why: 'Early-years adviser' }]);
    expect(all.find((a) => a.email === 'link@la.example')?.required).toBe(true);
  });
});

describe('meetingLocation', () => {
  it('when the school has its GIAS address, then the meeting is held there', () => {
    expect(meetingLocation({ name: 'Oakfield Primary', address: { street: 'Hollybank Road', locality: 'Sunnyhill', town: 'Derby', postcode: 'DE22 3AB' } })).toEqual({
      displayName: 'Oakfield Primary',
      address: { street: 'Hollybank Road, Sunnyhill', city: 'Derby', postalCode: 'DE22 3AB', countryOrRegion: 'United Kingdom' },
    });
  });

  it('when no address is known, then the location is the school by name', () => {
    expect(meetingLocation({ name: 'Oakfield Primary' })).toEqual({ displayName: 'Oakfield Primary' });
  });
});

describe('occurrences of a six-weekly series', () => {
  const series = { seriesStart: { date: '2026-09-10', time: '10:00' }, intervalWeeks: 6, status: 'booked' as const, moved: [] as never[], endedOn: undefined as string | undefined };

  it('then they fall every six weeks on the same weekday', () => {
    expect(occurrencesBetween(series, '2026-09-01', '2026-12-31').map((o) => o.date)).toEqual(['2026-09-10', '2026-10-22', '2026-12-03']);
  });

  it('when one is moved, then it is on its new day and time, the rest in place', () => {
    const moved = [{ occurrenceId: 'occ-2', originalDate: '2026-10-22', date: '2026-10-20', time: '14:00', movedBy: 'link', movedAt: '2026-10-01T09:00:00Z' }];
    expect(occurrencesBetween({ ...series, moved }, '2026-10-01', '2026-12-31')).toEqual([
      { originalDate: '2026-10-22', date: '2026-10-20', time: '14:00', moved: true },
      { originalDate: '2026-12-03', date: '2026-12-03', time: '10:00', moved: false },
    ]);
  });

  it('when the series has ended, then nothing falls after its end and there is no next meeting', () => {
    const ended = { ...series, status: 'ended' as const, endedOn: '2026-11-01' };
    expect(occurrencesBetween(ended, '2026-09-01', '2027-03-01').map((o) => o.date)).toEqual(['2026-09-10', '2026-10-22']);
    expect(nextOccurrence(ended, '2026-11-02')).toBeUndefined();
    expect(nextOccurrence(series, '2026-10-23')?.date).toBe('2026-12-03');
  });
});

describe('managing a meeting and recording progress', () => {
  const meeting = { organiserId: 'organiser' };
  const school = { linkOfficerEmail: 'link@la.example' };
  it.each([
    ['the organiser', { id: 'organiser', email: 'o@la.example', roles: ['officer' as Role] }, true],
    ['the link officer', { id: 'link', email: 'link@la.example', roles: ['officer' as Role] }, true],
    ['another officer', { id: 'other', email: 'other@la.example', roles: ['sit' as Role] }, false],
    ['the headteacher', { id: 'head', email: 'head@oak.example', roles: ['headteacher' as Role] }, false],
  ])('when %s manages it, then allowed is %s', (_who, who, allowed) => {
    expect(mayManageMeeting(who, meeting, school)).toBe(allowed);
  });

  it('when progress is recorded, then successes, barriers, next steps and RAG are kept with who and when', () => {
    expect(progressRecord({ on: '2026-10-22', successes: ' Attendance up 3% ', nextSteps: 'Phonics review', rag: 'amber' }, 'link', '2026-10-22T12:00:00Z')).toEqual({
      on: '2026-10-22', successes: 'Attendance up 3%', barriers: '', nextSteps: 'Phonics review', rag: 'amber', recordedBy: 'link', recordedAt: '2026-10-22T12:00:00Z',
    });
  });

  it('when nothing is recorded but a RAG, then it is refused', () => {
    expect(() => progressRecord({ on: '2026-10-22', rag: 'green' }, 'link', '2026-10-22T12:00:00Z')).toThrow('Record at least one success, barrier or next step');
  });

  it('then a stored meeting holds its attendees, place, series, Graph ids and status', () => {
    const stored = StrategyMeetingSchema.parse({
      id: 'sm-1', tenantId: 't', version: 1, createdAt: '2026-09-01T09:00:00Z', updatedAt: '2026-09-01T09:00:00Z',
      schoolUrn: '110001', organiserId: 'link', organiserEmail: 'Link@la.example',
      attendees: requiredAttendees(church, people).attendees, location: { displayName: 'Oakfield Primary' },
      seriesStart: { date: '2026-09-10', time: '10:00' }, durationMinutes: 60, timeZone: 'Europe/London',
      transactionId: 'strategy-sm-1', status: 'pending',
    });
    expect(stored).toMatchObject({ organiserEmail: 'link@la.example', intervalWeeks: 6, moved: [], progress: [] });
  });
});
