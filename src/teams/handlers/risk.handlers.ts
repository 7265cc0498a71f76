import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod/v4';
import { InvalidInputError } from '../../domain/errors.js';
import { OFFICER_ROLES, type Person } from '../../domain/person.js';
import { openRisk, type OpenRiskResult } from '../../app/risk/open-risk.js';
import type { RiskChangeView } from '../../app/risk/risk-change-view.js';
import { answerRisk, proposeRisk, reviseRisk, viewRiskChange, withdrawRisk, type RiskStepResult } from '../../app/risk/risk-dialogue.js';
import { schoolsCausingConcern } from '../../app/risk/schools-causing-concern.js';
import { renderRiskChangeCard, RiskChangeDataSchema } from '../cards/risk-change.card.js';
import { renderRiskFormCard } from '../cards/risk-form.card.js';
import { ProposalDataSchema, RISK_VERBS } from '../cards/risk.card.js';
import { schoolLookupReply, SchoolChoiceDataSchema } from '../cards/school-choice.card.js';
import { renderSchoolsCausingConcernCard } from '../cards/schools-causing-concern.card.js';
import { UrnSchema } from '../../domain/school.js';
import { parseCardData } from '../card-data.js';
import type { BotDeps } from '../deps.js';
import type { AdaptiveCard } from '../cards/template.js';
import { asCard, type CardAction, type Command, type Reply } from '../handler.js';
import { noticeNote } from '../notice-note.js';
import { sendAfterAnswer } from '../after-answer.js';
import { inPersonalChatOnly } from '../personal-chat.js';
import { riskDepsOf } from './inspection.handlers.js';

const OFFICERS = ['officer', 'sit'] as const;

const changeReply = (view: RiskChangeView, note = ''): Reply => ({ text: `Risk level for ${view.schoolName}: ${view.proposedLevel} proposed. ${view.statusLine}`, card: renderRiskChangeCard({ ...view, note }) });

function openedReply(opened: OpenRiskResult): Reply {
  switch (opened.kind) {
    case 'form':
      return { text: `Risk level for ${opened.form.schoolName}: ${opened.form.riskLevel}.`, card: renderRiskFormCard({ ...opened.form, formId: randomUUID() }) };
    case 'change':
      return changeReply(opened.view);
    case 'noProposal':
      return `There is no risk-level proposal for ${opened.schoolName} waiting for your answer.`;
    default:
      return schoolLookupReply(opened, RISK_VERBS.open);
  }
}

/** `risk <school>`: the proposal under discussion, or the form to propose a level to the headteacher. */
export const riskCommand: Command = {
  name: 'risk',
  usage: 'risk ‹school name or URN›',
  example: 'risk ‹school›',
  examples: [{ roles: ['headteacher'], example: 'risk' }],
  // A headteacher known only by the school register's e-mail holds no role: the use case decides who may open it.
  roles: 'everyone',
  listedFor: ['officer', 'sit', 'headteacher'],
  privacy: 'asker',
  summary: "Officers: propose a school's risk level to its headteacher, with the criterion and evidence. Headteachers: agree or dispute a proposal for your school.",
  summaries: [
    { roles: OFFICER_ROLES, summary: "Propose a school's risk level to its headteacher, with the criterion and evidence." },
    { roles: ['headteacher'], summary: "Agree or dispute a proposal of your school's risk level." },
  ],
  async handler({ deps, person, args, reply }) {
    await reply(openedReply(await openRisk(riskDepsOf(deps), deps.tenantId, person, args)));
  },
};

/** `concerns`: the list of schools causing concern. It names schools, so it is answered in a 1:1 chat or the SIT channel. */
export const concernsListCommand: Command = {
  name: 'concerns',
  example: 'concerns',
  roles: OFFICERS,
  privacy: 'namesSchools',
  summary: 'The schools causing concern: each with its level, since when and why, its link officer, next strategy meeting and last progress.',
  async handler({ deps, person, reply }) {
    const rows = await schoolsCausingConcern(riskDepsOf(deps), deps.tenantId, person);
    await reply({ text: `${rows.length} ${rows.length === 1 ? 'school is' : 'schools are'} causing concern.`, card: renderSchoolsCausingConcernCard({ rows }) });
  },
};

const ProposeDataSchema = ProposalDataSchema.extend({ urn: UrnSchema, formId: z.string().min(1) });

/** A step's result as the actor's card, with how the other party is being told: the notice goes after the answer. */
function stepCard(turn: TurnContext, { view, told, outboxIds }: RiskStepResult): AdaptiveCard {
  sendAfterAnswer(turn, outboxIds);
  return renderRiskChangeCard({ ...view, note: noticeNote(told) });
}

