import { z } from 'zod/v4';
import { shownDay } from './shown-date.js';
import { expandCard, type AdaptiveCard } from './template.js';
import { plainText } from './plain-text.js';
import { CRITERION_CHOICES, levelChoices, MAX_REFRESH_USERS, RISK_VERBS } from './risk.card.js';

/**
 * A proposed risk change (`RiskChangeView` for one viewer): ONE card whose refresh asks each viewer's Teams client
 * for their own view, so the headteacher sees Agree / Dispute, the officer the status and, after a dispute,
 * Revise / Withdraw.
 */
export const RiskChangeCardSchema = z
  .object({
    riskChangeId: z.string().min(1),
    version: z.number().int().positive(),
    urn: z.string().min(1),
    schoolName: z.string().min(1),
    fromLevel: z.string(),
    proposedLevel: z.string(),
    criterion: z.string(),
    evidence: z.string(),
    nextMonitoringMeetingOn: z.string(),
    proposedBy: z.string(),
    proposedOn: z.string(),
    status: z.enum(['proposed', 'agreed', 'disputed', 'revised', 'withdrawn']),
    statusLine: z.string(),
    answer: z.object({ by: z.string(), on: z.string(), decision: z.enum(['agreed', 'disputed']), comment: z.string().optional() }).optional(),
    viewer: z.enum(['headteacher', 'officer']),
    actions: z.array(z.enum(['agree', 'dispute', 'revise', 'withdraw'])),
    levels: z.array(z.string()),
    refreshUserIds: z.array(z.string()),
    values: z.record(z.string(), z.string()).default(() => ({})),
    error: z.string().default(''),
    note: z.string().default(''),
  })
  .transform((v) => ({
    ...v,
    // Without named users Teams refreshes the card for everyone in a chat of up to 60 people: right for a 1:1 chat.
    refresh: {
      action: { type: 'Action.Execute', title: 'Refresh', verb: RISK_VERBS.refresh, data: { riskChangeId: v.riskChangeId } },
      ...(v.refreshUserIds.length ? { userIds: v.refreshUserIds.slice(0, MAX_REFRESH_USERS) } : {}),
    },
    verbs: RISK_VERBS,
    facts: [
      { title: 'Now', value: v.fromLevel },
      { title: 'Proposed', value: v.proposedLevel },
      { title: 'Criterion', value: v.criterion },
      { title: 'Evidence', value: plainText(v.evidence) },
      { title: 'Next monitoring meeting', value: v.nextMonitoringMeetingOn ? shownDay(v.nextMonitoringMeetingOn) : 'not set' },
      { title: 'Proposed by', value: `${v.proposedBy} on ${shownDay(v.proposedOn)}` },
    ],
    answerLine: v.answer ? `${v.answer.by} ${v.answer.decision} on ${shownDay(v.answer.on)}${v.answer.comment ? `: ${plainText(v.answer.comment)}` : '.'}` : '',
    canAnswer: v.actions.includes('agree'),
    canRevise: v.actions.includes('revise'),
    canWithdraw: v.actions.includes('withdraw'),
    comment: v.values.comment ?? '',
    levelChoices: levelChoices(v.levels),
    criterionChoices: CRITERION_CHOICES,
    level: v.values.level ?? v.proposedLevel,
    criterionValue: v.values.criterion ?? CRITERION_CHOICES.find((c) => c.title === v.criterion)?.value ?? '',
    // An input shows its text as it is: never escaped.
    typedEvidence: v.values.evidence ?? v.evidence,
    meetingOn: v.values.nextMonitoringMeetingOn ?? v.nextMonitoringMeetingOn,
  }));
export type RiskChangeCard = z.input<typeof RiskChangeCardSchema>;

export function renderRiskChangeCard(data: RiskChangeCard): AdaptiveCard {
  return expandCard('risk-change', RiskChangeCardSchema, data);
}

/** What the refresh and every button send; the comment comes with Agree / Dispute, the proposal inputs with Revise. */
export const RiskChangeDataSchema = z.object({
  riskChangeId: z.string().min(1),
  version: z.coerce.number().int().positive().optional(),
  comment: z.string().optional(),
  level: z.string().optional(),
  criterion: z.string().optional(),
  evidence: z.string().optional(),
  nextMonitoringMeetingOn: z.string().optional(),
});

