import { describe, expect, it } from '@jest/globals';
import { mayAnswerIn, mayNameOwnSchoolIn, type AnswerPrivacy, type Room } from '../../src/domain/answer-privacy.js';

describe('mayAnswerIn', () => {
  const personal: Room = { kind: 'personal' };
  const group: Room = { kind: 'groupChat' };
  const channel = (...registeredFor: Array<'sit' | 'partnership' | 'concerns'>): Room => ({ kind: 'channel', registeredFor });

  const cases: Array<[string, AnswerPrivacy | undefined, Room, boolean]> = [
    ['an answer that names nobody, in a partnership channel', undefined, channel('partnership'), true],
    ['an answer that names nobody, in a group chat', undefined, group, true],
    ['schools named, in a 1:1 chat', 'namesSchools', personal, true],
    ['schools named, in the SIT channel', 'namesSchools', channel('sit'), true],
    ['schools named, in the SIT channel that also gets the concern review', 'namesSchools', channel('sit', 'concerns'), true],
    ['schools named, in a partnership channel', 'namesSchools', channel('partnership'), false],
    ['schools named, in the SIT channel that is also a partnership channel', 'namesSchools', channel('sit', 'partnership'), false],
    ['schools named, in the concern review channel', 'namesSchools', channel('concerns'), false],
    ['schools named, in a channel registered for nothing', 'namesSchools', channel(), false],
    ['schools named, in a group chat', 'namesSchools', group, false],
    ["the asker's own, in a 1:1 chat", 'asker', personal, true],
    ["the asker's own, in the SIT channel", 'asker', channel('sit'), false],
    ["the asker's own, in a group chat", 'asker', group, false],
  ];

  it.each(cases)('when %s, then it may be answered there: %s', (_what, privacy, room, expected) => {
    expect(mayAnswerIn(privacy, room)).toBe(expected);
  });
});

describe('mayNameOwnSchoolIn', () => {
  it.each<[Room['kind'], boolean]>([
    ['personal', true],
    ['groupChat', false],
    ['channel', false],
  ])('when help is typed in a %s, then naming one of the asker\'s schools is %s', (kind, expected) => {
    expect(mayNameOwnSchoolIn({ kind })).toBe(expected);
  });
});
