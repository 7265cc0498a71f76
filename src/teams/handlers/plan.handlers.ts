import type { TurnContext } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { agreePlan } from '../../app/action-plans/agree-plan.js';
import type { PlanStepResult } from '../../app/action-plans/change-plan.js';
import { movePlanItem } from '../../app/action-plans/move-plan-item.js';
import { nameDelegates } from '../../app/action-plans/name-delegates.js';
import { openPlans, type OpenPlansResult } from '../../app/action-plans/open-plans.js';
import { viewPlanFor, viewPlanForEditing, type PlanDeps } from '../../app/action-plans/plan-records.js';
import type { PlanView } from '../../app/action-plans/plan-view.js';
import { removePlanItem } from '../../app/action-plans/remove-plan-item.js';
import { savePlanItem, type PlanFormKind } from '../../app/action-plans/save-plan-item.js';
import { startPlan } from '../../app/action-plans/start-plan.js';
import { ConflictError, InvalidInputError, NotFoundError, StaleWriteError } from '../../domain/errors.js';
import { OFFICER_ROLES, type Person } from '../../domain/person.js';
import type { PlanItemKind } from '../../domain/action-plan-edits.js';
import { FormItemSchema, PLAN_VERBS, PlanPressSchema, renderPlanCard, renderStartPlanCard, StartPressSchema, type PlanForm, type PlanPress } from '../cards/action-plan.card.js';
import { schoolLookupReply, SchoolChoiceDataSchema } from '../cards/school-choice.card.js';
import type { AdaptiveCard } from '../cards/template.js';
import { parseCardData } from '../card-data.js';
import type { BotDeps } from '../deps.js';
import { asCard, type CardAction, type Command, type Reply } from '../handler.js';
import { deliveryDepsOf, noticeNote } from '../notice-note.js';
import { replyAfterAnswer, sendAfterAnswer } from '../after-answer.js';
import { inPersonalChatOnly } from '../personal-chat.js';

const planDeps = (deps: BotDeps): PlanDeps => deliveryDepsOf(deps);

const planReply = (view: PlanView): Reply => ({ text: `${view.kind === 'individual' ? 'Individual staff support plan' : 'Action plan'} for ${view.schoolName}: ${view.status}.`, card: renderPlanCard({ view }) });

/** The school's plan and the individual plans the person may read, or the start card, or the school choice. */
function openedReplies(opened: OpenPlansResult): Reply[] {
  if (opened.kind !== 'plans') return [schoolLookupReply(opened, PLAN_VERBS.open)];
  const { school } = opened;
  const first: Reply = opened.schoolPlan
    ? planReply(opened.schoolPlan)
    : opened.mayStart
      ? { text: `${school.name} has no action plan yet.`, card: renderStartPlanCard({ urn: school.urn, schoolName: school.name, kinds: ['school', 'individual'] }) }
      : `${school.name} has no action plan yet.`;
  return [first, ...opened.individual.map(planReply)];
}

/** `plan <school>`: the school's action plan (and individual plans for those who may read them), or the offer to start one. */
export const planCommand: Command = {
  name: 'plan',
  usage: 'plan [school name or URN]',
  example: 'plan ‹school›',
  examples: [{ roles: ['headteacher'], example: 'plan' }],
  // A headteacher known only by the school register's e-mail holds no role: the use case decides.
  roles: 'everyone',
  listedFor: [...OFFICER_ROLES, 'headteacher'],
  privacy: 'asker',
  offMenu: "the 1:1 chat's ten places in Teams' command menu are taken by the commands used more often there",
  summary: "A school's action plan (headteachers: plan alone opens yours): priorities, actions, milestones, monitoring and reviews, built together by the headteacher and the LA, then agreed by both.",
  summaries: [
    { roles: OFFICER_ROLES, summary: "A school's action plan: priorities, actions, milestones, monitoring and reviews, built together with the headteacher, then agreed by both." },
    { roles: ['headteacher'], summary: "Your school's action plan (plan alone opens it): priorities, actions, milestones, monitoring and reviews, built together with the LA, then agreed by both." },
  ],
  async handler({ deps, person, args, reply }) {
    for (const r of openedReplies(await openPlans(planDeps(deps), deps.tenantId, person, args))) await reply(r);
  },
};

