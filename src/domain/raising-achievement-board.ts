import { z } from 'zod/v4';
import { storedRecord, url } from './record.js';
import { IsoDateSchema } from './iso-date.js';
import { NotAllowedError } from './errors.js';
import { hasRole, type Person } from './person.js';
import { UrnSchema, type School } from './school.js';
import { MeetingLocationSchema, ProgressRecordSchema } from './strategy-meeting.js';

/**
 * A Raising Achievement Board (a trust's school improvement policy): where trustees see an educational cause for
 * concern, the Education and Standards Committee sets up a board of suitably qualified people to monitor the
 * school's progress, and asks the headteacher, with the chair of governors, to present a plan to put right the
 * underperformance in person at a specially convened meeting. Progress is recorded after each board meeting as it
 * is after a strategy meeting (successes, barriers, next steps, RAG).
 */

const email = z.string().trim().email().max(320).transform((e) => e.toLowerCase());
const wallTime = z.string().regex(/^\d{2}:\d{2}$/, 'a time as HH:MM');

export const BoardMemberSchema = z.object({ personId: z.string().min(1), email, name: z.string().min(1).max(200) });
export type BoardMember = z.infer<typeof BoardMemberSchema>;

/** Who is asked to present the plan: the school's headteacher and the chair of governors. */
export const BoardInviteeSchema = z.object({ role: z.enum(['headteacher', 'chairOfGovernors']), email, name: z.string().max(200).optional() });
export type BoardInvitee = z.infer<typeof BoardInviteeSchema>;

export const RaisingAchievementBoardSchema = storedRecord({
  schoolUrn: UrnSchema,
  /** The committee member who set it up; the meeting is booked on their calendar. */
  setUpBy: z.string().min(1),
  members: z.array(BoardMemberSchema).min(1).max(20),
  invitees: z.array(BoardInviteeSchema).max(2),
  /** The meeting at which the headteacher and chair present their plan, a wall-clock date and time in `timeZone`. */
  meeting: z.object({ date: IsoDateSchema, time: wallTime, durationMinutes: z.number().int().min(15).max(480), timeZone: z.string().min(1) }),
  location: MeetingLocationSchema,
  /** Sent with the create, so that a retried booking never makes a second event. */
  transactionId: z.string().min(1).max(100),
  /** Graph's id of the event, once booked in Outlook; unset when Outlook is not connected. */
  graphEventId: z.string().min(1).optional(),
  joinUrl: url(z.string()).optional(),
  progress: z.array(ProgressRecordSchema).default(() => []),
});
export type RaisingAchievementBoard = z.infer<typeof RaisingAchievementBoardSchema>;

/** Whether the person may set up a board for the school: a committee member, and only for a school causing concern. */
const NOT_ON_COMMITTEE = 'Only a member of the Education and Standards Committee can set up a Raising Achievement Board.';

/** Said to a committee member who types `rab` alone when no school is causing concern and they sit on no board. */
export const NO_SCHOOL_FOR_A_BOARD = 'No school is causing concern now, and you sit on no Raising Achievement Board: a board is set up for a school causing concern.';

export function maySetUpBoard(person: Pick<Person, 'roles'>, school: Pick<School, 'name' | 'causingConcern'>): { allowed: true } | { allowed: false; reason: string } {
  if (!hasRole(person, 'escMember')) return { allowed: false, reason: NOT_ON_COMMITTEE };
  if (!school.causingConcern) return { allowed: false, reason: `${school.name} is not a school causing concern: a Raising Achievement Board is set up only for one.` };
  return { allowed: true };
}

/** Throws NotAllowedError unless `maySetUpBoard`. */
export function assertMaySetUpBoard(person: Pick<Person, 'roles'>, school: Pick<School, 'name' | 'causingConcern'>): void {
  const answer = maySetUpBoard(person, school);
  if (!answer.allowed) throw new NotAllowedError(answer.reason);
}

/** Who records the board's progress after a meeting: a committee member, or a member of this board. */
export function mayRecordBoardProgress(person: Pick<Person, 'id' | 'roles'>, board: Pick<RaisingAchievementBoard, 'members'>): boolean {
  return hasRole(person, 'escMember') || isBoardMember(person, board);
}

/** Whether the person sits on this board. */
const isBoardMember = (person: Pick<Person, 'id'>, board: Pick<RaisingAchievementBoard, 'members'>): boolean => board.members.some((m) => m.personId === person.id);

/**
 * Whether `rab` alone offers this school: its board (the latest, `boards` in the order set up) is one the person may
 * open; or it has none, and the person, on the committee, may set one up because the school is causing concern.
 */
export function offersBoardAt(
  person: Pick<Person, 'id' | 'roles'>,
  school: Pick<School, 'urn' | 'causingConcern'>,
  boards: ReadonlyArray<Pick<RaisingAchievementBoard, 'members' | 'schoolUrn'>>,
): boolean {
  const board = boards.filter((b) => b.schoolUrn === school.urn).at(-1);
  return board ? mayRecordBoardProgress(person, board) : hasRole(person, 'escMember') && !!school.causingConcern;
}

/**
 * Throws NotAllowedError, as a school named would, unless the person has a board to open or may set one up: a
 * committee member, or a member of some board. Asked before offering `rab` alone a choice of schools.
 */
export function assertMayOpenSomeBoard(person: Pick<Person, 'id' | 'roles'>, boards: ReadonlyArray<Pick<RaisingAchievementBoard, 'members'>>): void {
  if (!boards.some((b) => isBoardMember(person, b)) && !hasRole(person, 'escMember')) throw new NotAllowedError(NOT_ON_COMMITTEE);
}

/** Members from the e-mails typed (comma, semicolon or space separated), each a person in the register; unknown ones named. */
export function boardMembersFrom(typed: string, people: ReadonlyArray<Pick<Person, 'id' | 'email' | 'name'>>): { members: BoardMember[]; unknown: string[] } {
  const emails = [...new Set(typed.split(/[\s,;]+/).map((e) => e.trim().toLowerCase()).filter(Boolean))];
  const members: BoardMember[] = [];
  const unknown: string[] = [];
  for (const e of emails) {
    const p = people.find((x) => x.email === e);
    if (p) members.push({ personId: p.id, email: p.email, name: p.name });
    else unknown.push(e);
  }
  return { members, unknown };
}
