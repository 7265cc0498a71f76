import { randomUUID } from 'node:crypto';
import { ConflictError, InvalidInputError } from '../../domain/errors.js';
import { saveFormDraft } from '../../app/drafts/form-drafts.js';
import { draftResumedNote, draftSavedNote } from '../cards/form-card.js';
import { isOfficer, OFFICER_ROLES, type Person } from '../../domain/person.js';
import type { SelfEvaluationAction } from '../../domain/self-evaluation.js';
import { openSelfEvaluation, type OpenSelfEvaluationResult } from '../../app/self-evaluation/open-self-evaluation.js';
import { selfEvaluationStatus } from '../../app/self-evaluation/self-evaluation-status.js';
import { signOffSelfEvaluation, viewSelfEvaluation } from '../../app/self-evaluation/sign-off-self-evaluation.js';
import { submitSelfEvaluation, type SelfEvaluationDeps } from '../../app/self-evaluation/submit-self-evaluation.js';
import { schoolLookupReply, SchoolChoiceDataSchema } from '../cards/school-choice.card.js';
import { readSelfEvaluationSubmit, renderSelfEvaluationFormCard } from '../cards/self-evaluation-form.card.js';
import { renderSelfEvaluationCard, SELF_EVALUATION_VERBS, SignOffDataSchema } from '../cards/self-evaluation.card.js';
import { renderSelfEvaluationStatusCard } from '../cards/self-evaluation-status.card.js';
import { asCard, type CardAction, type Command, type Reply } from '../handler.js';
import type { BotDeps } from '../deps.js';
import { parseCardData } from '../card-data.js';
import { deliveryDepsOf, noticeNote } from '../notice-note.js';
import { sendAfterAnswer } from '../after-answer.js';
import { inPersonalChatOnly } from '../personal-chat.js';
import { annualFeedbackReply } from './annual-feedback.handlers.js';

const selfEvaluationDeps = (deps: BotDeps): SelfEvaluationDeps => ({ ...deliveryDepsOf(deps), areas: deps.config.selfEvaluationAreas });

/** The form while the headteacher may still submit, the sign-off card otherwise, the choice when several schools match. */
async function openedReply(deps: BotDeps, person: Person, opened: OpenSelfEvaluationResult): Promise<Reply> {
  switch (opened.kind) {
    case 'form': {
      const { form, draft } = opened;
      const resumed = draft ? { values: draft.values, draftVersion: draft.version, draftNote: draftResumedNote(draft.savedAt, deps.timeZone) } : {};
      return { text: `Self-evaluation ${form.academicYear} for ${form.schoolName}.`, card: renderSelfEvaluationFormCard({ form, formId: randomUUID(), ...resumed }) };
    }
    case 'view':
      return { text: `Self-evaluation ${opened.view.academicYear} for ${opened.view.schoolName}: ${opened.view.stage}.`, card: renderSelfEvaluationCard(opened.view) };
    case 'notStarted':
      // The feedback is due whether or not the school self-evaluates: its card is where the officer agrees the date.
      return annualFeedbackReply(
        deps,
        person,
        opened.urn,
        `${opened.schoolName} has not submitted its self-evaluation for ${opened.academicYear} yet (${opened.requirement === 'required' ? 'required of a maintained school' : 'invited from an academy'}).`,
      );
    default:
      return schoolLookupReply(opened, SELF_EVALUATION_VERBS.open);
  }
}

async function statusReply(deps: BotDeps, person: Person): Promise<Reply> {
  const status = await selfEvaluationStatus(selfEvaluationDeps(deps), deps.tenantId, person);
  const overdue = status.rows.filter((r) => r.feedbackOverdue).length;
  return { text: `Self-evaluations ${status.academicYear}: ${status.rows.length} schools, feedback overdue for ${overdue}.`, card: renderSelfEvaluationStatusCard(status) };
}

/** `sef`: a headteacher's form or sign-off card; for an officer, the status list, or one school's sign-off card. */
export const selfEvaluationCommand: Command = {
  name: 'sef',
  privacy: 'asker',
  usage: 'sef [school name or URN]',
  example: 'sef ‹school›',
  examples: [{ roles: ['headteacher'], example: 'sef' }],
  // A headteacher known only by the school register's e-mail holds no role: the use case decides who may open it.
  roles: 'everyone',
  listedFor: ['headteacher', 'officer', 'sit'],
  summary: "Headteachers: submit and sign your school's self-evaluation. Officers: agree or challenge it, or for a school with none, agree its annual-visit feedback date; on its own, this year's status for your schools.",
  summaries: [
    { roles: ['headteacher'], summary: "Submit and sign your school's self-evaluation." },
    { roles: OFFICER_ROLES, summary: "Agree or challenge a school's self-evaluation, or for a school with none, agree its annual-visit feedback date; on its own, this year's status for your schools." },
  ],
  async handler({ deps, person, args, reply }) {
    if (!args && isOfficer(person)) return reply(await statusReply(deps, person));
    await reply(await openedReply(deps, person, await openSelfEvaluation(selfEvaluationDeps(deps), deps.tenantId, person, args)));
  },
};

