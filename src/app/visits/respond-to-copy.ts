import { InvalidInputError, NotFoundError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import { assertCanRespond, type SchoolResponse } from '../../domain/visit.js';
import type { DeliveryDeps } from '../delivery/attempt.js';
import { dispatchQueued, enqueueDelivery } from '../delivery/enqueue.js';
import { VISIT_RESPONSE_COMPOSER } from './visit-notices.js';
import { viewVisit, type VisitSummaryView } from './visit-view.js';
import { overLimit, TEXT_LIMITS } from '../../domain/text-limits.js';

/** The input the dispute comment is typed in, on the school's copy. */
export const DISPUTE_COMMENT_INPUT = 'visit.disputeComment';

export interface CopyResponse {
  visitId: string;
  verdict: 'accurate' | 'disputed';
  comment?: string;
}

/**
 * The headteacher marks the school's copy *accurate* or *disputed* (a dispute says what). Only that school's
 * headteacher may, once; anyone else is refused and nothing changes. The response is stored on the visit and,
 * in the same unit of work, the officer's notice is recorded in the outbox (by the visit's id: the comment is
 * read from the visit when it is sent), then sent in Teams (else by e-mail). Pressing twice stores one
 * response and tells the officer once; if the bot stops before sending, the outbox job sends it.
 */
export async function respondToCopy(deps: DeliveryDeps, tenantId: string, actor: Person, input: CopyResponse): Promise<VisitSummaryView> {
  const comment = input.comment?.trim() || undefined;
  if (input.verdict === 'disputed' && !comment) throw new InvalidInputError('Say what is disputed in the comment box, then press Dispute again.', DISPUTE_COMMENT_INPUT);
  const tooLong = overLimit('The comment', comment, TEXT_LIMITS.disputeComment);
  if (tooLong) throw new InvalidInputError(tooLong, DISPUTE_COMMENT_INPUT);
  const { value: outboxId } = await deps.store.transact(
    async (tx) => {
      const visit = await tx.get('visits', tenantId, input.visitId);
      if (!visit) throw new NotFoundError('The visit', input.visitId);
      const [school] = await tx.find('schools', tenantId, { urn: visit.schoolUrn });
      // With the school, a headteacher matched by the register's e-mail (no role) may answer too.
      assertCanRespond(visit, actor, school);
      const response: SchoolResponse = { by: actor.id, at: deps.clock.now().toISOString(), verdict: input.verdict, ...(comment ? { comment } : {}) };
      await tx.update('visits', tenantId, visit.id, visit.version, { schoolResponse: response }, { action: 'visit.copyAnswered' });
      return enqueueDelivery(
        tx,
        {
          tenantId,
          to: { person: visit.visitorId },
          content: { kind: 'composed', composer: VISIT_RESPONSE_COMPOSER, ref: { visitId: visit.id } },
          about: `the school's answer to the visit note for ${school?.name ?? `URN ${visit.schoolUrn}`}`,
          idempotencyKey: `visit.response.notice:${visit.id}`,
        },
        deps.clock.now(),
      );
    },
    { actor: actor.id, idempotencyKey: `visit.respond:${input.visitId}:${actor.id}:${input.verdict}` },
  );
  // A replay too: a notice the first press left unsent (the bot stopped) goes now, one already sent does not.
  const [told] = await dispatchQueued(deps, tenantId, [outboxId]);
  if (told!.outcome.status === 'undeliverable') deps.logger.warn({ visitId: input.visitId, code: 'officer-not-told' }, 'could not tell the officer of the school response');
  return viewVisit(deps.store, tenantId, actor, input.visitId, [], deps.timeZone);
}
