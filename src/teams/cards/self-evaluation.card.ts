import { z } from 'zod/v4';
import { shownDay, shownShortDay } from './shown-date.js';
import { expandCard, type AdaptiveCard } from './template.js';
import { shownText } from './plain-text.js';

/** The Action.Execute verbs of the self-evaluation cards. */
export const SELF_EVALUATION_VERBS = {
  /** A school chosen on the school choice card: open its self-evaluation. */
  open: 'selfEvaluation.open',
  submit: 'selfEvaluation.submit',
  /** Save draft: keeps what was typed, unchecked, for the headteacher to resume. */
  saveDraft: 'selfEvaluation.saveDraft',
  /** The sign-off card asking for the viewer's own view. */
  refresh: 'selfEvaluation.refresh',
  agree: 'selfEvaluation.agree',
  challenge: 'selfEvaluation.challenge',
  sign: 'selfEvaluation.sign',
  feedbackGiven: 'selfEvaluation.feedbackGiven',
} as const;

/** Rutland plan 3.1: required of maintained schools, invited from academies. */
export const REQUIREMENT_LINES = {
  required: 'Required: maintained schools complete a self-evaluation each year.',
  invited: 'Invited: academies are invited to complete a self-evaluation each year.',
} as const;

/** Teams shows per-person views to at most 60 people named in a card's refresh. */
const MAX_REFRESH_USERS = 60;

/** Area and grade names are stored lower-case ("curriculum and teaching"); cards start them with a capital. */
export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The sign-off card (`SelfEvaluationView` for one viewer): ONE card whose refresh asks each signer's Teams
 * client for their own view, so the headteacher sees Sign, the officer Agree / Challenge, everyone else the status.
 */
export const SelfEvaluationCardSchema = z
  .object({
    selfEvaluationId: z.string().min(1),
    version: z.number().int().positive(),
    urn: z.string().min(1),
    schoolName: z.string().min(1),
    academicYear: z.string().min(1),
    requirement: z.enum(['required', 'invited']),
    grades: z.array(z.object({ area: z.string(), grade: z.string(), evidence: shownText })),
    status: z.enum(['submitted', 'agreed', 'challenged']),
    stage: z.string(),
    submittedBy: z.string(),
    submittedOn: z.string(),
    judgement: z
      .object({
        by: z.string(),
        on: z.string(),
        decision: z.enum(['agreed', 'challenged']),
        accurateAndRobust: z.boolean(),
        furtherChallenge: z.boolean(),
        comments: shownText.optional(),
        feedbackDueOn: z.string(),
      })
      .optional(),
    signedBy: z.string().optional(),
    signedOn: z.string().optional(),
    feedbackGivenOn: z.string().optional(),
    feedbackOverdue: z.boolean(),
    history: z.array(z.object({ on: z.string(), who: z.string(), event: z.string() })),
    viewer: z.enum(['headteacher', 'officer', 'other']),
    actions: z.array(z.enum(['agree', 'challenge', 'sign', 'feedbackGiven'])),
    defaultFeedbackDueOn: z.string(),
    signerUserIds: z.array(z.string()),
    /** What the officer typed, when the card comes back with a problem. */
    values: z.record(z.string(), z.string()).default(() => ({})),
    error: z.string().default(''),
    /** A line for the person who acted, e.g. how the other signer was told. */
    note: z.string().default(''),
  })
  .transform((v) => {
    const j = v.judgement;
    const feedbackLine = !j
      ? ''
      : v.feedbackGivenOn
        ? `Annual-visit feedback given on ${shownDay(v.feedbackGivenOn)}.`
        : `Annual-visit feedback due by ${shownDay(j.feedbackDueOn)}${v.feedbackOverdue ? ': overdue' : ''}.`;
    return {
      ...v,
      submittedOn: shownDay(v.submittedOn),
      // Without named users Teams refreshes the card for everyone in a chat of up to 60 people: right for a 1:1 chat.
      refresh: {
        action: { type: 'Action.Execute', title: 'Refresh', verb: SELF_EVALUATION_VERBS.refresh, data: { selfEvaluationId: v.selfEvaluationId } },
        ...(v.signerUserIds.length ? { userIds: v.signerUserIds.slice(0, MAX_REFRESH_USERS) } : {}),
      },
      verbs: SELF_EVALUATION_VERBS,
      requirementLine: REQUIREMENT_LINES[v.requirement],
      stageLine: capitalise(v.stage) + '.',
      grades: v.grades.map((g) => ({ title: capitalise(g.area), line: `${capitalise(g.grade)}: ${g.evidence}` })),
      judgementLine: !j
        ? ''
        : j.decision === 'agreed'
          ? `${j.by} agreed it is accurate and robust on ${shownDay(j.on)}${j.furtherChallenge ? '; further challenge and accountability required' : ''}.`
          : `${j.by} challenged it on ${shownDay(j.on)}: not yet accurate and robust; further challenge required.`,
      comments: j?.comments ?? '',
      feedbackLine,
      feedbackColour: v.feedbackOverdue ? 'Attention' : 'Default',
      signatureLine: v.signedBy ? `Signed by ${v.signedBy} on ${shownDay(v.signedOn)}.` : '',
      canJudge: v.actions.includes('agree'),
      canSign: v.actions.includes('sign'),
      canRecordFeedback: v.actions.includes('feedbackGiven'),
      feedbackDueOn: v.values.feedbackDueOn ?? v.defaultFeedbackDueOn,
      furtherChallenge: v.values.furtherChallenge ?? 'false',
      typedComments: v.values.comments ?? '',
      history: v.history.map((h) => ({ on: shownShortDay(h.on), line: `${h.who} ${h.event}` })),
    };
  });
export type SelfEvaluationCard = z.input<typeof SelfEvaluationCardSchema>;

export function renderSelfEvaluationCard(data: SelfEvaluationCard): AdaptiveCard {
  return expandCard('self-evaluation', SelfEvaluationCardSchema, data);
}

/** What the refresh and every sign-off button send; the officer's judgement inputs come with Agree and Challenge. */
export const SignOffDataSchema = z.object({
  selfEvaluationId: z.string().min(1),
  version: z.coerce.number().int().positive().optional(),
  feedbackDueOn: z.string().optional(),
  furtherChallenge: z.string().optional(),
  comments: z.string().optional(),
});
export type SignOffData = z.infer<typeof SignOffDataSchema>;