const SIGN_OFF_VERBS: Record<SelfEvaluationAction, string> = {
  agree: SELF_EVALUATION_VERBS.agree,
  challenge: SELF_EVALUATION_VERBS.challenge,
  sign: SELF_EVALUATION_VERBS.sign,
  feedbackGiven: SELF_EVALUATION_VERBS.feedbackGiven,
};

/**
 * One sign-off button. Everyone may press (the card is shared); the use case refuses anyone whose button it is
 * not, with nothing changed. A judgement with a problem comes back as the card, keeping what was typed.
 */
function signOffAction(action: SelfEvaluationAction): CardAction {
  return {
    verb: SIGN_OFF_VERBS[action],
    roles: 'everyone',
    async handler({ turn, deps, person, data }) {
      const input = parseCardData(SignOffDataSchema, data);
      if (input.version === undefined) throw new InvalidInputError('This card is out of date: type sef to get a fresh one.', 'version');
      const judgement = { feedbackDueOn: input.feedbackDueOn, furtherChallenge: input.furtherChallenge === 'true', comments: input.comments };
      // The same press (a double click, a Teams retry) carries the same version: it is applied once.
      const key = `${SIGN_OFF_VERBS[action]}:${input.selfEvaluationId}:${input.version}:${person.id}`;
      try {
        const request = { selfEvaluationId: input.selfEvaluationId, expectedVersion: input.version, action, judgement };
        const { view, told, outboxIds } = await signOffSelfEvaluation(selfEvaluationDeps(deps), deps.tenantId, person, request, key);
        sendAfterAnswer(turn, outboxIds);
        return renderSelfEvaluationCard({ ...view, note: noticeNote(told) });
      } catch (err) {
        if (!(err instanceof InvalidInputError) || err.field === 'version') throw err;
        const view = await viewSelfEvaluation(selfEvaluationDeps(deps), deps.tenantId, person, input.selfEvaluationId);
        const values = { feedbackDueOn: input.feedbackDueOn ?? '', furtherChallenge: input.furtherChallenge ?? 'false', comments: input.comments ?? '' };
        return renderSelfEvaluationCard({ ...view, values, error: err.message });
      }
    },
  };
}

/** The self-evaluation card verbs: a school chosen, the form submitted, the refresh, and the sign-off buttons. */
const selfEvaluationCardActionsAnywhere: CardAction[] = [
  {
    verb: SELF_EVALUATION_VERBS.open,
    roles: 'everyone',
    async handler({ deps, person, data }) {
      const { school } = parseCardData(SchoolChoiceDataSchema, data);
      return asCard(await openedReply(deps, person, await openSelfEvaluation(selfEvaluationDeps(deps), deps.tenantId, person, school)));
    },
  },
  {
    verb: SELF_EVALUATION_VERBS.saveDraft,
    // Headteachers matched by the register's e-mail may hold no role: the use case checks the school.
    roles: 'everyone',
    async handler({ deps, person, data }) {
      const { form, formId, draftVersion, values } = readSelfEvaluationSubmit(data);
      try {
        const draft = await saveFormDraft(deps, deps.tenantId, person, { kind: 'selfEvaluation', urn: form.urn, values, draftVersion });
        const draftNote = draftSavedNote(draft.savedAt, deps.timeZone, 'sef');
        return renderSelfEvaluationFormCard({ form, formId, values, draftVersion: draft.version, draftNote });
      } catch (err) {
        if (err instanceof InvalidInputError || err instanceof ConflictError) return renderSelfEvaluationFormCard({ form, formId, values, draftVersion, error: { message: err.message } });
        throw err;
      }
    },
  },
  {
    verb: SELF_EVALUATION_VERBS.submit,
    roles: 'everyone',
    async handler({ turn, deps, person, data }) {
      const { form, formId, draftVersion, values, submission } = readSelfEvaluationSubmit(data);
      try {
        const key = `selfEvaluation.submit:${formId}:${form.expectedVersion}`;
        const { view, told, outboxIds } = await submitSelfEvaluation(selfEvaluationDeps(deps), deps.tenantId, person, submission, key);
        sendAfterAnswer(turn, outboxIds);
        return renderSelfEvaluationCard({ ...view, note: noticeNote(told) });
      } catch (err) {
        if (err instanceof InvalidInputError) return renderSelfEvaluationFormCard({ form, formId, values, draftVersion, error: { message: err.message, field: err.field } });
        throw err;
      }
    },
  },
  {
    // Teams asks for this when the card is shown to someone its refresh names: each gets their own view.
    verb: SELF_EVALUATION_VERBS.refresh,
    roles: 'everyone',
    async handler({ deps, person, data }) {
      const { selfEvaluationId } = parseCardData(SignOffDataSchema, data);
      return renderSelfEvaluationCard(await viewSelfEvaluation(selfEvaluationDeps(deps), deps.tenantId, person, selfEvaluationId));
    },
  },
  signOffAction('agree'),
  signOffAction('challenge'),
  signOffAction('sign'),
  signOffAction('feedbackGiven'),
];

/** Self-evaluations are opened, judged and signed in a 1:1 chat only: grades and comments are not for a channel. */
export const selfEvaluationCardActions: CardAction[] = selfEvaluationCardActionsAnywhere.map((a) => inPersonalChatOnly(a, 'Self-evaluations open only in your 1:1 chat with me.'));
