import type { TurnContext } from 'botbuilder';
import { VISITOR_ROLES, type Person } from '../../domain/person.js';
import { localDate } from '../../domain/academic-year.js';
import { declineVisit } from '../../app/visits/decline-visit.js';
import { CONCERN_NOT_SENT_CLOSED, STALE_VISIT_MESSAGE, type VisitDeps, type VisitEditResult } from '../../app/visits/edit-visit.js';
import { visitsFor } from '../../app/visits/list-visits.js';
import { openVisit } from '../../app/visits/open-visit.js';
import { copyResponseRefusal, respondToCopy } from '../../app/visits/respond-to-copy.js';
import { saveDraft } from '../../app/visits/save-draft.js';
import { prepareVisit, startVisit, visitOptionsForSchool } from '../../app/visits/start-visit.js';
import { submitVisit } from '../../app/visits/submit-visit.js';
import { viewVisit, visitSummaryView } from '../../app/visits/visit-view.js';
import { valuesOf } from '../../app/visits/visit-values.js';
import { schoolLookupReply, SchoolChoiceDataSchema } from '../cards/school-choice.card.js';
import { unsentConcernCard } from './raise-concern.handlers.js';
import { agendaCardData, renderVisitAgendaCard, VisitAgendaDataSchema, VISIT_VERBS } from '../cards/visit-agenda.card.js';
import { renderVisitListCard } from '../cards/visit-list.card.js';
import { renderVisitStartCard, VisitStartDataSchema } from '../cards/visit-start.card.js';
import { renderVisitSummaryCard, VisitRefDataSchema, VisitResponseDataSchema } from '../cards/visit-summary.card.js';
import type { AdaptiveCard } from '../cards/template.js';
import { pressedMessage, sendAfterAnswer } from '../after-answer.js';
import { parseCardData } from '../card-data.js';
import type { BotDeps } from '../deps.js';
import type { CardAction, Command } from '../handler.js';
import { NotAllowedError } from '../../domain/errors.js';
import { conversationTypeOf } from '../turn.js';

/** The organisation's today, for the defaults of a visit not yet saved. */
const todayOf = (deps: BotDeps) => localDate(deps.clock.now(), deps.timeZone);

/** The visit use cases' ports, from the bot's. */
export const visitDeps = (deps: BotDeps): VisitDeps => deps;

/**
 * The card a press on the agenda turns into: the summary once final, else the agenda again with what to fix.
 * Rendered once, from what the use case returned. What the press recorded to send (the note for everyone in the
 * chat, the school's copy, a concern's notice) goes after the answer (`sendAfterAnswer`).
 */
async function afterEdit(turn: TurnContext, deps: BotDeps, person: Person, result: VisitEditResult, savedNotice = 'Draft saved: type visits to resume it later.'): Promise<AdaptiveCard> {
  // A submitted or declined note replaces the agenda for everyone through the outbox (`visit.forEveryone`).
  const final = result.kind === 'done' && result.visit.status !== 'draft';
  sendAfterAnswer(turn, result.outboxIds, { replacesPressedCard: final && !!pressedMessage(turn) });
  if (result.kind === 'invalid') return renderVisitAgendaCard(agendaCardData(result.ctx, result.values, result.errors, result.notices));
  if (result.kind === 'stale') return renderVisitAgendaCard(agendaCardData(result.ctx, result.values, [{ field: '', message: STALE_VISIT_MESSAGE }], result.notices));
  // A concern typed on a dead card goes nowhere with it: the presser gets it back, unsent, on the concern card.
  if (result.kind === 'closed' && result.unsentConcern && result.ctx.school) return unsentConcernCard(result.ctx.school, `${result.message} ${CONCERN_NOT_SENT_CLOSED}`, result.unsentConcern);
  // A visit to a partnership as a whole has no school for the concern card: the officer raises it with concern <school>.
  if (result.kind === 'closed' && result.unsentConcern) {
    const notSent = 'Your confidential concern was not sent with it: raise it on its own with concern ‹school›.';
    return renderVisitSummaryCard(await viewVisit(deps.store, deps.tenantId, person, result.ctx.visit.id, [result.message, notSent, ...result.notices], deps.timeZone));
  }
  // An old card (rare): the note as it is now, with whoever answered it named.
  if (result.kind === 'closed') return renderVisitSummaryCard(await viewVisit(deps.store, deps.tenantId, person, result.ctx.visit.id, [result.message, ...result.notices], deps.timeZone));
  if (result.visit.status === 'draft') return renderVisitAgendaCard(agendaCardData(result.ctx, valuesOf(result.visit, result.ctx.template), [], [savedNotice, ...result.notices]));
  return renderVisitSummaryCard(visitSummaryView(result.ctx, result.names, person, result.notices, deps.timeZone));
}

