import { z } from 'zod/v4';
import { LA_SUPPORT_KINDS, PLAN_TEXT_LIMITS } from '../../domain/action-plan.js';
import type { ActionView, PlanView } from '../../app/action-plans/plan-view.js';
import { expandCard, type AdaptiveCard } from './template.js';
import { plainText } from './plain-text.js';
import { RAG_COLOURS, RAG_LABELS } from './health-check.card.js';

/** The Action.Execute verbs of the action-plan card. */
export const PLAN_VERBS = {
  /** A school chosen on the school choice card. */
  open: 'plan.open',
  /** The start card's Start. */
  start: 'plan.start',
  /** The plan card's "New individual plan": the start card for that kind. */
  offerIndividual: 'plan.offerIndividual',
  /** The card asking for the viewer's up-to-date view (its refresh), and Cancel on a form. */
  view: 'plan.view',
  /** Opens the form for a part (or the plan's details, or its delegates) on the card. */
  form: 'plan.form',
  save: 'plan.save',
  move: 'plan.move',
  remove: 'plan.remove',
  delegates: 'plan.delegates',
  agree: 'plan.agree',
} as const;

export const FormItemSchema = z.enum(['priority', 'action', 'milestone', 'settings', 'delegates']);
export type FormItem = z.infer<typeof FormItemSchema>;

/** A form open on the card: which part (and which one, or none to add), with what was typed and the problem. */
export interface PlanForm {
  item: FormItem;
  id?: string;
  actionId?: string;
  priorityId?: string;
  values?: Record<string, string>;
  error?: string;
}

const OWNER_WORDS = { school: 'School', la: 'LA' } as const;
const LA_SUPPORT_CHOICES = Object.entries(LA_SUPPORT_KINDS).map(([value, title]) => ({ value, title }));
const FORM_HEADINGS: Record<FormItem, string> = {
  priority: 'Priority',
  action: 'Action',
  milestone: 'Milestone',
  settings: "The plan's details",
  delegates: 'Delegates: who may confirm milestones for you',
};

const FORM_KEYS = ['text', 'priorityId', 'owner', 'ownerName', 'successCriteria', 'schoolResources', 'laSupport', 'target', 'due', 'title', 'monitoring', 'startsOn', 'endsOn', 'reviewDate1', 'reviewDate2', 'reviewDate3', 'reviewDate4', 'delegates'];

type Button = { title: string; verb: string; data: Record<string, unknown> };

/** The values a form starts with: what was typed, else the part as it stands. */
function formValues(view: PlanView, form: PlanForm): Record<string, string> {
  const action = [...view.priorities.flatMap((p) => p.actions), ...view.ungrouped].find((a) => a.id === (form.item === 'action' ? form.id : form.actionId));
  // Every box starts with a value, so none shows unexpanded template text.
  const base: Record<string, string> = Object.fromEntries(FORM_KEYS.map((k) => [k, '']));
  if (form.item === 'priority' && form.id) base.text = view.priorities.find((p) => p.id === form.id)?.text ?? '';
  if (form.item === 'action') {
    Object.assign(base, { priorityId: form.priorityId ?? action?.priorityId ?? '', owner: 'school' });
    if (form.id && action) Object.assign(base, { text: action.text, owner: action.owner, ownerName: action.ownerName, successCriteria: action.successCriteria, schoolResources: action.schoolResources, laSupport: action.laSupportKeys.join(',') });
  }
  if (form.item === 'milestone' && form.id) {
    const m = action?.milestones.find((x) => x.id === form.id);
    // The due date is offered as it is stored (YYYY-MM-DD) for the date box: kept in the view's milestone.
    if (m) Object.assign(base, { target: m.target, due: m.dueIso });
  }
  if (form.item === 'settings') {
    Object.assign(base, { title: view.title, monitoring: view.monitoring, startsOn: view.startsOn, endsOn: view.endsOn });
    view.reviewDateValues.forEach((d, i) => (base[`reviewDate${i + 1}`] = d));
  }
  if (form.item === 'delegates') base.delegates = view.delegateEmails.join('; ');
  return { ...base, ...form.values };
}

