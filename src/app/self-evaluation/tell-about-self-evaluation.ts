import type { Person } from '../../domain/person.js';
import type { SelfEvaluation } from '../../domain/self-evaluation.js';
import type { StoreTransaction } from '../ports/store.port.js';
import { enqueueDelivery } from '../delivery/enqueue.js';
import { SELF_EVALUATION_NOTICE_COMPOSER, type SelfEvaluationAsk } from './self-evaluation-notice.js';

/**
 * Records, in the unit of work that changed the self-evaluation, the notice to one of the two signers: the
 * officer when the school submits, the headteacher when the officer has judged. It is built when sent from the
 * version just written (the key names that version, so each step tells them once); the caller dispatches it
 * right after the commit, and the outbox job sends it if the bot stops in between. Returns its outbox id.
 */
export function queueSelfEvaluationNotice(
  tx: StoreTransaction,
  tenantId: string,
  about: { sef: Pick<SelfEvaluation, 'id' | 'version'>; schoolName: string; to: Pick<Person, 'id'>; requestedBy: string; ask: SelfEvaluationAsk },
  now: Date,
): Promise<string> {
  const { sef, to, ask } = about;
  return enqueueDelivery(
    tx,
    {
      tenantId,
      to: { person: to.id },
      content: { kind: 'composed', composer: SELF_EVALUATION_NOTICE_COMPOSER, ref: { selfEvaluationId: sef.id, ask } },
      about: `the self-evaluation of ${about.schoolName}`,
      requestedBy: about.requestedBy,
      idempotencyKey: `selfEvaluation.notice:${sef.id}:${sef.version}:${to.id}`,
    },
    now,
  );
}
