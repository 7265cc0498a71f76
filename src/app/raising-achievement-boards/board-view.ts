import type { RaisingAchievementBoard } from '../../domain/raising-achievement-board.js';
import { longCalendarDate } from '../../domain/human-date.js';
import type { School } from '../../domain/school.js';
import type { Composer } from '../delivery/composer.js';
import { mailHtml } from '../notices/mail-html.js';

/** The composer name the invitation to present the plan is stored under in the outbox. */
export const BOARD_INVITATION_COMPOSER = 'rab.invitation';

/** What the board's card shows: the school, the members, the meeting, whether it is in Outlook, and the progress recorded. */
export interface BoardView {
  boardId: string;
  version: number;
  urn: string;
  schoolName: string;
  members: string[];
  invitees: string[];
  meeting: string;
  place: string;
  booked: boolean;
  joinUrl?: string;
  progress: Array<{ on: string; rag: 'red' | 'amber' | 'green'; successes: string; barriers: string; nextSteps: string; by: string }>;
}

const INVITEE_TITLES = { headteacher: 'Headteacher', chairOfGovernors: 'Chair of governors' } as const;

export function boardView(board: RaisingAchievementBoard, school: Pick<School, 'urn' | 'name'>, names: ReadonlyMap<string, string>): BoardView {
  const m = board.meeting;
  return {
    boardId: board.id,
    version: board.version,
    urn: school.urn,
    schoolName: school.name,
    members: board.members.map((x) => `${x.name} (${x.email})`),
    invitees: board.invitees.map((i) => `${INVITEE_TITLES[i.role]}: ${i.name ?? i.email}`),
    meeting: `${longCalendarDate(m.date)} at ${m.time} (${m.durationMinutes} minutes, ${m.timeZone})`,
    place: board.location.displayName,
    booked: !!board.graphEventId,
    ...(board.joinUrl ? { joinUrl: board.joinUrl } : {}),
    progress: [...board.progress]
      .sort((a, b) => b.on.localeCompare(a.on))
      .map((p) => ({ on: p.on, rag: p.rag, successes: p.successes, barriers: p.barriers, nextSteps: p.nextSteps, by: names.get(p.recordedBy) ?? 'someone no longer registered' })),
  };
}

/**
 * The invitation to the headteacher and the chair of governors to present their plan, built when sent from the
 * board as stored (the outbox holds its id): in Teams as text, by e-mail when Teams cannot reach them.
 */
export const composeBoardInvitation: Composer = async (deps, tenantId, ref) => {
  const board = ref.boardId ? await deps.store.get('raisingAchievementBoards', tenantId, ref.boardId) : undefined;
  if (!board) return { undeliverable: 'the Raising Achievement Board no longer exists' };
  const school = (await deps.store.find('schools', tenantId, { urn: board.schoolUrn }))[0];
  if (!school) return { undeliverable: `the school ${board.schoolUrn} is no longer in the register` };
  const m = board.meeting;
  const members = board.members.map((x) => x.name).join(', ');
  const lines = [
    `The Education and Standards Committee has set up a Raising Achievement Board for ${school.name}.`,
    `The headteacher, with the chair of governors, is invited to present the school's plan to rectify underperformance, and to explain it in person, at the board's meeting on ${longCalendarDate(m.date)} at ${m.time} (${m.durationMinutes} minutes), at ${board.location.displayName}.`,
    `Board members: ${members}.`,
    board.graphEventId ? 'The meeting is in your Outlook calendar, with a Teams link.' : 'The meeting is not yet in Outlook calendars: the committee will confirm the arrangements.',
  ];
  return {
    message: { text: lines.join('\n\n') },
    mail: { subject: `Raising Achievement Board for ${school.name}: please present your plan on ${longCalendarDate(m.date)}`, html: mailHtml(`Raising Achievement Board for ${school.name}`, lines) },
  };
};
