import { InvalidInputError, NotFoundError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import { assertCanRespond, type SchoolResponse } from '../../domain/visit.js';
import type { DeliveryDeps } from '../delivery/attempt.js';
import { deliver } from '../delivery/deliver.js';
import { mailHtml } from '../notices/mail-html.js';
import { viewVisit, type VisitSummaryView } from './visit-view.js';

/** The input the dispute comment is typed in, on the school's copy. */
export const DISPUTE_COMMENT_INPUT = 'visit.disputeComment';

export interface CopyResponse {
  visitId: string;
  verdict: 'accurate' | 'disputed';
  comment?: string;
}

/**
 * The headteacher marks the school's copy *accurate* or *disputed* (a dispute says what). Only that school's
 * headteacher may, once; anyone else is refused and nothing changes. The response is stored on the visit and
 * the officer who made the visit is told in Teams (else by e-mail). Pressing twice stores one response.
 */
export async function respondToCopy(deps: DeliveryDeps, tenantId: string, actor: Person, input: CopyResponse): Promise<VisitSummaryView> {
  const comment = input.comment?.trim() || undefined;
  if (input.verdict === 'disputed' && !comment) throw new InvalidInputError('Say what is disputed in the comment box, then press Dispute again.', DISPUTE_COMMENT_INPUT);
  const { replayed } = await deps.store.transact(
    async (tx) => {
      const visit = await tx.get('visits', tenantId, input.visitId);
      if (!visit) throw new NotFoundError('The visit', input.visitId);
      assertCanRespond(visit, actor);
      const response: SchoolResponse = { by: actor.id, at: deps.clock.now().toISOString(), verdict: input.verdict, ...(comment ? { comment } : {}) };
      await tx.update('visits', tenantId, visit.id, visit.version, { schoolResponse: response }, { action: 'visit.copyAnswered' });
    },
    { actor: actor.id, idempotencyKey: `visit.respond:${input.visitId}:${actor.id}:${input.verdict}` },
  );
  const view = await viewVisit(deps.store, tenantId, actor, input.visitId);
  if (replayed) return view;
  const visit = (await deps.store.get('visits', tenantId, input.visitId))!;
  const said = input.verdict === 'accurate' ? 'marked it accurate' : `disputed it: "${comment}"`;
  const text = `${actor.name} (headteacher) has read the school's copy of your ${view.templateName} note for ${view.schoolName} (${view.visitedDate ?? 'no date'}) and ${said}.`;
  const outcome = await deliver(deps, {
    tenantId,
    to: { person: visit.visitorId },
    content: { kind: 'message', message: { text }, mail: { subject: `${view.schoolName}: the school has answered its copy of your visit note`, html: mailHtml(`Visit note for ${view.schoolName}`, [text]) } },
    about: `the school's answer to the visit note for ${view.schoolName}`,
    idempotencyKey: `visit.response.notice:${input.visitId}`,
  });
  if (outcome.status === 'undeliverable') deps.logger.warn({ visitId: input.visitId, code: 'officer-not-told' }, 'could not tell the officer of the school response');
  return view;
}
