import { randomUUID } from 'node:crypto';
import { shownDay } from '../cards/shown-date.js';
import { ConflictError, InvalidInputError } from '../../domain/errors.js';
import { isOfficer, OFFICER_ROLES, type Person } from '../../domain/person.js';
import { acknowledgeHealthCheck, viewHealthCheckFor } from '../../app/health-checks/acknowledge-health-check.js';
import { listHealthChecks, listHeadteacherHealthChecks } from '../../app/health-checks/list-health-checks.js';
import { openHealthCheck, type OpenHealthCheckResult } from '../../app/health-checks/open-health-check.js';
import { submitHealthCheck, type HealthCheckDeps } from '../../app/health-checks/submit-health-check.js';
import { saveFormDraft } from '../../app/drafts/form-drafts.js';
import { draftResumedNote, draftSavedNote } from '../cards/form-card.js';
import { readHealthCheckSubmit, renderHealthCheckCard, HEALTH_CHECK_VERBS } from '../cards/health-check.card.js';
import { AcknowledgeDataSchema, renderHealthCheckSummaryCard } from '../cards/health-check-summary.card.js';
import { renderHealthCheckListCard } from '../cards/health-check-list.card.js';
import { schoolLookupReply, SchoolChoiceDataSchema } from '../cards/school-choice.card.js';
import type { AdaptiveCard } from '../cards/template.js';
import { asCard, type CardAction, type Command, type Reply } from '../handler.js';
import type { BotDeps } from '../deps.js';
import { parseCardData } from '../card-data.js';
import { deliveryDepsOf, noticeNote } from '../notice-note.js';
import { sendAfterAnswer } from '../after-answer.js';
import { inPersonalChatOnly } from '../personal-chat.js';

const healthCheckDeps = (deps: BotDeps): HealthCheckDeps => deliveryDepsOf(deps);

/** The form for one school, this year's check when it is filed, the choice when several match, or why there is none. */
async function openedReply(deps: BotDeps, person: Person, opened: OpenHealthCheckResult): Promise<Reply> {
  if (opened.kind === 'held') {
    const view = await viewHealthCheckFor(deps.store, deps.tenantId, person, opened.checkId, deps.timeZone);
    return { text: `This year's health check for ${opened.schoolName}.`, card: renderHealthCheckSummaryCard({ ...view, note: "This year's health check is already filed: here it is." }) };
  }
  if (opened.kind !== 'form') return schoolLookupReply(opened, HEALTH_CHECK_VERBS.open);
  const { form, draft } = opened;
  const resumed = draft ? { values: draft.values, draftVersion: draft.version, draftNote: draftResumedNote(draft.savedAt, deps.timeZone) } : {};
  return { text: `Health check for ${form.schoolName}.`, card: renderHealthCheckCard({ form, formId: randomUUID(), ...resumed }) };
}

async function officerListReply(deps: BotDeps, person: Person): Promise<Reply> {
  const rows = await listHealthChecks(deps.store, deps.tenantId, deps.clock, deps.timeZone, person);
  const awaiting = rows.filter((r) => r.last?.status === 'awaitingAcknowledgement').length;
  return { text: `Health checks: ${awaiting} awaiting acknowledgement.`, card: renderHealthCheckListCard({ rows }) };
}

/** A headteacher's schools' checks, then each check awaiting their acknowledgement as its card with Acknowledge. */
async function headteacherReplies(deps: BotDeps, person: Person): Promise<Reply[]> {
  const { rows, awaiting } = await listHeadteacherHealthChecks(deps.store, deps.tenantId, deps.clock, deps.timeZone, person);
  const list = { text: `Health checks: ${awaiting.length} awaiting your acknowledgement.`, card: renderHealthCheckListCard({ rows, forHeadteacher: true }) };
  return [list, ...awaiting.map((view) => ({ text: `Health check for ${view.schoolName} held on ${shownDay(view.heldOn)}: please acknowledge it.`, card: renderHealthCheckSummaryCard(view) }))];
}

/** The list for an officer; for a headteacher (by role or by the school register's e-mail), their own school's checks. */
async function listReplies(deps: BotDeps, person: Person): Promise<Reply[]> {
  return isOfficer(person) ? [await officerListReply(deps, person)] : headteacherReplies(deps, person);
}

async function replyAll(reply: (message: Reply) => Promise<void>, replies: readonly Reply[]): Promise<void> {
  for (const r of replies) await reply(r);
}

/**
 * `healthcheck <school>` holds a health check; an officer's `healthcheck` alone asks which school (their link schools,
 * or search), and `healthchecks` lists the checks. A headteacher
 * gets their school's checks and the one awaiting acknowledgement: open to everyone, since a headteacher known
 * only by the school register's e-mail holds no role, and the use cases decide.
 */