function versionOf(d: PlanPress): number {
  if (d.version === undefined) throw new InvalidInputError('This card is out of date: type plan ‹school› to get a fresh one.', 'version');
  return d.version;
}

const typedOf = (d: Record<string, unknown>) => Object.fromEntries(Object.entries(d).filter((e): e is [string, string] => typeof e[1] === 'string'));
const keyOf = (verb: string, person: Person, d: PlanPress) => [verb, d.planId, versionOf(d), person.id, d.item ?? '', d.id ?? '', d.direction ?? ''].join(':');

/** The form that was open when the press came, with what was typed, to show again beside a problem. */
function formOf(d: PlanPress, verb: string, error?: string): PlanForm | undefined {
  if (verb !== PLAN_VERBS.save && verb !== PLAN_VERBS.delegates) return undefined;
  const item = FormItemSchema.safeParse(verb === PLAN_VERBS.delegates ? 'delegates' : d.item);
  if (!item.success) return undefined;
  return { item: item.data, id: d.id || undefined, actionId: d.actionId || undefined, values: typedOf(d), ...(error ? { error } : {}) };
}

/**
 * Runs one change and answers with the plan as the person now sees it. A problem with what was typed comes back on
 * the same card, the form kept as typed; a card older than the plan is refused in words and the plan shown as it now
 * stands (anything typed kept). A refusal (the wrong person) is answered in words with nothing changed.
 */
async function stepCard(turn: TurnContext, deps: BotDeps, person: Person, verb: string, d: PlanPress, run: (key: string) => Promise<PlanStepResult>): Promise<AdaptiveCard> {
  try {
    const result = await run(keyOf(verb, person, d));
    sendAfterAnswer(turn, result.outboxIds);
    return renderPlanCard({ view: result.view, note: [result.note, noticeNote(result.told)].filter(Boolean).join(' ') });
  } catch (err) {
    const back = async (error: string, onForm: boolean) => {
      const view = await viewPlanFor(planDeps(deps), deps.tenantId, person, d.planId);
      const form = onForm ? formOf(d, verb, error) : formOf(d, verb);
      return renderPlanCard({ view, ...(form ? { form } : {}), error: onForm && form ? '' : error });
    };
    if (err instanceof StaleWriteError) return back('This card was out of date: the plan was changed since it was shown. Here it is as it stands now; make your change again.', false);
    if (err instanceof InvalidInputError && err.field !== 'version') return back(err.message, true);
    if (err instanceof ConflictError || err instanceof NotFoundError) return back(err.message, false);
    throw err;
  }
}

function stepAction(verb: string, run: (deps: BotDeps, person: Person, d: PlanPress, key: string) => Promise<PlanStepResult>): CardAction {
  return {
    verb,
    // Headteachers known only by the register's e-mail hold no role: the use cases decide who may change the plan.
    roles: 'everyone',
    async handler({ turn, deps, person, data }) {
      const d = parseCardData(PlanPressSchema, data);
      return stepCard(turn, deps, person, verb, d, (key) => run(deps, person, d, key));
    },
  };
}

const ref = (d: PlanPress) => ({ planId: d.planId, expectedVersion: versionOf(d) });
const ItemPressSchema = PlanPressSchema.extend({ item: FormItemSchema.exclude(['settings', 'delegates']) });
const itemOf = (d: PlanPress): PlanItemKind => parseCardData(ItemPressSchema, d).item;