/** A proposal or revision with a problem comes back as the card, keeping what was typed. */
async function orBackWithProblem(run: () => Promise<AdaptiveCard | string>, back: (message: string) => Promise<AdaptiveCard | string>) {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof InvalidInputError) || err.field === 'version') throw err;
    return back(err.message);
  }
}

const typedOf = (d: { level?: string; criterion?: string; evidence?: string; nextMonitoringMeetingOn?: string }) => ({
  level: d.level,
  criterion: d.criterion,
  evidence: d.evidence,
  nextMonitoringMeetingOn: d.nextMonitoringMeetingOn,
});
const valuesOf = (d: Record<string, unknown>) => Object.fromEntries(Object.entries(d).filter((e): e is [string, string] => typeof e[1] === 'string'));

function versionOf(version: number | undefined): number {
  if (version === undefined) throw new InvalidInputError('This card is out of date: type risk ‹school› to get a fresh one.', 'version');
  return version;
}

/** One button on the proposal card. Everyone may press; the use case refuses anyone whose button it is not, with nothing changed. */
function changeAction(verb: string, run: (deps: BotDeps, person: Person, d: ReturnType<typeof RiskChangeDataSchema.parse>, key: string) => Promise<RiskStepResult>): CardAction {
  return {
    verb,
    roles: 'everyone',
    async handler({ turn, deps, person, data }) {
      const d = parseCardData(RiskChangeDataSchema, data);
      const key = `${verb}:${d.riskChangeId}:${versionOf(d.version)}:${person.id}`;
      return orBackWithProblem(
        async () => stepCard(turn, await run(deps, person, d, key)),
        async (error) => renderRiskChangeCard({ ...(await viewRiskChange(riskDepsOf(deps), deps.tenantId, person, d.riskChangeId)), values: valuesOf(d), error }),
      );
    },
  };
}

const riskCardActionsAnywhere: CardAction[] = [
  {
    verb: RISK_VERBS.open,
    roles: 'everyone',
    async handler({ deps, person, data }) {
      return asCard(openedReply(await openRisk(riskDepsOf(deps), deps.tenantId, person, parseCardData(SchoolChoiceDataSchema, data).school)));
    },
  },
  {
    verb: RISK_VERBS.propose,
    roles: OFFICERS,
    async handler({ turn, deps, person, data }) {
      const d = parseCardData(ProposeDataSchema, data);
      return orBackWithProblem(
        async () => stepCard(turn, await proposeRisk(riskDepsOf(deps), deps.tenantId, person, d.urn, typedOf(d), `risk.propose:${d.formId}`)),
        async (error) => {
          const opened = await openRisk(riskDepsOf(deps), deps.tenantId, person, d.urn);
          if (opened.kind !== 'form') return asCard(openedReply(opened));
          return renderRiskFormCard({ ...opened.form, formId: d.formId, values: valuesOf(d), error });
        },
      );
    },
  },
  {
    // Teams asks for this when the card is shown to someone its refresh names: each gets their own view.
    verb: RISK_VERBS.refresh,
    roles: 'everyone',
    async handler({ deps, person, data }) {
      const { riskChangeId } = parseCardData(RiskChangeDataSchema, data);
      return renderRiskChangeCard(await viewRiskChange(riskDepsOf(deps), deps.tenantId, person, riskChangeId));
    },
  },
  changeAction(RISK_VERBS.agree, (deps, person, d, key) =>
    answerRisk(riskDepsOf(deps), deps.tenantId, person, { riskChangeId: d.riskChangeId, expectedVersion: d.version!, answer: { decision: 'agreed', comment: d.comment } }, key),
  ),
  changeAction(RISK_VERBS.dispute, (deps, person, d, key) =>
    answerRisk(riskDepsOf(deps), deps.tenantId, person, { riskChangeId: d.riskChangeId, expectedVersion: d.version!, answer: { decision: 'disputed', comment: d.comment } }, key),
  ),
  changeAction(RISK_VERBS.revise, (deps, person, d, key) =>
    reviseRisk(riskDepsOf(deps), deps.tenantId, person, { riskChangeId: d.riskChangeId, expectedVersion: d.version!, typed: typedOf(d) }, key),
  ),
  changeAction(RISK_VERBS.withdraw, (deps, person, d, key) => withdrawRisk(riskDepsOf(deps), deps.tenantId, person, { riskChangeId: d.riskChangeId, expectedVersion: d.version! }, key)),
];

/** Risk levels are proposed and answered in a 1:1 chat only: the evidence and the school's answer are not for a channel. */
export const riskCardActions: CardAction[] = riskCardActionsAnywhere.map((a) => inPersonalChatOnly(a, 'Risk levels are proposed and answered only in your 1:1 chat with me.'));
