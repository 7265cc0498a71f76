import { z } from 'zod/v4';
import { instant, storedRecord } from './record.js';
import { UrnSchema, type School } from './school.js';
import { DEFAULT_REPORT_CARD_AREAS, ReportCardGradeSchema, reportCardAreasFor } from './inspection.js';
import { ConflictError, NotAllowedError } from './errors.js';

/**
 * A school's self-evaluation for one academic year (Rutland plan 3.1–3.2): required of maintained
 * schools and invited from academies; the headteacher grades each report-card area, the link officer
 * agrees it is accurate and robust or challenges it and sets the date the annual-visit feedback is due,
 * and the headteacher signs the outcome. The record keeps who did what and when.
 */

export const SelfEvaluationRequirementSchema = z.enum(['required', 'invited']);
export type SelfEvaluationRequirement = z.infer<typeof SelfEvaluationRequirementSchema>;

/** Maintained schools are required to complete a self-evaluation; academies (and anything else) are invited to. */
export function selfEvaluationRequirement(school: Pick<School, 'governance'>): SelfEvaluationRequirement {
  return school.governance === 'maintained' ? 'required' : 'invited';
}

/** The areas this school grades itself on: the configured list (report-card areas by default), stage areas only where present. */
export function selfEvaluationAreasFor(school: Pick<School, 'phase' | 'hasNursery' | 'hasSixthForm'>, areas: readonly string[] = DEFAULT_REPORT_CARD_AREAS): string[] {
  return reportCardAreasFor(school, areas);
}

