import { randomUUID } from 'node:crypto';
import { z } from 'zod/v4';
import { CONFIDENTIAL_CONCERN_INPUT_ID, CONFIDENTIAL_CONCERN_PROMPT, type AgendaItem } from '../../domain/agenda-template.js';
import { carriesTags } from '../../domain/theme-tags.js';
import { visitPlaceName, type FieldError } from '../../domain/visit.js';
import type { VisitContext } from '../../app/visits/visit-view.js';
import { VISIT_INPUT, type VisitValues } from '../../app/visits/visit-values.js';
import { expandCard, type AdaptiveCard } from './template.js';
import { shownDay } from './shown-date.js';
import { TEXT_LIMITS } from '../../domain/text-limits.js';
import { MAX_CONCERN_LENGTH } from '../../app/visits/raise-concern.js';

/** Every Action.Execute verb of the visit cards: shared by the templates' data and the routes. */
export const VISIT_VERBS = {
  /** A school picked on the school choice card after `visit <name>`. */
  chooseSchool: 'visit.chooseSchool',
  start: 'visit.start',
  /** Resume a draft or open a visit (from `visits`). */
  open: 'visit.open',
  save: 'visit.save',
  submit: 'visit.submit',
  decline: 'visit.decline',
  /** The summary's refresh: each viewer gets their own view (the headteacher's has Accurate and Dispute). */
  view: 'visit.view',
  respond: 'visit.respond',
} as const;

/** The message beside an input Teams finds empty, until the use case names the problem. */
const NEEDS_ANSWER = 'This needs an answer.';

const Choice = z.object({ title: z.string().min(1), value: z.string().min(1) });
const Field = z.object({
  id: z.string().min(1),
  label: z.string().min(1),
  kind: z.enum(['text', 'date', 'choice']),
  multiline: z.boolean().default(false),
  /** A choice that takes several values (the theme tags of an answer). */
  multiSelect: z.boolean().default(false),
  value: z.string().default(''),
  choices: z.array(Choice).default(() => []),
  /** Set only on a card sent back for a missing answer, so Teams marks the field and shows `errorMessage`. */
  isRequired: z.boolean().default(false),
  errorMessage: z.string().default(NEEDS_ANSWER),
  placeholder: z.string().default(''),
  help: z.string().default(''),
  /** How much a text input takes (Teams stops typing there; the use case says so for a client that does not). */
  maxLength: z.number().int().positive().default(TEXT_LIMITS.answer),
});
type Field = z.input<typeof Field>;

/** The agenda card: one input per agenda item, the visit's dates and attendees, and the confidential concern. */
export const VisitAgendaCardSchema = z.object({
  schoolName: z.string().min(1),
  /** Empty for a visit to a partnership as a whole. */
  urn: z.string(),
  templateName: z.string().min(1),
  statusLine: z.string().min(1),
  errors: z.array(z.object({ message: z.string().min(1) })).default(() => []),
  notices: z.array(z.object({ text: z.string().min(1) })).default(() => []),
  sections: z
    .array(
      z.object({
        title: z.string().min(1),
        hint: z.string().default(''),
        /** A long agenda's area: shown folded, its title a button that unfolds it, with how much of it is answered. */
        collapsible: z.boolean().default(false),
        fields: z.array(Field).min(1),
      }),
    )
    .min(1),
  declinedReason: z.string().default(''),
  declinedReasonMaxLength: z.number().int().positive().default(TEXT_LIMITS.declinedReason),
  /** What every button sends besides the inputs: the visit, the version the card shows, and this card's id. */
  meta: z.object({ 'visit.id': z.string().min(1), 'visit.version': z.number().int().positive(), 'visit.formId': z.string().min(1) }),
  verbs: z.object({ save: z.string(), submit: z.string(), decline: z.string() }).default(() => ({ save: VISIT_VERBS.save, submit: VISIT_VERBS.submit, decline: VISIT_VERBS.decline })),
})
  // The view cards/visit-agenda.json binds, and nothing else: each `${…}` there is an expression the templating
  // library evaluates on every render (per field, per choice), so lines are composed here, each `$when` reads a
  // ready boolean rather than a comparison, and a field's choices are bound whole rather than choice by choice.
  // Built field by field: spreading the parsed input costs more than composing the view.
  .transform((d) => ({
    title: `${d.templateName}: ${d.urn ? `${d.schoolName} (${d.urn})` : d.schoolName}`,
    statusLine: d.statusLine,
    hasErrors: d.errors.length > 0,
    errors: d.errors,
    hasNotices: d.notices.length > 0,
    notices: d.notices,
    sections: d.sections.map((s, i) => {
      const answerable = s.fields.filter((f) => !f.id.startsWith('visit.tags.'));
      const answered = answerable.filter((f) => f.value.trim()).length;
      return {
        collapsible: s.collapsible,
        title: s.title,
        sectionId: `section-${i}`,
        progress: `${answered} of ${answerable.length} answered`,
        hasHint: s.hint !== '',
        hint: s.hint,
        // Folded only while nothing in it needs fixing: an area with a problem opens, so Teams can show it.
        open: !s.collapsible || s.fields.some((f) => f.isRequired || f.errorMessage !== NEEDS_ANSWER),
        fields: s.fields.map((f) => ({
          isText: f.kind === 'text',
          isDate: f.kind === 'date',
          isChoice: f.kind === 'choice',
          id: f.id,
          label: f.label,
          value: f.value,
          multiline: f.multiline,
          multiSelect: f.multiSelect,
          isRequired: f.isRequired,
          errorMessage: f.errorMessage,
          placeholder: f.placeholder,
          maxLength: f.maxLength,
          choices: f.choices,
          hasHelp: f.help !== '',
          help: f.help,
        })),
      };
    }),
    verbs: d.verbs,
    meta: d.meta,
    declinedReason: d.declinedReason,
    declinedReasonMaxLength: d.declinedReasonMaxLength,
  }));
