import type { Composer } from '../delivery/composer.js';
import { mailHtml } from '../notices/mail-html.js';
import { selfEvaluationContext, selfEvaluationView } from './self-evaluation-view.js';

/** The composer name the signers' notices are stored under in the outbox. */
export const SELF_EVALUATION_NOTICE_COMPOSER = 'selfEvaluation.notice';

/** What the notice asks of its recipient: the officer to judge a submission, the headteacher to sign an agreed one or revise a challenged one. */
export type SelfEvaluationAsk = 'judge' | 'sign' | 'revise';

const ASKS: Record<SelfEvaluationAsk, string> = {
  judge: 'Please agree or challenge it.',
  sign: 'Please read the judgement and sign it.',
  revise: "Please revise it in the light of the officer's comments and resubmit it: type sef to open the form.",
};

/**
 * One signer's notice, built when it is sent from the self-evaluation as stored (the outbox holds only its id
 * and what is asked, never the grades): the sign-off card as they will see it (their own buttons), and the
 * same by e-mail, saying what to type in Teams.
 */
export const composeSelfEvaluationNotice: Composer = async (deps, tenantId, ref, to) => {
  const sef = ref.selfEvaluationId ? await deps.store.get('selfEvaluations', tenantId, ref.selfEvaluationId) : undefined;
  if (!sef) return { undeliverable: 'the self-evaluation no longer exists' };
  if (!to.person) return { undeliverable: 'they are no longer registered' };
  const context = await selfEvaluationContext(deps.store, tenantId, sef.urn);
  const view = selfEvaluationView(sef, context, to.person, deps.clock.now(), deps.timeZone);
  const { school } = context;
  const ask = ASKS[ref.ask as SelfEvaluationAsk] ?? '';
  const headline = `Self-evaluation of ${school.name} for ${sef.academicYear}: ${view.stage}.`;
  return {
    message: { text: `${headline} ${ask}`.trim(), card: { name: 'self-evaluation', data: view } },
    mail: {
      subject: `Self-evaluation of ${school.name} for ${sef.academicYear}`,
      html: mailHtml(headline, [ask, `Open it in Teams (School Improvement Bot): type sef ${school.urn}.`].filter(Boolean), view.grades.map((g) => [g.area, `${g.grade}: ${g.evidence}`] as const)),
    },
  };
};
