import { randomUUID } from 'node:crypto';
import { listConcerns } from '../../app/concerns/list-concerns.js';
import { markConcernHandled } from '../../app/concerns/mark-concern-handled.js';
import { openConcern } from '../../app/concerns/open-concern.js';
import { sendConcernsInFull } from '../../app/concerns/send-concerns-in-full.js';
import { InvalidInputError, NotAllowedError } from '../../domain/errors.js';
import type { Person, Role } from '../../domain/person.js';
import { parseCardData } from '../card-data.js';
import { renderConcernListCard } from '../cards/concern-list.card.js';
import { CONCERN_VERBS, ConcernActionDataSchema, ConcernSendAllDataSchema, renderConcernCard } from '../cards/concern.card.js';
import type { AdaptiveCard } from '../cards/template.js';
import type { BotDeps } from '../deps.js';
import type { CardAction, CardActionContext, Command } from '../handler.js';
import { conversationTypeOf } from '../turn.js';

const LEAD: readonly Role[] = ['concernsLead'];

/** The concerns lead's list, newest first; the notification preview counts, never names. */
async function leadListReply(deps: BotDeps, person: Person, note = ''): Promise<{ text: string; card: AdaptiveCard }> {
  const rows = await listConcerns(deps.store, deps.tenantId, person, deps.timeZone, deps.builtInTemplates);
  const waiting = rows.filter((r) => !r.handledOn).length;
  return { text: `Confidential concerns: ${waiting} not yet handled.`, card: renderConcernListCard({ rows, sendId: randomUUID(), note }) };
}

/**
 * `confidential`: the concerns lead's inbox, in their 1:1 chat only, so nothing of it reaches a channel. (The
 * `concerns` name is kept for the list of schools causing concern, a different list for other people.)
 */
export const confidentialCommand: Command = {
  name: 'confidential',
  example: 'confidential',
  roles: LEAD,
  where: 'personal',
  summary: 'Your confidential concerns as the concerns lead (newest first): open one in full, mark it handled, or have them all sent to this chat in full. In your 1:1 chat only.',
  async handler({ deps, person, reply }) {
    await reply(await leadListReply(deps, person));
  },
};

/**
 * A concern card pressed (or refreshed) anywhere but the lead's 1:1 chat is refused before anything is read:
 * the cards are only ever sent there, so a press from elsewhere is a replay, and an answer could be seen by others.
 */
function inPersonalChatOnly({ turn }: CardActionContext): void {
  if (conversationTypeOf(turn) !== 'personal') throw new NotAllowedError('Confidential concerns open only in your 1:1 chat with me.');
}

/**
 * The lead's card verbs: the list (and its refresh), Open (and the concern card's refresh), Mark as handled,
 * Send all in full. Each use case checks the role again itself, as these can be replayed by someone else.
 */
export const concernCardActions: CardAction[] = [
  {
    verb: CONCERN_VERBS.list,
    roles: LEAD,
    async handler(ctx) {
      inPersonalChatOnly(ctx);
      return (await leadListReply(ctx.deps, ctx.person)).card;
    },
  },
  {
    verb: CONCERN_VERBS.open,
    roles: LEAD,
    async handler(ctx) {
      inPersonalChatOnly(ctx);
      const { deps, person, data } = ctx;
      const { concernId } = parseCardData(ConcernActionDataSchema, data);
      return renderConcernCard(await openConcern(deps.store, deps.tenantId, person, concernId, deps.timeZone, deps.builtInTemplates));
    },
  },
  {
    verb: CONCERN_VERBS.markHandled,
    roles: LEAD,
    async handler(ctx) {
      inPersonalChatOnly(ctx);
      const { deps, person, data } = ctx;
      const { concernId, handledNote } = parseCardData(ConcernActionDataSchema, data);
      try {
        const { view, already } = await markConcernHandled(deps, deps.tenantId, person, concernId, handledNote, deps.timeZone);
        return renderConcernCard({ ...view, note: already ? 'It was already marked as handled: nothing changed.' : 'Marked as handled.' });
      } catch (err) {
        if (!(err instanceof InvalidInputError)) throw err;
        // The card comes back as it was, with what was typed and the problem beside the note box.
        const view = await openConcern(deps.store, deps.tenantId, person, concernId, deps.timeZone, deps.builtInTemplates);
        return renderConcernCard({ ...view, typedNote: handledNote ?? '', error: { message: err.message, field: err.field } });
      }
    },
  },
  {
    verb: CONCERN_VERBS.sendAll,
    roles: LEAD,
    async handler(ctx) {
      inPersonalChatOnly(ctx);
      const { deps, person, data } = ctx;
      const { sendId } = parseCardData(ConcernSendAllDataSchema, data);
      const r = await sendConcernsInFull(deps, deps.tenantId, person, `${person.id}:${sendId}`);
      const waiting = r.queued ? ` ${r.queued} could not be sent yet and will follow.` : '';
      const failed = r.undeliverable ? ` ${r.undeliverable} could not be sent: type confidential and open them here.` : '';
      return (await leadListReply(deps, person, `Sent ${r.sent} of ${r.total} in full to this chat.${waiting}${failed}`)).card;
    },
  },
];