/** What the agenda card sent, with the message that held it (replaced by the final note for everyone). */
const submissionOf = (turn: TurnContext, data: unknown) => ({ ...parseCardData(VisitAgendaDataSchema, data), shownIn: pressedMessage(turn) });

/** A press's idempotency scope: the message holding the card (the same on a double click and a Teams retry). */
const cardMessageId = (turn: TurnContext) => turn.activity.replyToId ?? turn.activity.id ?? 'no-card';

/**
 * A visit card is only ever sent to a 1:1 chat (the agenda, the list, the school's copy), so a press or a
 * refresh from a channel or group chat is a replay there: it is refused before anything is read, and the
 * note (shown to everyone in the conversation once submitted) never reaches a shared one.
 */
const onlyInPersonalChat = (action: CardAction): CardAction => ({
  ...action,
  async handler(ctx) {
    if (conversationTypeOf(ctx.turn) !== 'personal') throw new NotAllowedError('Visit notes open only in your 1:1 chat with me.');
    return action.handler(ctx);
  },
});

/** Every visit card verb: choosing the school and agenda, the agenda's buttons, the summary's refresh and the school's answer. */
const everyVisitCardAction: CardAction[] = [
  {
    verb: VISIT_VERBS.chooseSchool,
    roles: VISITOR_ROLES,
    async handler({ deps, person, data }) {
      const { school } = parseCardData(SchoolChoiceDataSchema, data);
      return renderVisitStartCard(await visitOptionsForSchool(deps.store, deps.tenantId, deps.clock, deps.timeZone, person, school, deps.builtInTemplates));
    },
  },
  {
    verb: VISIT_VERBS.start,
    roles: VISITOR_ROLES,
    async handler({ turn, deps, person, data }) {
      const input = parseCardData(VisitStartDataSchema, data);
      // The person is in the key: a colleague pressing the same Start card starts a visit of their own.
      const key = `visit.start:${person.id}:${cardMessageId(turn)}:${input.urn ?? `partnership:${input.partnership}`}:${input.templateId}`;
      const { visitId, resumed } = await startVisit(visitDeps(deps), deps.tenantId, person, { urn: input.urn, partnership: input.partnership, templateId: input.templateId, plannedDate: input['visit.plannedDate'] }, key);
      const opened = await openVisit(deps.store, deps.tenantId, person, visitId, deps.timeZone, todayOf(deps));
      const notices = resumed ? ['You already had this visit open: here it is, as you left it.'] : [];
      return opened.kind === 'form' ? renderVisitAgendaCard(agendaCardData(opened.ctx, opened.values, [], notices)) : renderVisitSummaryCard(opened.view);
    },
  },
  {
    // Officers resume their drafts; a headteacher opens their school's copy (from `visits`): openVisit decides.
    verb: VISIT_VERBS.open,
    roles: 'everyone',
    async handler({ deps, person, data }) {
      const opened = await openVisit(deps.store, deps.tenantId, person, parseCardData(VisitRefDataSchema, data).visitId, deps.timeZone, todayOf(deps));
      return opened.kind === 'form' ? renderVisitAgendaCard(agendaCardData(opened.ctx, opened.values)) : renderVisitSummaryCard(opened.view);
    },
  },
  {
    verb: VISIT_VERBS.save,
    roles: VISITOR_ROLES,
    async handler({ turn, deps, person, data }) {
      const result = await saveDraft(visitDeps(deps), deps.tenantId, person, submissionOf(turn, data));
      return afterEdit(turn, deps, person, result);
    },
  },
  {
    verb: VISIT_VERBS.submit,
    roles: VISITOR_ROLES,
    async handler({ turn, deps, person, data }) {
      return afterEdit(turn, deps, person, await submitVisit(visitDeps(deps), deps.tenantId, person, submissionOf(turn, data)));
    },
  },
  {
    verb: VISIT_VERBS.decline,
    roles: VISITOR_ROLES,
    async handler({ turn, deps, person, data }) {
      return afterEdit(turn, deps, person, await declineVisit(visitDeps(deps), deps.tenantId, person, submissionOf(turn, data)));
    },
  },
  {
    // The summary's refresh: for everyone who can see the note, each in their own view; others are told they cannot.
    verb: VISIT_VERBS.view,
    roles: 'everyone',
    async handler({ deps, person, data }) {
      return renderVisitSummaryCard(await viewVisit(deps.store, deps.tenantId, person, parseCardData(VisitRefDataSchema, data).visitId, [], deps.timeZone));
    },
  },
  {
    // Open to everyone: the school's headteacher may hold no headteacher role (matched by the register's
    // e-mail), so the use case decides, with the same predicate the view used to offer the buttons.
    verb: VISIT_VERBS.respond,
    roles: 'everyone',
    async handler({ turn, deps, person, data }) {
      const input = parseCardData(VisitResponseDataSchema, data);
      // A Dispute with no comment (or too long a one) is refused in the card pressed, which stays as it was.
      const refusal = copyResponseRefusal(input);
      if (refusal) return renderVisitSummaryCard(await viewVisit(deps.store, deps.tenantId, person, input.visitId, [refusal], deps.timeZone));
      const { view, outboxIds } = await respondToCopy(visitDeps(deps), deps.tenantId, person, input);
      sendAfterAnswer(turn, outboxIds);
      return renderVisitSummaryCard(view);
    },
  },
];

