import { randomUUID } from 'node:crypto';
import { openBoard, recordBoardProgress, setUpBoard, viewBoard, type BoardDeps, type OpenBoardResult } from '../../app/raising-achievement-boards/raising-achievement-board.js';
import { InvalidInputError } from '../../domain/errors.js';
import type { ProgressInput } from '../../domain/strategy-meeting.js';
import { renderRabCard, renderRabSetUpCard, RabProgressDataSchema, RabSetUpFormSchema, RAB_VERBS } from '../cards/rab.card.js';
import { schoolLookupReply, SchoolChoiceDataSchema } from '../cards/school-choice.card.js';
import { parseCardData } from '../card-data.js';
import { readFormSubmit } from '../cards/form-card.js';
import type { BotDeps } from '../deps.js';
import { asCard, type CardAction, type Command, type Reply } from '../handler.js';
import { deliveryDepsOf } from '../notice-note.js';

const boardDeps = (deps: BotDeps): BoardDeps => ({ ...deliveryDepsOf(deps), calendar: deps.calendar });

function openedReply(opened: OpenBoardResult): Reply {
  if (opened.kind === 'board') return { text: `Raising Achievement Board for ${opened.view.schoolName}.`, card: renderRabCard({ board: opened.view, formId: randomUUID() }) };
  if (opened.kind === 'form') return { text: `Set up a Raising Achievement Board for ${opened.schoolName}.`, card: renderRabSetUpCard({ form: opened, formId: randomUUID() }) };
  return schoolLookupReply(opened, RAB_VERBS.open);
}

/** `rab <school>` (or `rab` alone, to be asked which school): a committee member sets up a board for a school causing concern; afterwards, the board, to record progress. */
export const rabCommand: Command = {
  name: 'rab',
  usage: 'rab ‹school name or URN›',
  // `rab` alone offers the schools where a board can be set up or opened: an example naming a school could name one it refuses.
  example: 'rab',
  // Board members who are not on the committee open their board too: the use case decides.
  roles: 'everyone',
  listedFor: ['escMember'],
  privacy: 'asker',
  summary: 'Education and Standards Committee: set up a Raising Achievement Board for a school causing concern (members, the meeting where the headteacher and chair present their plan); then record its progress.',
  async handler({ deps, person, args, reply }) {
    await reply(openedReply(await openBoard(deps.store, deps.tenantId, person, args, deps.clock.now(), deps.timeZone)));
  },
};

export const rabCardActions: CardAction[] = [
  {
    verb: RAB_VERBS.open,
    roles: 'everyone',
    async handler({ deps, person, data }) {
      const { school } = parseCardData(SchoolChoiceDataSchema, data);
      return asCard(openedReply(await openBoard(deps.store, deps.tenantId, person, school, deps.clock.now(), deps.timeZone)));
    },
  },
  {
    verb: RAB_VERBS.setUp,
    roles: ['escMember'],
    async handler({ deps, person, data }) {
      const { form, formId, values } = readFormSubmit(RabSetUpFormSchema, data);
      try {
        const input = { urn: form.urn, members: values.members ?? '', date: values.date ?? '', time: values.time ?? '', durationMinutes: Number(values.durationMinutes ?? 90), formId };
        if (!(input.durationMinutes >= 15 && input.durationMinutes <= 480)) throw new InvalidInputError('Give the length in minutes, 15 to 480.', 'durationMinutes');
        const result = await setUpBoard(boardDeps(deps), deps.tenantId, person, input);
        const told = result.told.map((t) => (t.outcome.status === 'sent' ? `${t.name} was sent the invitation${t.outcome.via === 'mail' ? ' by e-mail' : ' in Teams'}.` : t.outcome.message)).join(' ');
        return renderRabCard({ board: result.view, formId: randomUUID(), note: `Board set up. ${told || 'Nobody was invited: the register holds no headteacher or chair of governors for the school.'}`, warning: result.notBooked ?? '' });
      } catch (err) {
        if (err instanceof InvalidInputError) return renderRabSetUpCard({ form, formId, values, error: { message: err.message, field: err.field } });
        throw err;
      }
    },
  },
  {
    verb: RAB_VERBS.progress,
    roles: 'everyone',
    async handler({ deps, person, data }) {
      const { boardId, formId, ...typed } = parseCardData(RabProgressDataSchema, data);
      const values = Object.fromEntries(Object.entries(typed).filter((e): e is [string, string] => typeof e[1] === 'string'));
      const input = { on: typed.on, rag: typed.rag as ProgressInput['rag'], ...(typed.successes ? { successes: typed.successes } : {}), ...(typed.barriers ? { barriers: typed.barriers } : {}), ...(typed.nextSteps ? { nextSteps: typed.nextSteps } : {}) };
      try {
        const view = await recordBoardProgress(deps, deps.tenantId, person, boardId, input, `rab.progress:${formId}:${person.id}`);
        return renderRabCard({ board: view, formId: randomUUID(), note: 'Progress recorded.' });
      } catch (err) {
        if (!(err instanceof InvalidInputError)) throw err;
        // Nothing recorded: the board comes back with what was typed and the problem named.
        const view = await viewBoard(deps.store, deps.tenantId, person, boardId);
        return renderRabCard({ board: view, formId, values, error: { message: err.message, field: err.field } });
      }
    },
  },
];