export type VisitAgendaCard = z.input<typeof VisitAgendaCardSchema>;

export function renderVisitAgendaCard(data: VisitAgendaCard): AdaptiveCard {
  return expandCard('visit-agenda', VisitAgendaCardSchema, data);
}

/** What any agenda button sends: the card's meta with every input, as Teams merges them. */
export const VisitAgendaDataSchema = z
  .object({ 'visit.id': z.string().min(1), 'visit.version': z.coerce.number().int().positive(), 'visit.formId': z.string().min(1) })
  .passthrough()
  .transform(({ 'visit.id': visitId, 'visit.version': version, 'visit.formId': formId, ...values }) => ({ visitId, version, formId, values: values as Record<string, unknown> }));

const RAG_CHOICES = [
  { title: 'Red', value: 'red' },
  { title: 'Amber', value: 'amber' },
  { title: 'Green', value: 'green' },
];
const YES_NO_CHOICES = [
  { title: 'Yes', value: 'yes' },
  { title: 'No', value: 'no' },
];

/** Beside each answer that feeds a digest theme: its theme tags, one or more from the template's list. */
function tagField(item: AgendaItem, themeTags: readonly string[]): Field[] {
  if (!carriesTags(item)) return [];
  const choices = themeTags.map((t) => ({ title: t, value: t }));
  return [{ id: VISIT_INPUT.tags(item.id), label: 'Themes of this answer (one or more, needed to submit an answer)', kind: 'choice', multiSelect: true, choices, placeholder: 'Choose themes…' }];
}

function itemField(item: AgendaItem): Field {
  const label = item.required ? neededLabel(item.prompt) : item.prompt;
  const help = item.help ?? '';
  if (item.kind === 'text') return { id: item.id, label, kind: 'text', multiline: true, help };
  const choices = item.kind === 'rag' ? RAG_CHOICES : item.kind === 'yesno' ? YES_NO_CHOICES : item.options!.map((o) => ({ title: o, value: o }));
  return { id: item.id, label, kind: 'choice', choices, help, placeholder: 'Choose…' };
}

/**
 * How every card marks a field needed: an asterisk after its label, as Teams marks an input it requires. The agenda
 * cannot require its inputs in Teams (Save draft would then refuse a half-filled agenda), so it writes the asterisk
 * itself, and leaves it to Teams once the card comes back asking for the answer (see `fill`).
 */
const NEEDED = ' *';
const neededLabel = (label: string) => `${label}${NEEDED}`;

