import { InvalidInputError, NotFoundError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import { assertCanRespond, type SchoolResponse } from '../../domain/visit.js';
import { enqueueDelivery } from '../delivery/enqueue.js';
import type { VisitDeps } from './edit-visit.js';
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
 * read from the visit when it is sent), sent in Teams (else by e-mail) once the caller has answered the press. Pressing twice stores one
 * response and tells the officer once; if the bot stops before sending, the outbox job sends it.
 */
/** Why an answer cannot be taken as typed (a Dispute needs a comment, within its limit), in words for the headteacher; else undefined. */
export function copyResponseRefusal(input: Pick<CopyResponse, 'verdict' | 'comment'>): string | undefined {
  const comment = input.comment?.trim() || undefined;
  if (input.verdict === 'disputed' && !comment) return 'Say what is disputed in the comment box, then press Dispute again.';
  return overLimit('The comment', comment, TEXT_LIMITS.disputeComment);
}

export async function respondToCopy(deps: Pick<VisitDeps, 'store' | 'clock' | 'timeZone'>, tenantId: string, actor: Person, input: CopyResponse): Promise<{ view: VisitSummaryView; outboxIds: string[] }> {
  const comment = input.comment?.trim() || undefined;
  const refusal = copyResponseRefusal(input);
  if (refusal) throw new InvalidInputError(refusal, DISPUTE_COMMENT_INPUT);
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
  // Sent by the caller once the press is answered (a replay too: a notice already sent is not sent again).
  return { view: await viewVisit(deps.store, tenantId, actor, input.visitId, [], deps.timeZone), outboxIds: [outboxId] };
}
