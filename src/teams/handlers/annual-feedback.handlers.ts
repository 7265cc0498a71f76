import { InvalidInputError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import { annualFeedbackView, recordAnnualFeedback, type AnnualFeedbackStep } from '../../app/self-evaluation/annual-feedback.js';
import { ANNUAL_FEEDBACK_VERBS, AnnualFeedbackDataSchema, renderAnnualFeedbackCard } from '../cards/annual-feedback.card.js';
import type { CardAction, Reply } from '../handler.js';
import type { BotDeps } from '../deps.js';
import { parseCardData } from '../card-data.js';
import { inPersonalChatOnly } from '../personal-chat.js';

const feedbackDeps = (deps: BotDeps) => ({ store: deps.store, clock: deps.clock, timeZone: deps.timeZone });

/** `sef <school>` for a school with no self-evaluation yet: where its annual-visit feedback stands. */
export async function annualFeedbackReply(deps: BotDeps, person: Person, urn: string, notStartedLine: string): Promise<Reply> {
  const view = await annualFeedbackView(feedbackDeps(deps), deps.tenantId, person, urn);
  return { text: notStartedLine, card: renderAnnualFeedbackCard({ ...view, timeZone: deps.timeZone.name }) };
}

function feedbackAction(verb: string, step: (dueOn?: string) => AnnualFeedbackStep): CardAction {
  return {
    verb,
    roles: 'everyone',
    async handler({ deps, person, data }) {
      const input = parseCardData(AnnualFeedbackDataSchema, data);
      // The same press (a double click, a Teams retry) carries the same version: it is applied once.
      const key = `${verb}:${input.school}:${input.version}:${person.id}:${input.dueOn ?? ''}`;
      try {
        const view = await recordAnnualFeedback(feedbackDeps(deps), deps.tenantId, person, { urn: input.school, expectedVersion: input.version, step: step(input.dueOn) }, key);
        return renderAnnualFeedbackCard({ ...view, timeZone: deps.timeZone.name });
      } catch (err) {
        if (!(err instanceof InvalidInputError)) throw err;
        const view = await annualFeedbackView(feedbackDeps(deps), deps.tenantId, person, input.school);
        return renderAnnualFeedbackCard({ ...view, timeZone: deps.timeZone.name, typedDueOn: input.dueOn, error: err.message });
      }
    },
  };
}

/** The feedback card's buttons, in a 1:1 chat only like the self-evaluation they stand in for. */
export const annualFeedbackCardActions: CardAction[] = [
  feedbackAction(ANNUAL_FEEDBACK_VERBS.agreeDate, (dueOn) => ({ kind: 'agreeDate', dueOn })),
  feedbackAction(ANNUAL_FEEDBACK_VERBS.given, () => ({ kind: 'given' })),
].map((a) => inPersonalChatOnly(a, 'Annual-visit feedback opens only in your 1:1 chat with me.'));
