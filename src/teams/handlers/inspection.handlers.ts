import { randomUUID } from 'node:crypto';
import { InvalidInputError } from '../../domain/errors.js';
import { openInspection, type InspectionHistoryView } from '../../app/risk/inspection-history.js';
import { recordInspection } from '../../app/risk/record-inspection.js';
import type { RiskDeps } from '../../app/risk/risk-deps.js';
import { gradesOf, RecordInspectionDataSchema, renderInspectionCard } from '../cards/inspection.card.js';
import { RISK_VERBS } from '../cards/risk.card.js';
import { schoolLookupReply, SchoolChoiceDataSchema } from '../cards/school-choice.card.js';
import { parseCardData } from '../card-data.js';
import type { BotDeps } from '../deps.js';
import { asCard, type CardAction, type Command, type Reply } from '../handler.js';
import { deliveryDepsOf, noticeNote } from '../notice-note.js';
import { inPersonalChatOnly } from '../personal-chat.js';
import { sendAfterAnswer } from '../after-answer.js';

/** The risk and inspection use cases' ports from the bot's: delivery, the configured scale and report-card areas. */
export const riskDepsOf = (deps: BotDeps): RiskDeps => ({ ...deliveryDepsOf(deps), scale: deps.config.riskScale, areas: deps.config.reportCardAreas });

const OFFICERS = ['officer', 'sit'] as const;

const historyReply = (view: InspectionHistoryView): Reply => ({ text: `Inspections of ${view.schoolName}.`, card: renderInspectionCard({ ...view, formId: randomUUID() }) });

async function opened(deps: BotDeps, person: Parameters<typeof openInspection>[2], query: string): Promise<Reply> {
  const result = await openInspection(deps.store, deps.tenantId, person, query, deps.config.reportCardAreas);
  return result.kind === 'found' ? historyReply(result.view) : schoolLookupReply(result, RISK_VERBS.openInspection);
}

/** `inspection <school>`: the school's inspection history, both frameworks side by side, and the form to record a report card. */
export const inspectionCommand: Command = {
  name: 'inspection',
  usage: 'inspection ‹school name or URN›',
  example: 'inspection ‹school›',
  roles: OFFICERS,
  privacy: 'asker',
  summary: "Record a school's report-card inspection (each area's grade, safeguarding, any category of concern) and see its inspection history.",
  async handler({ deps, person, args, reply }) {
    await reply(await opened(deps, person, args));
  },
};

const inspectionCardActionsAnywhere: CardAction[] = [
  {
    verb: RISK_VERBS.openInspection,
    roles: OFFICERS,
    async handler({ deps, person, data }) {
      return asCard(await opened(deps, person, parseCardData(SchoolChoiceDataSchema, data).school));
    },
  },
  {
    verb: RISK_VERBS.recordInspection,
    roles: OFFICERS,
    async handler({ turn, deps, person, data }) {
      const input = parseCardData(RecordInspectionDataSchema, data);
      const typed = { date: input.date, safeguarding: input.safeguarding, category: input.category, grades: gradesOf(input) };
      try {
        const recorded = await recordInspection(riskDepsOf(deps), deps.tenantId, person, input.urn, typed, `inspection.record:${input.formId}`);
        sendAfterAnswer(turn, recorded.outboxIds);
        const rapid = recorded.rapidResponse;
        const note = rapid
          ? `Recorded. A category of concern: ${recorded.view.schoolName} is now on the list of schools causing concern at ${rapid.level}. ${noticeNote(rapid.told)}`
          : 'Recorded.';
        return renderInspectionCard({ ...recorded.view, formId: randomUUID(), note });
      } catch (err) {
        if (!(err instanceof InvalidInputError)) throw err;
        const open = await openInspection(deps.store, deps.tenantId, person, input.urn, deps.config.reportCardAreas);
        if (open.kind !== 'found') throw err;
        const values = Object.fromEntries(Object.entries(input).filter((e): e is [string, string] => typeof e[1] === 'string'));
        return renderInspectionCard({ ...open.view, formId: input.formId, values, error: err.message });
      }
    },
  },
];

/** Inspections are recorded in a 1:1 chat only. */
export const inspectionCardActions: CardAction[] = inspectionCardActionsAnywhere.map((a) => inPersonalChatOnly(a, 'Inspections are recorded only in your 1:1 chat with me.'));