export const PlanCardSchema = z
  .object({ view: z.custom<PlanView>((v) => !!v && typeof v === 'object'), form: z.custom<PlanForm>().optional(), note: z.string().default(''), error: z.string().default('') })
  .transform(({ view, form, note, error }) => {
    const ref = { planId: view.planId, version: view.version };
    const editing = view.may.edit && !form;
    const button = (title: string, verb: string, data: Record<string, unknown>): Button => ({ title, verb, data: { ...ref, ...data } });
    const moves = (item: string, label: string, id: string, i: number, n: number): Button[] => [
      ...(i > 0 ? [button(`Move ${label} up`, PLAN_VERBS.move, { item, id, direction: 'up' })] : []),
      ...(i < n - 1 ? [button(`Move ${label} down`, PLAN_VERBS.move, { item, id, direction: 'down' })] : []),
    ];
    const actionOf = (a: ActionView, i: number, n: number) => ({
      heading: `${a.number} ${plainText(a.text)}`,
      facts: [
        { title: 'Owner', value: `${plainText(a.ownerName)} (${OWNER_WORDS[a.owner]})` },
        { title: 'Success criteria', value: plainText(a.successCriteria) },
        ...(a.schoolResources ? [{ title: "School's resources", value: plainText(a.schoolResources) }] : []),
        ...(a.laSupport.length ? [{ title: 'LA support', value: a.laSupport.join('; ') }] : []),
      ],
      milestones: a.milestones.map((m, j) => ({
        line: `${m.number} ${plainText(m.target)} — due ${m.due} · ${m.status}${m.standing ? ` · ${m.standing}` : ''}`,
        colour: m.standing === 'overdue' ? 'Attention' : m.standing ? 'Warning' : 'Default',
        buttons: editing
          ? [button(`Edit milestone ${m.number}`, PLAN_VERBS.form, { item: 'milestone', id: m.id, actionId: a.id }), ...moves('milestone', `milestone ${m.number}`, m.id, j, a.milestones.length), button(`Remove milestone ${m.number}`, PLAN_VERBS.remove, { item: 'milestone', id: m.id })]
          : [],
      })),
      buttons: editing
        ? [
            button(`Edit action ${a.number}`, PLAN_VERBS.form, { item: 'action', id: a.id }),
            button(`Add a milestone to ${a.number}`, PLAN_VERBS.form, { item: 'milestone', actionId: a.id }),
            ...moves('action', `action ${a.number}`, a.id, i, n),
            button(`Remove action ${a.number}`, PLAN_VERBS.remove, { item: 'action', id: a.id }),
          ]
        : [],
    });
    const groups = [
      ...view.priorities.map((p, i) => ({
        heading: `Priority ${p.number}: ${plainText(p.text)}`,
        actions: p.actions.map((a, j) => actionOf(a, j, p.actions.length)),
        buttons: editing
          ? [
              button(`Edit priority ${p.number}`, PLAN_VERBS.form, { item: 'priority', id: p.id }),
              button(`Add an action to priority ${p.number}`, PLAN_VERBS.form, { item: 'action', priorityId: p.id }),
              ...moves('priority', `priority ${p.number}`, p.id, i, view.priorities.length),
              button(`Remove priority ${p.number}`, PLAN_VERBS.remove, { item: 'priority', id: p.id }),
            ]
          : [],
      })),
      ...(view.ungrouped.length ? [{ heading: 'Actions under no priority', actions: view.ungrouped.map((a, j) => actionOf(a, j, view.ungrouped.length)), buttons: [] as Button[] }] : []),
    ].map((g) => ({ ...g, hasButtons: g.buttons.length > 0, actions: g.actions.map((a) => ({ ...a, hasButtons: a.buttons.length > 0, milestones: a.milestones.map((m) => ({ ...m, hasButtons: m.buttons.length > 0 })) })) }));
    const kindWords = view.kind === 'individual' ? 'Individual staff support plan' : 'Action plan';
    const statusWords = { draft: 'Draft: not yet agreed by both sides', live: 'Live: agreed by both sides', closed: 'Closed' }[view.status];
    const values = form ? formValues(view, form) : {};
    const footer: Button[] = editing
      ? [
          button('Add a priority', PLAN_VERBS.form, { item: 'priority' }),
          button('Edit plan details', PLAN_VERBS.form, { item: 'settings' }),
          ...(view.may.nameDelegates ? [button('Name delegates', PLAN_VERBS.form, { item: 'delegates' })] : []),
          ...(view.kind === 'school' ? [{ title: 'New individual plan', verb: PLAN_VERBS.offerIndividual, data: { school: view.urn } }] : []),
        ]
      : [];
    return {
      refresh: { action: { type: 'Action.Execute', title: 'Refresh', verb: PLAN_VERBS.view, data: { planId: view.planId } } },
      heading: `${kindWords}: ${view.schoolName} (${view.urn})`,
      title: plainText(view.title),
      statusLine: `${statusWords}. Overall: ${RAG_LABELS[view.rag]}`,
      ragColour: RAG_COLOURS[view.rag],
      facts: [
        { title: 'Period', value: view.period },
        { title: 'Review dates', value: view.reviewDates },
        { title: 'Monitoring', value: view.monitoring ? plainText(view.monitoring) : 'not set' },
        { title: 'Delegates', value: view.delegates },
      ],
      empty: groups.length === 0,
      groups,
      agreementLines: view.agreementLines.map((line) => ({ line })),
      changes: view.changes.map((c) => ({ line: c.line, what: c.what.map((w) => ({ text: `• ${plainText(w)}` })) })),
      hasChanges: view.changes.length > 0,
      agreeGoverningBody: !form && view.may.agreeGoverningBody,
      gbLabel: view.kind === 'individual' ? 'Date it was agreed with the member of staff' : "Date of the governing body's meeting that agreed it",
      gbTitle: view.kind === 'individual' ? 'Record the agreement' : "Record the governing body's agreement",
      metOn: values.governingBodyMetOn ?? '',
      agreeLa: !form && view.may.agreeLa,
      // Notes and problems may quote what someone typed (a priority's words, an unknown LA support kind).
      note: plainText(note),
      error: plainText(error),
      footer,
      hasFooter: footer.length > 0,
      form: form
        ? {
            is: Object.fromEntries(FormItemSchema.options.map((k) => [k, form.item === k])),
            heading: `${form.id ? 'Edit' : form.item === 'settings' || form.item === 'delegates' ? 'Set' : 'Add'}: ${FORM_HEADINGS[form.item]}`,
            error: plainText(form.error ?? ''),
            values,
            priorityChoices: view.priorities.map((p) => ({ title: `${p.number} ${p.text.slice(0, 80)}`, value: p.id })),
            laSupportChoices: LA_SUPPORT_CHOICES,
            save: { ...ref, item: form.item, id: form.id ?? '', actionId: form.actionId ?? '' },
            saveVerb: form.item === 'delegates' ? PLAN_VERBS.delegates : PLAN_VERBS.save,
          }
        : { is: {}, heading: '', error: '', values: {}, priorityChoices: [], laSupportChoices: [], save: {}, saveVerb: '' },
      hasForm: !!form,
      limits: PLAN_TEXT_LIMITS,
      verbs: PLAN_VERBS,
      ref,
    };
  });