export const healthCheckCommands: Command[] = [
  {
    name: 'healthcheck',
    privacy: 'asker',
    usage: 'healthcheck [school name or URN]',
    roles: 'everyone',
    listedFor: [...OFFICER_ROLES, 'headteacher'],
    summary: "Officers: hold a school's health check (nine areas, RAG-rated); on its own, choose the school. Headteachers: see and acknowledge your school's.",
    summaries: [
      { roles: OFFICER_ROLES, summary: "Hold a school's health check (nine areas, RAG-rated); on its own, choose the school." },
      { roles: ['headteacher'], summary: "See and acknowledge your school's health check." },
    ],
    example: 'healthcheck ‹school›',
    examples: [{ roles: ['headteacher'], example: 'healthcheck' }],
    async handler({ deps, person, args, reply }) {
      if (!isOfficer(person)) return replyAll(reply, await listReplies(deps, person));
      await reply(await openedReply(deps, person, await openHealthCheck(deps.store, deps.tenantId, deps.clock, deps.timeZone, person, args)));
    },
  },
  {
    name: 'healthchecks',
    aliasOf: 'healthcheck',
    privacy: 'asker',
    roles: 'everyone',
    listedFor: [...OFFICER_ROLES, 'headteacher'],
    summary: "List your schools' health checks: which await the headteacher's acknowledgement and which are due.",
    example: 'healthchecks',
    async handler({ deps, person, reply }) {
      await replyAll(reply, await listReplies(deps, person));
    },
  },
];

/**
 * Another check was filed since this form was opened: the form comes back opened afresh (following on from that
 * check, so its actions' impact is asked for), with the problem named and everything typed kept.
 */
async function refreshedForm(deps: BotDeps, person: Person, urn: string, values: Record<string, string>, problem: string): Promise<AdaptiveCard | string> {
  const opened = await openHealthCheck(deps.store, deps.tenantId, deps.clock, deps.timeZone, person, urn, false);
  if (opened.kind !== 'form') return problem;
  return renderHealthCheckCard({ form: opened.form, formId: randomUUID(), values, error: { message: problem } });
}

/** The health-check card verbs: a school chosen, the form submitted, the summary's refresh, the headteacher's acknowledgement. */
const healthCheckCardActionsAnywhere: CardAction[] = [
  {
    verb: HEALTH_CHECK_VERBS.open,
    roles: OFFICER_ROLES,
    async handler({ deps, person, data }) {
      const { school } = parseCardData(SchoolChoiceDataSchema, data);
      return asCard(await openedReply(deps, person, await openHealthCheck(deps.store, deps.tenantId, deps.clock, deps.timeZone, person, school)));
    },
  },
  {
    verb: HEALTH_CHECK_VERBS.saveDraft,
    roles: OFFICER_ROLES,
    async handler({ deps, person, data }) {
      const { form, formId, draftVersion, values } = readHealthCheckSubmit(data);
      try {
        const draft = await saveFormDraft(deps, deps.tenantId, person, { kind: 'healthCheck', urn: form.urn, values, draftVersion });
        const draftNote = draftSavedNote(draft.savedAt, deps.timeZone, `healthcheck ${form.urn}`);
        return renderHealthCheckCard({ form, formId, values, draftVersion: draft.version, draftNote });
      } catch (err) {
        if (err instanceof InvalidInputError || err instanceof ConflictError) return renderHealthCheckCard({ form, formId, values, draftVersion, error: { message: err.message } });
        throw err;
      }
    },
  },
  {
    verb: HEALTH_CHECK_VERBS.submit,
    roles: OFFICER_ROLES,
    async handler({ turn, deps, person, data }) {
      const { form, formId, draftVersion, values, submission } = readHealthCheckSubmit(data);
      try {
        // One key per opened form and person: a double click or a Teams retry stores one check and tells the headteacher
        // once, and someone else pressing the same card is never handed the first person's result.
        const result = await submitHealthCheck(healthCheckDeps(deps), deps.tenantId, person, submission, `healthCheck.submit:${formId}:${person.id}`);
        sendAfterAnswer(turn, result.outboxIds);
        const note = noticeNote({ name: result.headteacherName ?? 'the headteacher', notice: result.notice, problem: result.deliveryProblem });
        return renderHealthCheckSummaryCard({ ...result.view, note });
      } catch (err) {
        if (err instanceof InvalidInputError) return renderHealthCheckCard({ form, formId, values, draftVersion, error: { message: err.message, field: err.field } });
        if (err instanceof ConflictError) return await refreshedForm(deps, person, form.urn, values, err.message);
        throw err;
      }
    },
  },
  {
    verb: HEALTH_CHECK_VERBS.view,
    roles: 'everyone',
    async handler({ deps, person, data }) {
      const { checkId } = parseCardData(AcknowledgeDataSchema, data);
      return renderHealthCheckSummaryCard(await viewHealthCheckFor(deps.store, deps.tenantId, person, checkId, deps.timeZone));
    },
  },
  {
    verb: HEALTH_CHECK_VERBS.acknowledge,
    // Headteachers matched by the register's e-mail may hold no role yet: the use case checks the school.
    roles: 'everyone',
    async handler({ deps, person, data }) {
      const { checkId } = parseCardData(AcknowledgeDataSchema, data);
      return renderHealthCheckSummaryCard({ ...(await acknowledgeHealthCheck(healthCheckDeps(deps), deps.tenantId, person, checkId)), note: 'Thank you: acknowledged.' });
    },
  },
];

/** Health checks are read and acknowledged in a 1:1 chat only: what the school was told is not for a channel. */
export const healthCheckCardActions: CardAction[] = healthCheckCardActionsAnywhere.map((a) => inPersonalChatOnly(a, 'Health checks open only in your 1:1 chat with me.'));
