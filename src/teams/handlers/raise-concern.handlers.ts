import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { findSchool } from '../../app/schools/find-school.js';
import { MAX_CONCERN_LENGTH, raiseConcern } from '../../app/visits/raise-concern.js';
import { NotAllowedError, NotFoundError } from '../../domain/errors.js';
import { OFFICER_ROLES, type Person } from '../../domain/person.js';
import type { School } from '../../domain/school.js';
import { sendAfterAnswer } from '../after-answer.js';
import { parseCardData } from '../card-data.js';
import { CONCERN_FORM_VERBS, ConcernFormDataSchema, renderConcernFormCard } from '../cards/concern-form.card.js';
import { SchoolChoiceDataSchema, schoolLookupReply } from '../cards/school-choice.card.js';
import type { BotDeps } from '../deps.js';
import type { CardAction, Command } from '../handler.js';
import { conversationTypeOf } from '../turn.js';

/** A fresh concern card for the school: nothing typed, its own form id. */
const freshForm = (school: Pick<School, 'urn' | 'name'>) => renderConcernFormCard({ urn: school.urn, schoolName: school.name, formId: randomUUID() });

/** The concern card holding a concern that was typed elsewhere and not sent (on a visit that can no longer change), for its author to send. */
export const unsentConcernCard = (school: Pick<School, 'urn' | 'name'>, intro: string, typed: string) =>
  renderConcernFormCard({ urn: school.urn, schoolName: school.name, formId: randomUUID(), intro, typed });

/** The school a press names, by URN, among the open schools. */
async function schoolByUrn(deps: BotDeps, urn: string): Promise<School> {
  const lookup = await findSchool(deps.store, deps.tenantId, urn);
  if (lookup.kind !== 'found') throw new NotFoundError('The school', urn);
  return lookup.school;
}

/** The card is only ever sent to a 1:1 chat: a press from anywhere else is a replay, refused before anything is read. */
function inPersonalChatOnly(turn: Parameters<CardAction['handler']>[0]['turn']): void {
  if (conversationTypeOf(turn) !== 'personal') throw new NotAllowedError('Confidential concerns are raised only in your 1:1 chat with me.');
}

/**
 * `concern <school>`: an officer raises a confidential concern with no visit, on a small card of its own. It
 * goes to the concerns lead the same way as one raised with a visit note. In the 1:1 chat only, so what is
 * typed never sits in a shared conversation.
 */
export const concernCommand: Command = {
  name: 'concern',
  usage: 'concern ‹school name or URN›',
  example: 'concern ‹school›',
  roles: OFFICER_ROLES,
  where: 'personal',
  summary: 'Raise a confidential concern about a school with no visit: it goes privately to the concerns lead and nobody else.',
  async handler({ deps, person, args, reply }) {
    const lookup = await findSchool(deps.store, deps.tenantId, args, person);
    if (lookup.kind !== 'found') return reply(schoolLookupReply(lookup, CONCERN_FORM_VERBS.chooseSchool));
    await reply({ text: `A confidential concern about ${lookup.school.name}.`, card: freshForm(lookup.school) });
  },
};

/** Sends what was typed; an empty or over-long concern comes back on the card with what was typed, and nothing is raised. */
async function raise(turn: TurnContext, deps: BotDeps, person: Person, data: unknown) {
  const { urn, formId, confidentialConcern } = parseCardData(ConcernFormDataSchema, data);
  const school = await schoolByUrn(deps, urn);
  const typed = confidentialConcern?.trim() ?? '';
  const form = { urn, schoolName: school.name, formId, typed: confidentialConcern ?? '' };
  if (!typed) return renderConcernFormCard({ ...form, error: 'Write the concern before sending it.' });
  if (typed.length > MAX_CONCERN_LENGTH) return renderConcernFormCard({ ...form, error: `Keep the concern under ${MAX_CONCERN_LENGTH.toLocaleString('en-GB')} characters.` });
  const { notice, outboxIds } = await raiseConcern(deps, deps.tenantId, person, { schoolUrn: urn }, typed, `${person.id}:${formId}`);
  // The lead's notice goes after the answer.
  sendAfterAnswer(turn, outboxIds);
  return renderConcernFormCard({ ...form, sent: notice });
}

/** The school picked on the choice card, and Send. */
export const raiseConcernCardActions: CardAction[] = [
  {
    verb: CONCERN_FORM_VERBS.chooseSchool,
    roles: OFFICER_ROLES,
    async handler({ turn, deps, data }) {
      inPersonalChatOnly(turn);
      return freshForm(await schoolByUrn(deps, parseCardData(SchoolChoiceDataSchema, data).school));
    },
  },
  {
    verb: CONCERN_FORM_VERBS.raise,
    roles: OFFICER_ROLES,
    async handler({ turn, deps, person, data }) {
      inPersonalChatOnly(turn);
      return raise(turn, deps, person, data);
    },
  },
];