/** Agendas longer than this are shown as folded areas, one per rating with the items that follow it. */
const FOLD_AFTER_ITEMS = 16;

/** The agenda's items as the card lays them out: one section, or for a long agenda one folded area per rating. */
function agendaSections(template: VisitContext['template']): Array<{ title: string; hint: string; collapsible: boolean; items: AgendaItem[] }> {
  if (template.items.length <= FOLD_AFTER_ITEMS) return [{ title: 'Agenda', hint: template.description, collapsible: false, items: [...template.items] }];
  const areas: Array<{ title: string; hint: string; collapsible: boolean; items: AgendaItem[] }> = [];
  for (const item of template.items) {
    const last = areas[areas.length - 1];
    if (item.kind === 'rag' || !last) areas.push({ title: item.kind === 'rag' ? item.prompt : 'About this visit', hint: '', collapsible: true, items: [item] });
    else last.items.push(item);
  }
  areas[0] = { ...areas[0]!, hint: template.description };
  return areas;
}

const STATUS_WORDS = { planned: 'Planned', draft: 'Draft', submitted: 'Submitted', declined: 'Declined' } as const;

/**
 * The agenda card's data for a visit, showing `values` (what was saved, or what was just typed) and naming each
 * field in `errors` at the top and beside its input. The confidential concern starts empty every time unless
 * `values` holds it (only when the press was refused, so it was not raised), so no card shows a concern raised.
 */
export function agendaCardData(ctx: VisitContext, values: VisitValues, errors: readonly FieldError[] = [], notices: readonly string[] = []): VisitAgendaCard {
  const { visit, template, school } = ctx;
  const problem = new Map(errors.map((e) => [e.field, e.message]));
  const fill = (f: Field): Field => {
    const value = values[f.id] ?? '';
    const error = problem.get(f.id);
    const required = !!error && !value;
    return { ...f, value, ...(error ? { errorMessage: error, isRequired: required } : {}), ...(required && f.label.endsWith(NEEDED) ? { label: f.label.slice(0, -NEEDED.length) } : {}) };
  };
  const dated = visit.plannedDate ? ` for ${shownDay(visit.plannedDate)}` : '';
  return {
    schoolName: visitPlaceName(visit, school),
    urn: school?.urn ?? '',
    templateName: `${template.name}`,
    statusLine: `${STATUS_WORDS[visit.status]}${dated} · ${ctx.visitorName} · agenda version ${template.version}`,
    errors: errors.map((e) => ({ message: e.message })),
    notices: notices.map((text) => ({ text })),
    sections: [
      {
        title: 'When',
        hint: 'Fields marked * are needed to submit; Save draft keeps whatever you have so far.',
        fields: (
          [
            { id: VISIT_INPUT.plannedDate, label: 'Planned date', kind: 'date' },
            { id: VISIT_INPUT.visitedDate, label: neededLabel('Date of the visit'), kind: 'date' },
          ] satisfies Field[]
        ).map(fill),
      },
      {
        title: 'Who attended',
        hint: template.attendees.length ? 'Leave blank anyone who was not there.' : '',
        fields: [
          ...template.attendees.map((role, i): Field => ({ id: VISIT_INPUT.attendee(i), label: role, kind: 'text', placeholder: 'Name', maxLength: TEXT_LIMITS.attendeeName })),
          { id: VISIT_INPUT.otherAttendees, label: 'Anyone else, one per line as role: name', kind: 'text' as const, multiline: true, placeholder: 'e.g. Governor: Sam Patel', maxLength: TEXT_LIMITS.otherAttendees },
        ].map(fill),
      },
      ...agendaSections(template).map((s) => ({ ...s, fields: s.items.flatMap((item) => [itemField(item), ...tagField(item, template.themeTags)]).map(fill) })),
      {
        title: 'In confidence',
        fields: [fill({ id: CONFIDENTIAL_CONCERN_INPUT_ID, label: CONFIDENTIAL_CONCERN_PROMPT, kind: 'text', multiline: true, maxLength: MAX_CONCERN_LENGTH })],
      },
    ],
    declinedReason: values[VISIT_INPUT.declinedReason] ?? visit.declinedReason ?? '',
    meta: { 'visit.id': visit.id, 'visit.version': visit.version, 'visit.formId': randomUUID() },
  };
}
