import type { Conversation } from './delivery.js';

/**
 * Who a command's answer is for, beyond the person who asked: a property of the command, read once by the
 * Teams dispatcher.
 * - `namesSchools`: the answer names schools or people (coverage, a filed note, a list). It is given where it
 *   was asked only in a 1:1 chat or in the channel registered for the SIT, whose purpose is to discuss schools.
 * - `asker`: the answer is the asker's own (their drafts, their forms and lists with their buttons on them):
 *   it is only ever given in their 1:1 chat.
 * Anywhere else the answer goes to the asker's 1:1 chat, and the conversation is told so in one line.
 */
export type AnswerPrivacy = 'namesSchools' | 'asker';

/** Where a command was typed, as far as privacy goes: a channel with what it is registered for. */
export type Room = { kind: 'personal' } | { kind: 'groupChat' } | { kind: 'channel'; registeredFor: readonly NonNullable<Conversation['purpose']>[] };

/**
 * Whether a command's answer may be given in the room it was asked in. A partnership's channel never sees a
 * school named, whatever else it is registered for; a group chat and an unregistered channel never do either.
 */
export function mayAnswerIn(privacy: AnswerPrivacy | undefined, room: Room): boolean {
  if (!privacy || room.kind === 'personal') return true;
  if (privacy === 'asker' || room.kind === 'groupChat') return false;
  return room.registeredFor.includes('sit') && !room.registeredFor.includes('partnership');
}

/**
 * Whether an answer given wherever it is asked (`help`) may name one of the asker's schools, as an example: only in
 * their 1:1 chat. Anywhere else it would tell the room which schools the asker covers.
 */
export const mayNameOwnSchoolIn = (room: Pick<Room, 'kind'>): boolean => room.kind === 'personal';