const planCardActionsAnywhere: CardAction[] = [
  {
    // The school chosen on the school-choice card: the same answer as `plan <school>`, the school plan in place of the
    // choice and each individual plan the person may read after it.
    verb: PLAN_VERBS.open,
    roles: 'everyone',
    async handler({ turn, deps, person, data }) {
      const [first, ...more] = openedReplies(await openPlans(planDeps(deps), deps.tenantId, person, parseCardData(SchoolChoiceDataSchema, data).school));
      replyAfterAnswer(turn, more);
      return asCard(first!);
    },
  },
  {
    verb: PLAN_VERBS.offerIndividual,
    roles: 'everyone',
    async handler({ deps, person, data }) {
      const opened = await openPlans(planDeps(deps), deps.tenantId, person, parseCardData(SchoolChoiceDataSchema, data).school);
      if (opened.kind !== 'plans') return asCard(schoolLookupReply(opened, PLAN_VERBS.open));
      if (!opened.mayStart) return "Only the school's headteacher and the LA's officers start its plans.";
      return renderStartPlanCard({ urn: opened.school.urn, schoolName: opened.school.name, kinds: ['individual'] });
    },
  },
  {
    verb: PLAN_VERBS.start,
    roles: 'everyone',
    async handler({ deps, person, data, turn }) {
      const d = parseCardData(StartPressSchema, data);
      const key = `plan.start:${turn.activity.replyToId ?? randomUUID()}:${person.id}`;
      try {
        return renderPlanCard({ view: await startPlan(planDeps(deps), deps.tenantId, person, { urn: d.urn, kind: d.kind ?? '', title: d.title }, key), note: 'Started as a draft.' });
      } catch (err) {
        if (!(err instanceof InvalidInputError)) throw err;
        const opened = await openPlans(planDeps(deps), deps.tenantId, person, d.urn);
        if (opened.kind !== 'plans') throw err;
        return renderStartPlanCard({ urn: d.urn, schoolName: opened.school.name, kinds: opened.schoolPlan ? ['individual'] : ['school', 'individual'], values: typedOf(d), error: err.message });
      }
    },
  },
  {
    // Teams asks for this when the card is shown (each viewer gets their own view); Cancel on a form sends it too.
    verb: PLAN_VERBS.view,
    roles: 'everyone',
    async handler({ deps, person, data }) {
      return renderPlanCard({ view: await viewPlanFor(planDeps(deps), deps.tenantId, person, parseCardData(PlanPressSchema, data).planId) });
    },
  },
  {
    verb: PLAN_VERBS.form,
    roles: 'everyone',
    async handler({ deps, person, data }) {
      const d = parseCardData(PlanPressSchema.extend({ item: FormItemSchema }), data);
      const view = await viewPlanForEditing(planDeps(deps), deps.tenantId, person, d.planId, d.item === 'delegates');
      if (d.version !== undefined && d.version !== view.version) {
        return renderPlanCard({ view, error: 'This card was out of date: the plan was changed since it was shown. Here it is as it stands now.' });
      }
      return renderPlanCard({ view, form: { item: d.item, id: d.id || undefined, actionId: d.actionId || undefined, priorityId: d.priorityId || undefined } });
    },
  },
  stepAction(PLAN_VERBS.save, (deps, person, d, key) =>
    savePlanItem(planDeps(deps), deps.tenantId, person, { ...ref(d), item: d.item as PlanFormKind, id: d.id || undefined, actionId: d.actionId || undefined, typed: typedOf(d) }, key),
  ),
  stepAction(PLAN_VERBS.delegates, (deps, person, d, key) => nameDelegates(planDeps(deps), deps.tenantId, person, { ...ref(d), emails: typeof d.delegates === 'string' ? d.delegates : '' }, key)),
  stepAction(PLAN_VERBS.move, (deps, person, d, key) => movePlanItem(planDeps(deps), deps.tenantId, person, { ...ref(d), item: itemOf(d), id: d.id ?? '', direction: d.direction ?? 'up' }, key)),
  stepAction(PLAN_VERBS.remove, (deps, person, d, key) => removePlanItem(planDeps(deps), deps.tenantId, person, { ...ref(d), item: itemOf(d), id: d.id ?? '' }, key)),
  stepAction(PLAN_VERBS.agree, (deps, person, d, key) =>
    agreePlan(planDeps(deps), deps.tenantId, person, { ...ref(d), side: d.side === 'la' ? 'la' : 'governingBody', governingBodyMetOn: typeof d.governingBodyMetOn === 'string' ? d.governingBodyMetOn : undefined }, key),
  ),
];

/** Plans are built and read in a 1:1 chat only: an individual plan, or a school's, is not for a channel. */
export const planCardActions: CardAction[] = planCardActionsAnywhere.map((a) => inPersonalChatOnly(a, 'Action plans open only in your 1:1 chat with me.'));
