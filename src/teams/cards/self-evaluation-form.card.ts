import { z } from 'zod/v4';
import { UrnSchema } from '../../domain/school.js';
import type { SelfEvaluationSubmission } from '../../app/self-evaluation/submit-self-evaluation.js';
import { expandCard, type AdaptiveCard } from './template.js';
import { DRAFT_HINT, formCardSchema, problemFor, readFormSubmit } from './form-card.js';
import { capitalise, SELF_EVALUATION_VERBS, REQUIREMENT_LINES } from './self-evaluation.card.js';
import { plainText } from './plain-text.js';

/** The form as the headteacher opened it (`SelfEvaluationForm`): carried in the submit action, so a card sent back needs no lookup. */
export const SelfEvaluationFormSchema = z.object({
  urn: UrnSchema,
  schoolName: z.string().min(1),
  academicYear: z.string().min(1),
  requirement: z.enum(['required', 'invited']),
  expectedVersion: z.number().int().min(0),
  areas: z.array(z.object({ key: z.string().min(1), area: z.string().min(1), grade: z.string().optional(), evidence: z.string().optional() })).min(1),
  challenge: z.string().optional(),
});
export type SelfEvaluationFormData = z.infer<typeof SelfEvaluationFormSchema>;

/** The self-evaluation form card: the form, what was typed (by input id) and, when sent back, the problem. */
export const SelfEvaluationFormCardSchema = formCardSchema(SelfEvaluationFormSchema).transform(({ form, formId, values, error, draftVersion, draftNote }) => ({
    verb: SELF_EVALUATION_VERBS.submit,
    saveVerb: SELF_EVALUATION_VERBS.saveDraft,
    formId,
    draftVersion,
    draftNote,
    hint: DRAFT_HINT,
    form,
    urn: form.urn,
    schoolName: form.schoolName,
    academicYear: form.academicYear,
    requirementLine: REQUIREMENT_LINES[form.requirement],
    // The officer's words, read by the headteacher: the form keeps them as typed, the card shows them plain.
    challenge: plainText(form.challenge ?? ''),
    error: error?.message ?? '',
    areas: form.areas.map((a) => ({
      key: a.key,
      title: capitalise(a.area),
      grade: values[`${a.key}.grade`] ?? a.grade ?? '',
      evidence: values[`${a.key}.evidence`] ?? a.evidence ?? '',
      error: problemFor(error, a.key),
    })),
  }));
export type SelfEvaluationFormCard = z.input<typeof SelfEvaluationFormCardSchema>;

export function renderSelfEvaluationFormCard(data: SelfEvaluationFormCard): AdaptiveCard {
  return expandCard('self-evaluation-form', SelfEvaluationFormCardSchema, data);
}

/** Reads a submitted form: the typed values (to send the card back with) and the submission for the use case. */
export function readSelfEvaluationSubmit(data: unknown): { form: SelfEvaluationFormData; formId: string; draftVersion: number; values: Record<string, string>; submission: SelfEvaluationSubmission } {
  const { form, formId, draftVersion, values } = readFormSubmit(SelfEvaluationFormSchema, data, (form) => renderSelfEvaluationFormCard({ form, formId: 'submitted' }));
  return {
    form,
    formId,
    draftVersion,
    values,
    submission: {
      urn: form.urn,
      expectedVersion: form.expectedVersion,
      grades: form.areas.map((a) => ({ area: a.area, grade: values[`${a.key}.grade`]?.trim(), evidence: values[`${a.key}.evidence`]?.trim() })),
    },
  };
}