export type PlanCard = z.input<typeof PlanCardSchema>;

export function renderPlanCard(data: PlanCard): AdaptiveCard {
  return expandCard('action-plan', PlanCardSchema, data);
}

/** The start card (same template): there is no plan of this kind yet; editors may start one. */
export const StartCardSchema = z
  .object({ urn: z.string().min(1), schoolName: z.string().min(1), kinds: z.array(z.enum(['school', 'individual'])).min(1), values: z.record(z.string(), z.string()).default(() => ({})), error: z.string().default('') })
  .transform((d) => ({
    start: true,
    heading: `Action plans: ${d.schoolName} (${d.urn})`,
    intro: d.kinds.includes('school') ? `${d.schoolName} has no action plan yet. Start one as a draft: you and the headteacher (or the link officer) build it here, then both agree it.` : 'Start an individual staff support plan: only the headteacher and you will see it.',
    kindChoices: d.kinds.map((k) => ({ value: k, title: k === 'school' ? "The school's action plan" : 'An individual staff support plan' })),
    kind: d.values.kind ?? d.kinds[0]!,
    title: d.values.title ?? '',
    titleMax: PLAN_TEXT_LIMITS.title,
    error: plainText(d.error),
    startVerb: PLAN_VERBS.start,
    urn: d.urn,
  }));
export type StartCard = z.input<typeof StartCardSchema>;

export function renderStartPlanCard(data: StartCard): AdaptiveCard {
  return expandCard('action-plan-start', StartCardSchema, data);
}

/** What the plan card's buttons and its refresh send: the plan at the card's version, and the part pressed. */
export const PlanPressSchema = z
  .object({
    planId: z.string().min(1),
    version: z.coerce.number().int().positive().optional(),
    item: z.string().optional(),
    id: z.string().optional(),
    actionId: z.string().optional(),
    priorityId: z.string().optional(),
    direction: z.enum(['up', 'down']).optional(),
  })
  .passthrough();
export type PlanPress = z.infer<typeof PlanPressSchema>;

export const StartPressSchema = z.object({ urn: z.string().min(1), kind: z.string().optional(), title: z.string().optional() });