/** The visit card verbs, each refused outside a 1:1 chat. */
export const visitCardActions: CardAction[] = everyVisitCardAction.map(onlyInPersonalChat);

/**
 * `visit` and `visits`: starting a visit at a school (officers, SIT members, and SACRE visitors the SACRE's), and the
 * visitor's drafts and recent visits or the headteacher's copies of their school's notes. Answered in the 1:1 chat only
 * (`privacy: 'asker'`): the agenda becomes the full note for everyone in its conversation.
 */
export const visitCommands: Command[] = [
  {
    name: 'visit',
    usage: 'visit ‹school name or URN | partnership name›',
    roles: VISITOR_ROLES,
    privacy: 'asker',
    summary: 'Start a visit to a school, or a partnership development visit to a partnership as a whole by its name: pick the agenda and the date, then fill the agenda card (save a draft, submit, or record that the school declined).',
    example: 'visit ‹school›',
    async handler({ deps, person, args, reply }) {
      const result = await prepareVisit(deps.store, deps.tenantId, deps.clock, deps.timeZone, person, args, deps.builtInTemplates);
      if (result.kind !== 'options') return reply(schoolLookupReply(result, VISIT_VERBS.chooseSchool));
      await reply({ text: `Start a visit to ${result.school?.name ?? `the ${result.partnership} partnership`}.`, card: renderVisitStartCard(result) });
    },
  },
  {
    name: 'visits',
    // Everyone: a headteacher may be known only by the register's e-mail, with no role; the use case decides.
    roles: 'everyone',
    privacy: 'asker',
    summary: "Officers: your draft visits to resume and your recent visits to open. Headteachers: your school's visit notes, to mark accurate or disputed.",
    summaries: [
      { roles: VISITOR_ROLES, summary: 'Your draft visits to resume and your recent visits to open.' },
      { roles: ['headteacher'], summary: "Your school's visit notes, to mark accurate or disputed." },
    ],
    example: 'visits',
    async handler({ deps, person, reply }) {
      const view = await visitsFor(deps.store, deps.tenantId, person, deps.timeZone, deps.builtInTemplates);
      const text =
        view.kind === 'visitor'
          ? `${view.list.open.length} draft or planned, ${view.list.recent.length} recent.`
          : `${view.list.awaiting.length} visit ${view.list.awaiting.length === 1 ? 'note awaits' : 'notes await'} your answer.`;
      await reply({ text, card: renderVisitListCard(view.list) });
    },
  },
];