/** A form-safe key for an area name ("curriculum and teaching" → "curriculum-and-teaching"): card inputs are named by it. */
export function areaKey(area: string): string {
  return area.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const at = instant();

export const SelfGradeSchema = z.object({
  area: z.string().min(1),
  grade: ReportCardGradeSchema,
  evidence: z.string().trim().min(1, 'Give a line of evidence').max(500),
});
export type SelfGrade = z.infer<typeof SelfGradeSchema>;

export const DecisionSchema = z.enum(['agreed', 'challenged']);
export type Decision = z.infer<typeof DecisionSchema>;

/** The officer's judgement of the self-evaluation (Rutland plan 3.2). */
export const JudgementSchema = z.object({
  personId: z.string().min(1),
  at,
  decision: DecisionSchema,
  accurateAndRobust: z.boolean(),
  furtherChallenge: z.boolean(),
  comments: z.string().max(2000).optional(),
  /** The agreed date by which the annual-visit feedback is given. */
  feedbackDueOn: isoDate,
});
export type Judgement = z.infer<typeof JudgementSchema>;

export const SelfEvaluationEventSchema = z.object({
  at,
  personId: z.string().min(1),
  event: z.enum(['submitted', 'resubmitted', 'agreed', 'challenged', 'signed', 'feedbackGiven']),
});
export type SelfEvaluationEvent = z.infer<typeof SelfEvaluationEventSchema>;

export const SelfEvaluationStatusSchema = z.enum(['submitted', 'agreed', 'challenged']);
export type SelfEvaluationStatus = z.infer<typeof SelfEvaluationStatusSchema>;

export const SelfEvaluationSchema = storedRecord({
  urn: UrnSchema,
  /** "2026/27". */
  academicYear: z.string().min(1),
  requirement: SelfEvaluationRequirementSchema,
  grades: z.array(SelfGradeSchema).min(1),
  status: SelfEvaluationStatusSchema,
  submission: z.object({ personId: z.string().min(1), at }),
  judgement: JudgementSchema.optional(),
  headteacherSignature: z.object({ personId: z.string().min(1), at }).optional(),
  feedbackGiven: z.object({ personId: z.string().min(1), on: isoDate }).optional(),
  /** Every step, in order: who submitted, judged, signed and gave feedback, and when. */
  history: z.array(SelfEvaluationEventSchema).default(() => []),
});
export type SelfEvaluation = z.infer<typeof SelfEvaluationSchema>;

/** How a person stands to a self-evaluation: the school's headteacher, the officer who judges it, or anyone else. */
export type SelfEvaluationViewer = 'headteacher' | 'officer' | 'other';

/** What a person can press on the sign-off card. */
export type SelfEvaluationAction = 'agree' | 'challenge' | 'sign' | 'feedbackGiven';

type Stage = Pick<SelfEvaluation, 'status' | 'judgement' | 'headteacherSignature' | 'feedbackGiven'>;

/**
 * Signed by both: agreed by the officer and signed by the headteacher. A challenged self-evaluation is never
 * signed off, whatever signature an older record carries: the school revises it and the officer judges again.
 */
export function isSignedOff(sef: Stage): boolean {
  return sef.status === 'agreed' && !!sef.judgement && !!sef.headteacherSignature;
}

/**
 * The actions the viewer may take now. The officer judges first (agree or challenge); the headteacher then
 * signs an agreed one (a challenged one is revised and resubmitted instead, through the form); the officer
 * records when the annual-visit feedback was given. Anyone else only reads.
 */
export function actionsFor(sef: Stage, viewer: SelfEvaluationViewer): SelfEvaluationAction[] {
  if (viewer === 'officer') {
    if (sef.status === 'submitted') return ['agree', 'challenge'];
    return sef.feedbackGiven ? [] : ['feedbackGiven'];
  }
  if (viewer === 'headteacher') return sef.status === 'agreed' && sef.judgement && !sef.headteacherSignature ? ['sign'] : [];
  return [];
}

const ACTION_WORDS: Record<SelfEvaluationAction, string> = {
  agree: 'agree this self-evaluation',
  challenge: 'challenge this self-evaluation',
  sign: 'sign this self-evaluation',
  feedbackGiven: 'record the annual-visit feedback',
};

/**
 * Refuses an action the viewer may not take: NotAllowedError when the action is not theirs at all,
 * ConflictError when it is theirs but the self-evaluation has moved past it.
 */
export function assertMay(sef: Stage, viewer: SelfEvaluationViewer, action: SelfEvaluationAction): void {
  const owner: SelfEvaluationViewer = action === 'sign' ? 'headteacher' : 'officer';
  if (viewer !== owner) {
    const who = owner === 'headteacher' ? "the school's headteacher" : 'the link officer';
    throw new NotAllowedError(`Only ${who} can ${ACTION_WORDS[action]}.`);
  }
  if (!actionsFor(sef, viewer).includes(action)) throw new ConflictError(`This self-evaluation is ${describeStage(sef)}: you cannot ${ACTION_WORDS[action]} now.`);
}

/** Whether the headteacher may (re)submit grades: before the officer's judgement, or after a challenge. */
export function maySubmit(sef: Stage | undefined): boolean {
  return !sef || sef.status === 'submitted' || sef.status === 'challenged';
}

/** One phrase for where the self-evaluation stands, for cards and lists. */
export function describeStage(sef: Stage): string {
  if (sef.status === 'submitted') return 'awaiting the link officer';
  if (sef.status === 'challenged') return "challenged, awaiting the school's revision";
  return sef.headteacherSignature ? 'agreed and signed' : "agreed, awaiting the headteacher's signature";
}

/** The status list's column: not started, or the stage reached. */
export type SelfEvaluationProgress = 'not started' | SelfEvaluationStatus;

export function progressOf(sef: Pick<SelfEvaluation, 'status'> | undefined): SelfEvaluationProgress {
  return sef ? sef.status : 'not started';
}

/** The feedback is overdue when its agreed date has passed and it has not been given. `today` is YYYY-MM-DD. */
export function feedbackOverdue(sef: Pick<SelfEvaluation, 'judgement' | 'feedbackGiven'> | undefined, today: string): boolean {
  return !!sef?.judgement && !sef.feedbackGiven && sef.judgement.feedbackDueOn < today;
}

/** What the officer fills in when agreeing or challenging. */
export const JudgementInputSchema = z
  .object({
    decision: DecisionSchema,
    /** When agreeing: whether further challenge and accountability is still required. A challenge always requires it. */
    furtherChallenge: z.boolean().default(false),
    comments: z
      .string()
      .trim()
      .max(2000)
      .optional()
      .transform((t) => (t ? t : undefined)).optional(),
    feedbackDueOn: isoDate,
  })
  .superRefine((j, ctx) => {
    if (j.decision === 'challenged' && !j.comments) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['comments'], message: 'Say what is challenged' });
  });
export type JudgementInput = z.input<typeof JudgementInputSchema>;

/**
 * The recorded judgement: agreeing means the self-evaluation is accurate and robust (further challenge
 * only if the officer says so); challenging means it is not yet, and further challenge is required.
 */
export function judgementOf(input: z.output<typeof JudgementInputSchema>, personId: string, atIso: string): Judgement {
  const agreed = input.decision === 'agreed';
  return {
    personId,
    at: atIso,
    decision: input.decision,
    accurateAndRobust: agreed,
    furtherChallenge: agreed ? input.furtherChallenge : true,
    comments: input.comments,
    feedbackDueOn: input.feedbackDueOn,
  };
}
