import type { z } from 'zod/v4';
import type { CardRef } from '../../app/ports/messenger.port.js';
import { HelpCardSchema } from './help.card.js';
import { WhoamiCardSchema } from './whoami.card.js';
import { SchoolChoiceCardSchema } from './school-choice.card.js';
import { HealthCheckCardSchema } from './health-check.card.js';
import { HealthCheckSummaryCardSchema } from './health-check-summary.card.js';
import { HealthCheckListCardSchema } from './health-check-list.card.js';
import { SelfEvaluationFormCardSchema } from './self-evaluation-form.card.js';
import { SelfEvaluationCardSchema } from './self-evaluation.card.js';
import { SelfEvaluationStatusCardSchema } from './self-evaluation-status.card.js';
import { VisitAgendaCardSchema } from './visit-agenda.card.js';
import { VisitStartCardSchema } from './visit-start.card.js';
import { VisitSummaryCardSchema } from './visit-summary.card.js';
import { VisitListCardSchema } from './visit-list.card.js';
import { VisitCoverageCardSchema } from './visit-coverage.card.js';
import { ConcernListCardSchema } from './concern-list.card.js';
import { ConcernCardSchema } from './concern.card.js';
import { ConcernFormCardSchema } from './concern-form.card.js';
import { InspectionCardSchema } from './inspection.card.js';
import { RiskFormCardSchema } from './risk-form.card.js';
import { RiskChangeCardSchema } from './risk-change.card.js';
import { SchoolsCausingConcernCardSchema } from './schools-causing-concern.card.js';
import { StrategySlotsCardSchema } from './strategy-slots.card.js';
import { StrategyMeetingCardSchema } from './strategy-meeting.card.js';
import { MeetingProgressCardSchema } from './meeting-progress.card.js';
import { AllocationCardSchema } from './allocation.card.js';
import { RabCardSchema, RabSetUpCardSchema } from './rab.card.js';
import { AnnualFeedbackCardSchema } from './annual-feedback.card.js';
import { MilestoneCardSchema } from './milestone.card.js';
import { MilestoneListCardSchema } from './milestone-list.card.js';
import { PlanTermSummaryCardSchema } from './plan-term-summary.card.js';
import { PlanCardSchema, StartCardSchema } from './action-plan.card.js';
import { SitDigestCardSchema } from './sit-digest.card.js';
import { DigestReportCardSchema } from './digest-report.card.js';
import { PartnershipDigestCardSchema } from './partnership-digest.card.js';
import { SacreDigestCardSchema } from './sacre-digest.card.js';
import { cardAttachment, expandCard, type AdaptiveCard } from './template.js';

export { cardAttachment, type AdaptiveCard } from './template.js';

/**
 * Every card the bot can send, by template name (`cards/<name>.json`) with its data schema. This is what
 * lets a use case name a card (`CardRef`) without seeing card JSON, and what the card tests walk to
 * validate every template. Add one line per card module.
 */
export const cardSchemas = {
  help: HelpCardSchema,
  whoami: WhoamiCardSchema,
  'school-choice': SchoolChoiceCardSchema,
  'visit-agenda': VisitAgendaCardSchema,
  'visit-start': VisitStartCardSchema,
  'visit-summary': VisitSummaryCardSchema,
  'visit-list': VisitListCardSchema,
  'visit-coverage': VisitCoverageCardSchema,
  'health-check': HealthCheckCardSchema,
  'health-check-summary': HealthCheckSummaryCardSchema,
  'health-check-list': HealthCheckListCardSchema,
  'self-evaluation-form': SelfEvaluationFormCardSchema,
  'self-evaluation': SelfEvaluationCardSchema,
  'self-evaluation-status': SelfEvaluationStatusCardSchema,
  'annual-feedback': AnnualFeedbackCardSchema,
  'concern-list': ConcernListCardSchema,
  concern: ConcernCardSchema,
  'concern-form': ConcernFormCardSchema,
  inspection: InspectionCardSchema,
  'risk-form': RiskFormCardSchema,
  'risk-change': RiskChangeCardSchema,
  'schools-causing-concern': SchoolsCausingConcernCardSchema,
  'strategy-slots': StrategySlotsCardSchema,
  'strategy-meeting': StrategyMeetingCardSchema,
  'meeting-progress': MeetingProgressCardSchema,
  allocation: AllocationCardSchema,
  'rab-setup': RabSetUpCardSchema,
  rab: RabCardSchema,
  milestone: MilestoneCardSchema,
  'milestone-list': MilestoneListCardSchema,
  'plan-term-summary': PlanTermSummaryCardSchema,
  'action-plan': PlanCardSchema,
  'action-plan-start': StartCardSchema,
  'sit-digest': SitDigestCardSchema,
  'digest-report': DigestReportCardSchema,
  'partnership-digest': PartnershipDigestCardSchema,
  'sacre-digest': SacreDigestCardSchema,
} as const satisfies Record<string, z.ZodTypeAny>;

export type CardName = keyof typeof cardSchemas;
export const cardNames = Object.keys(cardSchemas) as CardName[];

export function isCardName(name: string): name is CardName {
  return Object.hasOwn(cardSchemas, name);
}

/** Renders a registered card by name: the data is validated with the card's schema first. */
export function renderCard(name: string, data: unknown): AdaptiveCard {
  if (!isCardName(name)) throw new Error(`There is no card called ${JSON.stringify(name)}; register it in src/teams/cards/render.ts.`);
  return expandCard(name, cardSchemas[name], data as never);
}

/** Renders a card a use case named, as a message attachment. */
export function renderCardRef(ref: CardRef) {
  return cardAttachment(renderCard(ref.name, ref.data));
}
