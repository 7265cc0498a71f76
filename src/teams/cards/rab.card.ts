import { z } from 'zod/v4';
import { shownDay } from './shown-date.js';
import { UrnSchema } from '../../domain/school.js';
import { expandCard, type AdaptiveCard } from './template.js';
import { formCardSchema } from './form-card.js';
import { shownText } from './plain-text.js';
import { RAG_COLOURS, RAG_LABELS } from './health-check.card.js';

/** The Action.Execute verbs of the Raising Achievement Board cards. */
export const RAB_VERBS = { open: 'rab.open', setUp: 'rab.setUp', progress: 'rab.progress' } as const;

/** The set-up form as opened, carried in its action so a card sent back needs no lookup. */
export const RabSetUpFormSchema = z.object({ urn: UrnSchema, schoolName: z.string().min(1), invitees: z.array(z.string()), today: z.string() });
export type RabSetUpForm = z.infer<typeof RabSetUpFormSchema>;

export const RabSetUpCardSchema = formCardSchema(RabSetUpFormSchema).transform(({ form, formId, values, error }) => ({
  verb: RAB_VERBS.setUp,
  formId,
  form,
  schoolName: form.schoolName,
  inviteeLine: form.invitees.length ? `Invited to present: ${form.invitees.join(' and ')}.` : 'The register holds no headteacher or chair of governors for this school: nobody will be invited.',
  error: error?.message ?? '',
  members: values.members ?? '',
  date: values.date ?? '',
  time: values.time ?? '10:00',
  durationMinutes: Number(values.durationMinutes ?? 90) || 90,
}));
export type RabSetUpCard = z.input<typeof RabSetUpCardSchema>;

export function renderRabSetUpCard(data: RabSetUpCard): AdaptiveCard {
  return expandCard('rab-setup', RabSetUpCardSchema, data);
}

const Rag = z.enum(['red', 'amber', 'green']);
/** The board card: the board (`BoardView`), a line on what just happened, and the progress form with what was typed. */
export const RabCardSchema = z
  .object({
    board: z.object({
      boardId: z.string(),
      urn: z.string(),
      schoolName: z.string(),
      members: z.array(z.string()),
      invitees: z.array(z.string()),
      meeting: z.string(),
      place: z.string(),
      booked: z.boolean(),
      joinUrl: z.string().optional(),
      // What board members typed, shown to others: as plain text, never markdown or Teams date macros.
      progress: z.array(z.object({ on: z.string(), rag: Rag, successes: shownText, barriers: shownText, nextSteps: shownText, by: z.string() })),
    }),
    formId: z.string().min(1),
    note: z.string().default(''),
    warning: z.string().default(''),
    values: z.record(z.string(), z.string()).default(() => ({})),
    error: z.object({ message: z.string(), field: z.string().optional() }).optional(),
  })
  .transform(({ board, formId, note, warning, values, error }) => ({
    verb: RAB_VERBS.progress,
    boardId: board.boardId,
    formId,
    schoolName: board.schoolName,
    note,
    warning,
    error: error?.message ?? '',
    meeting: board.meeting,
    place: board.place,
    bookedText: board.booked ? 'Booked, with a Teams meeting' : 'Not booked in Outlook',
    inviteesText: board.invitees.join('; ') || 'nobody in the register',
    membersText: board.members.join('; '),
    joinUrl: board.joinUrl ?? '',
    progress: board.progress.map((p) => ({ ...p, on: shownDay(p.on), ragText: RAG_LABELS[p.rag], ragColour: RAG_COLOURS[p.rag] })),
    values: { on: values.on ?? '', successes: values.successes ?? '', barriers: values.barriers ?? '', nextSteps: values.nextSteps ?? '', rag: values.rag ?? '' },
  }));
export type RabCard = z.input<typeof RabCardSchema>;

export function renderRabCard(data: RabCard): AdaptiveCard {
  return expandCard('rab', RabCardSchema, data);
}

export const RabProgressDataSchema = z.object({
  boardId: z.string().min(1),
  formId: z.string().min(1),
  on: z.string().default(''),
  successes: z.string().optional(),
  barriers: z.string().optional(),
  nextSteps: z.string().optional(),
  rag: z.string().default(''),
});
