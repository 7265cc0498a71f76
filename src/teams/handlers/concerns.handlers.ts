import { listConcerns } from '../../app/concerns/list-concerns.js';
import { markConcernHandled } from '../../app/concerns/mark-concern-handled.js';
import { openConcern } from '../../app/concerns/open-concern.js';
import { InvalidInputError, NotAllowedError } from '../../domain/errors.js';
import type { Person, Role } from '../../domain/person.js';
import { parseCardData } from '../card-data.js';
import { renderConcernListCard } from '../cards/concern-list.card.js';
import { CONCERN_VERBS, ConcernActionDataSchema, renderConcernCard } from '../cards/concern.card.js';
import type { AdaptiveCard } from '../cards/template.js';
import type { BotDeps } from '../deps.js';
import { isFor, type CardAction, type CardActionContext, type Command, type Reply } from '../handler.js';
import { conversationTypeOf } from '../turn.js';

const LEAD: readonly Role[] = ['concernsLead'];

/** The concerns lead's list, newest first; the notification preview counts, never names. */
async function leadListReply(deps: BotDeps, person: Person): Promise<{ text: string; card: AdaptiveCard }> {
  const rows = await listConcerns(deps.store, deps.tenantId, person, deps.config.timezone, deps.builtInTemplates);
  const waiting = rows.filter((r) => !r.handledOn).length;
  return { text: `Confidential concerns: ${waiting} not yet handled.`, card: renderConcernListCard({ rows }) };
}

/**
 * Who sees what under `concerns`: the first view whose audience holds the person answers. Only the concerns
 * lead's today; the officers' list of schools causing concern joins as one more entry, and the command's
 * audience follows from the views.
 */
interface ConcernsView {
  roles: readonly Role[];
  reply(deps: BotDeps, person: Person): Promise<Reply>;
}
const concernsViews: readonly ConcernsView[] = [{ roles: LEAD, reply: leadListReply }];

/** `concerns`: the confidential concerns for the lead, in their 1:1 chat only, so nothing of them reaches a channel. */
export const concernsCommand: Command = {
  name: 'concerns',
  roles: concernsViews.flatMap((v) => v.roles),
  where: 'personal',
  summary: 'Read the confidential concerns raised at visits (newest first), open one in full and mark it handled. In your 1:1 chat only.',
  async handler({ deps, person, reply }) {
    // The dispatcher has checked the person holds one of the views' roles, so one view fits.
    const view = concernsViews.find((v) => isFor(person, v.roles))!;
    await reply(await view.reply(deps, person));
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
 * The lead's card verbs: the list (and its refresh), Open (and the concern card's refresh), Mark as handled.
 * Each use case checks the role again itself, as these can be replayed by someone else.
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
      return renderConcernCard(await openConcern(deps.store, deps.tenantId, person, concernId, deps.config.timezone, deps.builtInTemplates));
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
        const { view, already } = await markConcernHandled(deps, deps.tenantId, person, concernId, handledNote, deps.config.timezone);
        return renderConcernCard({ ...view, note: already ? 'It was already marked as handled: nothing changed.' : 'Marked as handled.' });
      } catch (err) {
        if (!(err instanceof InvalidInputError)) throw err;
        // The card comes back as it was, with what was typed and the problem beside the note box.
        const view = await openConcern(deps.store, deps.tenantId, person, concernId, deps.config.timezone, deps.builtInTemplates);
        return renderConcernCard({ ...view, typedNote: handledNote ?? '', error: { message: err.message, field: err.field } });
      }
    },
  },
];
