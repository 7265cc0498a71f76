import { localDate } from '../../domain/academic-year.js';
import { DeliveryError, InvalidInputError, NotAllowedError, NotFoundError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import { assertMayOpenSomeBoard, assertMaySetUpBoard, NO_SCHOOL_FOR_A_BOARD, boardMembersFrom, mayRecordBoardProgress, offersBoardAt, type BoardInvitee, type RaisingAchievementBoard } from '../../domain/raising-achievement-board.js';
import { headteacherOf } from '../../domain/school-roles.js';
import type { School } from '../../domain/school.js';
import { meetingLocation, progressRecord, ProgressInputSchema, PROGRESS_TEXT_MAX, type ProgressInput } from '../../domain/strategy-meeting.js';
import { tooLongMessage } from '../../domain/text-limits.js';
import type { Zone } from '../../domain/time-zone.js';
import type { DeliveryDeps } from '../delivery/attempt.js';
import { dispatchQueued, enqueueDelivery, type DispatchedDelivery } from '../delivery/enqueue.js';
import type { Calendar } from '../ports/calendar.port.js';
import type { StoreReader } from '../ports/store.port.js';
import { findSchool, schoolChoice, type SchoolLookup } from '../schools/find-school.js';
import { openSchools } from '../schools/open-schools.js';
import { BOARD_INVITATION_COMPOSER, boardView, type BoardView } from './board-view.js';
import { worded } from '../../domain/issue-wording.js';

const PROGRESS_LABELS = { successes: 'Successes', barriers: 'Barriers', nextSteps: 'Next steps' } as const;

export type BoardDeps = DeliveryDeps & { calendar?: Calendar };

/** What `rab <school>` opens: the school's board if it has one, else the form to set one up (a committee member only). */
export type OpenBoardResult = Exclude<SchoolLookup, { kind: 'found' }> | { kind: 'board'; view: BoardView } | { kind: 'form'; urn: string; schoolName: string; invitees: string[]; today: string };

async function namesOf(store: StoreReader, tenantId: string): Promise<Map<string, string>> {
  return new Map((await store.find('people', tenantId)).map((p) => [p.id, p.name]));
}

function inviteesOf(school: School, people: readonly Person[]): BoardInvitee[] {
  const head = headteacherOf(school, people);
  const headEmail = head?.email ?? school.headteacherEmail;
  const chairEmail = school.chairOfGovernorsEmail;
  const chair = chairEmail ? people.find((p) => p.email === chairEmail) : undefined;
  return [
    ...(headEmail ? [{ role: 'headteacher' as const, email: headEmail, ...((head?.name ?? school.headteacherName) ? { name: head?.name ?? school.headteacherName } : {}) }] : []),
    ...(chairEmail ? [{ role: 'chairOfGovernors' as const, email: chairEmail, ...(chair ? { name: chair.name } : {}) }] : []),
  ];
}

/**
 * `rab <school>`, or `rab` alone: with no school named, someone who may open or set up a board is asked which school,
 * offered only the schools whose board they may open or set up (`offersBoardAt`), and told when there is none; anyone
 * else is refused at once, as they would be once a school is named.
 */
export async function openBoard(store: StoreReader, tenantId: string, person: Person, query: string, at: Date, timeZone: Zone): Promise<OpenBoardResult> {
  if (!query.trim()) {
    const boards = await store.find('raisingAchievementBoards', tenantId);
    assertMayOpenSomeBoard(person, boards);
    const open = await openSchools(store, tenantId);
    if (!open.length) return { kind: 'none', query: '', registerEmpty: true };
    const offered = open.filter((s) => offersBoardAt(person, s, boards));
    if (!offered.length) throw new NotAllowedError(NO_SCHOOL_FOR_A_BOARD);
    return schoolChoice(offered);
  }
  const lookup = await findSchool(store, tenantId, query);
  if (lookup.kind !== 'found') return lookup;
  const { school } = lookup;
  const board = (await store.find('raisingAchievementBoards', tenantId, { schoolUrn: school.urn })).at(-1);
  if (board) {
    if (!mayRecordBoardProgress(person, board)) throw new NotAllowedError('Only members of the Education and Standards Committee and of the board can open a Raising Achievement Board.');
    return { kind: 'board', view: boardView(board, school, await namesOf(store, tenantId)) };
  }
  assertMaySetUpBoard(person, school);
  const invitees = inviteesOf(school, await store.find('people', tenantId)).map((i) => i.name ?? i.email);
  return { kind: 'form', urn: school.urn, schoolName: school.name, invitees, today: localDate(at, timeZone) };
}

export interface BoardSetUp {
  urn: string;
  /** E-mails of people in the register, comma, semicolon or space separated. */
  members: string;
  date: string;
  time: string;
  durationMinutes: number;
  /** One per opened form: the booking's transactionId and the unit's idempotency key come from it. */
  formId: string;
}

export interface BoardSetUpResult {
  view: BoardView;
  /** Why the meeting is not in Outlook, when it is not. */
  notBooked?: string;
  told: DispatchedDelivery[];
}

/**
 * Sets up a Raising Achievement Board: its members (people in the register), the meeting at which the headteacher
 * and the chair of governors present their plan, booked as one Outlook event with a Teams meeting on the committee
 * member's calendar when Graph is configured (else recorded and said so), and the invitation to both in Teams (the
 * outbox, e-mail when Teams cannot reach them). A repeated press of the same form sets up one board and books once.
 */
export async function setUpBoard(deps: BoardDeps, tenantId: string, person: Person, input: BoardSetUp): Promise<BoardSetUpResult> {
  const school = (await deps.store.find('schools', tenantId, { urn: input.urn }))[0];
  if (!school) throw new NotFoundError('The school');
  assertMaySetUpBoard(person, school);
  const people = await deps.store.find('people', tenantId);
  const { members, unknown } = boardMembersFrom(input.members, people);
  if (unknown.length) throw new InvalidInputError(`Not in the register: ${unknown.join(', ')}. Name board members by the e-mail they are registered with.`, 'members');
  if (!members.length) throw new InvalidInputError('Name at least one board member, by e-mail.', 'members');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date)) throw new InvalidInputError('Give the date of the meeting.', 'date');
  if (!/^\d{2}:\d{2}$/.test(input.time)) throw new InvalidInputError('Give the time of the meeting, as HH:MM.', 'time');
  if (input.date < localDate(deps.clock.now(), deps.timeZone)) throw new InvalidInputError('The meeting date has passed: give a date from today.', 'date');
  const invitees = inviteesOf(school, people);
  const transactionId = `rab-${input.formId}`.slice(0, 100);
  const location = meetingLocation(school);
  const meeting = { date: input.date, time: input.time, durationMinutes: input.durationMinutes, timeZone: deps.timeZone.name };

  let booked: { seriesId: string; joinUrl?: string } | undefined;
  let notBooked: string | undefined;
  if (!deps.calendar) notBooked = 'Outlook is not connected (no Microsoft Graph settings), so the meeting is recorded here but not booked in calendars.';
  else {
    try {
      // Safe to repeat: the same transactionId returns the event already made.
      booked = await deps.calendar.createEvent({
        organiser: person.email,
        subject: `Raising Achievement Board: ${school.name}`,
        body: `The headteacher and the chair of governors present the school's plan to rectify underperformance to the Raising Achievement Board.`,
        start: { date: input.date, time: input.time },
        durationMinutes: input.durationMinutes,
        timeZone: deps.timeZone,
        location,
        attendees: [...members.map((m) => ({ email: m.email, name: m.name, required: true })), ...invitees.map((i) => ({ email: i.email, ...(i.name ? { name: i.name } : {}), required: true }))],
        transactionId,
      });
    } catch (err) {
      if (!(err instanceof DeliveryError)) throw err;
      notBooked = `The meeting could not be booked in Outlook: ${err.message} It is recorded here; book it in Outlook by hand.`;
    }
  }

  const { value } = await deps.store.transact(
    async (tx) => {
      const board: RaisingAchievementBoard = await tx.insert(
        'raisingAchievementBoards',
        tenantId,
        { schoolUrn: school.urn, setUpBy: person.id, members, invitees, meeting, location, transactionId, ...(booked ? { graphEventId: booked.seriesId } : {}), ...(booked?.joinUrl ? { joinUrl: booked.joinUrl } : {}), progress: [] },
        { action: 'rab.setUp' },
      );
      const outboxIds: string[] = [];
      for (const i of invitees) {
        const known = people.find((p) => p.email === i.email);
        outboxIds.push(
          await enqueueDelivery(
            tx,
            {
              tenantId,
              to: known ? { person: known.id } : { recipient: { email: i.email, name: i.name ?? i.email } },
              content: { kind: 'composed', composer: BOARD_INVITATION_COMPOSER, ref: { boardId: board.id } },
              about: `the Raising Achievement Board invitation for ${school.name}`,
              requestedBy: person.id,
            },
            deps.clock.now(),
          ),
        );
      }
      return { board, outboxIds };
    },
    { actor: person.id, idempotencyKey: `rab.setUp:${input.formId}:${person.id}`, serializable: true },
  );
  const told = await dispatchQueued(deps, tenantId, value.outboxIds);
  return { view: boardView(value.board, school, new Map(people.map((p) => [p.id, p.name]))), ...(notBooked ? { notBooked } : {}), told };
}

