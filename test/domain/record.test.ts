import { ActionInputSchema } from '../../src/domain/action-plan-inputs.js';
import { PersonSchema } from '../../src/domain/person.js';
import { StrategyMeetingSchema } from '../../src/domain/strategy-meeting.js';
import { instant, url } from '../../src/domain/record.js';
import { z } from 'zod/v4';

const meta = { id: 'p1', tenantId: 't1', version: 1, createdAt: '2026-09-01T10:00:00Z', updatedAt: '2026-09-01T10:00:00Z' };

describe('stored instants', () => {
  it.each(['2026-09-01T10:00:00Z', '2026-09-01T10:00Z', '2026-09-01T10:00:00.123+01:00', '2026-09-01T10:00:00+0100', '2028-02-29T00:00:00Z'])(
    'when a record holds %s, then it reads as before',
    (at) => {
      expect(instant().safeParse(at).success).toBe(true);
    },
  );

  it.each(['2026-09-01', '2026-09-01T10:00:00', '2027-02-29T00:00:00Z', '2026-09-01T24:00:00Z', '2026-09-01T10:00:00+1'])('when a record holds %s, then it is refused', (at) => {
    expect(instant().safeParse(at).success).toBe(false);
  });
});

describe('web addresses', () => {
  it('when a link is stored, then it is kept exactly as it was typed', () => {
    const typed = 'https://Teams.Microsoft.com/l/meetup-join/19%3ameeting_X@thread.v2/0?context=%7b%22Tid%22%7d';
    expect(url(z.string()).parse(typed)).toBe(typed);
  });

  it('when a link is not an address at all, then it is refused in the same words', () => {
    const parsed = url(z.string()).safeParse('not a link');
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('Invalid url');
  });
});

describe('parsed values', () => {
  it('when an optional box is left out, then the parsed input has no such field (so it cannot blank a stored one)', () => {
    const parsed = ActionInputSchema.parse({ text: 'Improve reading', owner: 'school', ownerName: 'Jo', successCriteria: 'Better scores' });
    expect(Object.keys(parsed)).not.toContain('priorityId');
    expect(Object.keys(parsed)).not.toContain('schoolResources');
    expect({ priorityId: 'kept', ...parsed }.priorityId).toBe('kept');
  });

  it('when two records leave out a list, then each gets a list of its own', () => {
    const a = PersonSchema.parse({ ...meta, email: 'a@example.org', name: 'A' });
    const b = PersonSchema.parse({ ...meta, email: 'b@example.org', name: 'B' });
    expect(a.roles).toEqual([]);
    expect(a.roles).not.toBe(b.roles);
    Object.freeze(a.roles);
    expect(Object.isFrozen(PersonSchema.parse({ ...meta, email: 'c@example.org', name: 'C' }).roles)).toBe(false);
  });

  it('when a meeting with a join link is read, then the link is the one stored', () => {
    const joinUrl = 'https://teams.microsoft.com/l/meetup-join/19%3Ameeting@thread.v2/0?context=%7B%7D';
    const shape = StrategyMeetingSchema.shape.joinUrl;
    expect(shape.parse(joinUrl)).toBe(joinUrl);
  });
});
