import { z } from 'zod/v4';
import { shownDay } from './shown-date.js';
import { EARLY_YEARS_OR_SIXTH_FORM, HEALTH_CHECK_AREAS, StageChoiceSchema } from '../../domain/health-check.js';
import { RagSchema } from '../../domain/rag.js';
import { UrnSchema } from '../../domain/school.js';
import type { HealthCheckSubmission } from '../../app/health-checks/submit-health-check.js';
import { expandCard, type AdaptiveCard } from './template.js';
import { DRAFT_HINT, formCardSchema, problemFor, readFormSubmit } from './form-card.js';
import { plainText } from './plain-text.js';
import { TEXT_LIMITS } from '../../domain/text-limits.js';

/** The Action.Execute verbs of the health-check cards. */
export const HEALTH_CHECK_VERBS = {
  /** A school chosen on the school choice card: open its form. */
  open: 'healthCheck.open',
  submit: 'healthCheck.submit',
  /** Save draft: keeps what was typed, unchecked, for the officer to resume. */
  saveDraft: 'healthCheck.saveDraft',
  acknowledge: 'healthCheck.acknowledge',
  /** The summary card asking for the viewer's up-to-date view. */
  view: 'healthCheck.view',
} as const;

export const RAG_LABELS = { green: 'Green', amber: 'Amber', red: 'Red' } as const;
/** Adaptive Card text colours for the ratings. */
export const RAG_COLOURS = { green: 'Good', amber: 'Warning', red: 'Attention' } as const;

/** The form as the officer opened it (`HealthCheckForm`): carried in the submit action, so a card sent back needs no lookup. */
export const HealthCheckFormSchema = z.object({
  urn: UrnSchema,
  schoolName: z.string().min(1),
  heldOn: z.string(),
  areas: z
    .array(
      z.object({
        id: z.enum(HEALTH_CHECK_AREAS.map((a) => a.id) as [string, ...string[]]),
        title: z.string().min(1),
        previousRating: RagSchema.optional(),
        previousAction: z.string().optional(),
        choosesStage: z.boolean().optional(),
      }),
    )
    .min(1),
  stageChoice: StageChoiceSchema.optional(),
  previous: z.object({ id: z.string().min(1), heldOn: z.string(), nextDue: z.string() }).optional(),
});
export type HealthCheckFormData = z.infer<typeof HealthCheckFormSchema>;

/** The input where the officer says whether the early years or the sixth form is looked at, or neither. */
export const STAGE_CHOICE_INPUT = `${EARLY_YEARS_OR_SIXTH_FORM}.applies`;

/** The form card: the form, what was typed (by input id) and, when sent back, the problem and the input it is about. */
export const HealthCheckCardSchema = formCardSchema(HealthCheckFormSchema).transform(({ form, formId, values, error, draftVersion, draftNote }) => ({
    verb: HEALTH_CHECK_VERBS.submit,
    saveVerb: HEALTH_CHECK_VERBS.saveDraft,
    formId,
    draftVersion,
    draftNote,
    hint: DRAFT_HINT,
    form,
    urn: form.urn,
    schoolName: form.schoolName,
    heldOn: values.heldOn ?? form.heldOn,
    previousHeldOn: shownDay(form.previous?.heldOn),
    nextDue: shownDay(form.previous?.nextDue),
    error: error?.message ?? '',
    maxLengths: { evidence: TEXT_LIMITS.healthCheckEvidence, action: TEXT_LIMITS.healthCheckAction },
    areas: form.areas.map((a) => ({
      id: a.id,
      title: a.title,
      choosesStage: !!a.choosesStage,
      stageValue: a.choosesStage ? (values[STAGE_CHOICE_INPUT] ?? form.stageChoice ?? '') : '',
      previousLine: a.previousAction ? `Last time${a.previousRating ? ` ${RAG_LABELS[a.previousRating]}` : ''}, action required: ${plainText(a.previousAction)}` : '',
      rating: values[`${a.id}.rating`] ?? '',
      evidence: values[`${a.id}.evidence`] ?? '',
      requiredAction: values[`${a.id}.requiredAction`] ?? '',
      impactOfLastActions: values[`${a.id}.impactOfLastActions`] ?? '',
      error: problemFor(error, a.id),
    })),
  }));
export type HealthCheckCard = z.input<typeof HealthCheckCardSchema>;

export function renderHealthCheckCard(data: HealthCheckCard): AdaptiveCard {
  return expandCard('health-check', HealthCheckCardSchema, data);
}

/** Reads a submitted form: the typed values (to send the card back with) and the submission for the use case. */
export function readHealthCheckSubmit(data: unknown): { form: HealthCheckFormData; formId: string; draftVersion: number; values: Record<string, string>; submission: HealthCheckSubmission } {
  const { form, formId, draftVersion, values } = readFormSubmit(HealthCheckFormSchema, data, (form) => renderHealthCheckCard({ form, formId: 'submitted' }));
  const typed = (id: string) => values[id]?.trim() || undefined;
  return {
    form,
    formId,
    draftVersion,
    values,
    submission: {
      urn: form.urn,
      heldOn: typed('heldOn') ?? '',
      previousCheckId: form.previous?.id,
      earlyYearsOrSixthForm: typed(STAGE_CHOICE_INPUT),
      areas: form.areas.map((a) => ({
        area: a.id,
        rating: typed(`${a.id}.rating`),
        evidence: typed(`${a.id}.evidence`),
        requiredAction: typed(`${a.id}.requiredAction`),
        impactOfLastActions: typed(`${a.id}.impactOfLastActions`),
      })),
    },
  };
}
