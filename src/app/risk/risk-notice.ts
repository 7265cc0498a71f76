import type { Person } from '../../domain/person.js';
import { longCalendarDate } from '../../domain/human-date.js';
import { DEFAULT_RISK_SCALE, type RiskChange, type RiskScale } from '../../domain/risk.js';
import type { Composer } from '../delivery/composer.js';
import { enqueueDelivery } from '../delivery/enqueue.js';
import { mailHtml } from '../notices/mail-html.js';
import type { StoreTransaction } from '../ports/store.port.js';
import { riskChangeView, riskContext } from './risk-change-view.js';

/** The composer name risk-change notices are stored under in the outbox. */
export const RISK_NOTICE_COMPOSER = 'risk.notice';

/** What the notice asks: the headteacher to answer a proposal, the officer to read the school's answer. */
export type RiskAsk = 'answer' | 'answered';

const ASKS: Record<RiskAsk, string> = {
  answer: 'Please agree or dispute it (a dispute needs a comment).',
  answered: 'The school has answered your proposal.',
};

/**
 * A risk-change notice, built when it is sent from the change as stored (the outbox holds only its id, never the
 * evidence or the comment): the card as the recipient will see it, and the same by e-mail. The ref carries the
 * scale's levels (configuration, for the revise form), so the card offers the levels configured when it was queued.
 */
export const composeRiskNotice: Composer = async (deps, tenantId, ref, to) => {
  const change = ref.riskChangeId ? await deps.store.get('riskChanges', tenantId, ref.riskChangeId) : undefined;
  if (!change) return { undeliverable: 'the risk proposal no longer exists' };
  if (!to.person) return { undeliverable: 'they are no longer registered' };
  const context = await riskContext(deps.store, tenantId, change.schoolUrn);
  const view = riskChangeView(change, context, to.person, ref.levels?.split(';') ?? DEFAULT_RISK_SCALE.levels, deps.timeZone);
  const headline = `Risk level for ${view.schoolName}: ${view.proposedLevel} proposed (now ${view.fromLevel}). ${view.statusLine}`;
  const ask = ASKS[ref.ask as RiskAsk] ?? '';
  return {
    message: { text: `${headline} ${ask}`.trim(), card: { name: 'risk-change', data: view } },
    mail: {
      subject: `Risk level for ${view.schoolName}`,
      html: mailHtml(headline, [ask, `Open it in Teams (School Improvement Bot): type risk ${view.urn}.`].filter(Boolean), [
        ['Criterion', view.criterion],
        ['Evidence', view.evidence],
        ['Next monitoring meeting', view.nextMonitoringMeetingOn ? longCalendarDate(view.nextMonitoringMeetingOn) : 'not set'],
      ]),
    },
  };
};

/** Records, with the change, the notice to one person about it (each version tells them once). Returns its outbox id. */
export function queueRiskNotice(
  tx: StoreTransaction,
  tenantId: string,
  about: { change: Pick<RiskChange, 'id' | 'version'>; schoolName: string; to: Pick<Person, 'id'>; requestedBy: string; ask: RiskAsk; scale: RiskScale },
  now: Date,
): Promise<string> {
  const { change, to, ask } = about;
  return enqueueDelivery(
    tx,
    {
      tenantId,
      to: { person: to.id },
      content: { kind: 'composed', composer: RISK_NOTICE_COMPOSER, ref: { riskChangeId: change.id, ask, levels: about.scale.levels.join(';') } },
      about: `the risk level of ${about.schoolName}`,
      requestedBy: about.requestedBy,
      idempotencyKey: `risk.notice:${change.id}:${change.version}:${to.id}`,
    },
    now,
  );
}