/** One board as its card shows it, for a member of the committee or of the board. */
export async function viewBoard(store: StoreReader, tenantId: string, person: Person, boardId: string): Promise<BoardView> {
  const board = await store.get('raisingAchievementBoards', tenantId, boardId);
  if (!board) throw new NotFoundError('The Raising Achievement Board');
  if (!mayRecordBoardProgress(person, board)) throw new NotAllowedError('Only members of the Education and Standards Committee and of the board can open a Raising Achievement Board.');
  const school = (await store.find('schools', tenantId, { urn: board.schoolUrn }))[0];
  return boardView(board, school ?? { urn: board.schoolUrn, name: board.schoolUrn }, await namesOf(store, tenantId));
}

/** Records progress after a board meeting (successes, barriers, next steps, RAG), as after a strategy meeting. */
export async function recordBoardProgress(deps: { store: DeliveryDeps['store']; clock: DeliveryDeps['clock'] }, tenantId: string, person: Person, boardId: string, input: ProgressInput, idempotencyKey: string): Promise<BoardView> {
  const board = await deps.store.get('raisingAchievementBoards', tenantId, boardId);
  if (!board) throw new NotFoundError('The Raising Achievement Board');
  if (!mayRecordBoardProgress(person, board)) throw new NotAllowedError("Only members of the Education and Standards Committee and of the board can record the board's progress.");
  const parsed = ProgressInputSchema.safeParse(input, worded);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? 'successes');
    const typed = field in PROGRESS_LABELS ? input[field as keyof typeof PROGRESS_LABELS] : undefined;
    const message =
      field === 'rag' ? 'Choose a RAG rating.' : field === 'on' ? 'Give the date of the meeting.' : typed && typed.length > PROGRESS_TEXT_MAX ? tooLongMessage(PROGRESS_LABELS[field as keyof typeof PROGRESS_LABELS], typed, PROGRESS_TEXT_MAX) : issue.message;
    throw new InvalidInputError(message, field);
  }
  const { value } = await deps.store.transact(
    async (tx) => {
      const current = (await tx.get('raisingAchievementBoards', tenantId, boardId))!;
      return tx.update('raisingAchievementBoards', tenantId, boardId, current.version, { progress: [...current.progress, progressRecord(parsed.data, person.id, deps.clock.now().toISOString())] }, { action: 'rab.progress' });
    },
    { actor: person.id, idempotencyKey, serializable: true },
  );
  const school = (await deps.store.find('schools', tenantId, { urn: value.schoolUrn }))[0];
  return boardView(value, school ?? { urn: value.schoolUrn, name: value.schoolUrn }, await namesOf(deps.store, tenantId));
}
