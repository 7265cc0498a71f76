import type { Person } from '../../domain/person.js';
import type { SelfEvaluation } from '../../domain/self-evaluation.js';
import type { Clock } from '../ports/clock.port.js';
import { mailHtml } from '../notices/mail-html.js';
import { notifyReporting, type NotifyPerson } from '../notices/notify-person.js';
import type { Notice } from '../../domain/notice.js';
import { selfEvaluationView, type SelfEvaluationContext } from './self-evaluation-view.js';

/** Who was told, how, and (when they could not be reached) why not, for the person who acted. */
export interface Told {
  name: string;
  notice: Notice;
  problem?: string;
}

/**
 * Sends one of the two signers the sign-off card as they will see it (their own buttons), with an e-mail
 * fallback: the officer when the school submits, the headteacher when the officer has judged.
 */
export async function tellAboutSelfEvaluation(
  deps: { clock: Clock; timeZone: string; notify: NotifyPerson },
  tenantId: string,
  about: { sef: SelfEvaluation; context: SelfEvaluationContext; to: Person; requestedBy: string; ask: string },
): Promise<Told> {
  const { sef, context, to } = about;
  const { school } = context;
  const view = selfEvaluationView(sef, context, to, deps.clock.now(), deps.timeZone);
  const headline = `Self-evaluation of ${school.name} for ${sef.academicYear}: ${view.stage}.`;
  const { notice, problem } = await notifyReporting(deps.notify, tenantId, {
    to: { aadObjectId: to.aadObjectId, name: to.name, email: to.email },
    message: { text: `${headline} ${about.ask}`, card: { name: 'self-evaluation', data: view } },
    mail: {
      to: [to.email],
      subject: `Self-evaluation of ${school.name} for ${sef.academicYear}`,
      html: mailHtml(headline, [about.ask, 'Open it in Teams (School Improvement Bot): type sef ' + school.urn + '.'], view.grades.map((g) => [g.area, `${g.grade}: ${g.evidence}`] as const)),
    },
    requestedBy: about.requestedBy,
    idempotencyKey: `selfEvaluation.notice:${sef.id}:${sef.version}:${to.id}`,
  });
  return { name: to.name, notice, problem };
}
