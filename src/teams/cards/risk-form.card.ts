import { z } from 'zod/v4';
import { shownShortDay } from './shown-date.js';
import { expandCard, type AdaptiveCard } from './template.js';
import { CRITERION_CHOICES, levelChoices, RISK_VERBS, schoolRiskFormShape } from './risk.card.js';

/** The proposal form (`RiskFormView`): the school's level and its history of changes, and the inputs to propose one. */
export const RiskFormCardSchema = z
  .object({
    ...schoolRiskFormShape,
    levels: z.array(z.string()).min(2),
    history: z.array(z.object({ on: z.string(), line: z.string() })),
    values: z.record(z.string(), z.string()).default(() => ({})),
    error: z.string().default(''),
  })
  .transform((v) => ({
    ...v,
    verb: RISK_VERBS.propose,
    history: v.history.map((h) => ({ ...h, on: shownShortDay(h.on) })),
    riskLine: `Now: ${v.riskLevel}${v.causingConcern ? ' (causing concern)' : ''}.`,
    levelChoices: levelChoices(v.levels),
    criterionChoices: CRITERION_CHOICES,
    level: v.values.level ?? '',
    criterion: v.values.criterion ?? '',
    evidence: v.values.evidence ?? '',
    nextMonitoringMeetingOn: v.values.nextMonitoringMeetingOn ?? '',
  }));
export type RiskFormCard = z.input<typeof RiskFormCardSchema>;

export function renderRiskFormCard(data: RiskFormCard): AdaptiveCard {
  return expandCard('risk-form', RiskFormCardSchema, data);
}
