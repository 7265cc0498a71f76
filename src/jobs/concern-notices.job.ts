import { deliver } from '../app/delivery/deliver.js';
import { findByKey } from '../app/delivery/outbox.js';
import { isConcernOf, theConcernsLead } from '../domain/concern.js';
import type { Job, JobDeps } from './job.js';

/** Hourly: a concern waits at most an hour after its lead is registered. */
export const CONCERN_NOTICES_SCHEDULE = '0 * * * *';

export interface ConcernNoticeReport {
  /** Concerns the lead has not been told of. */
  waiting: number;
  /** People holding the concerns lead role now: one, or the notices wait (none, or more than one to choose from). */
  leads: number;
  sent: number;
  queued: number;
  undeliverable: number;
  /** Notices handed to the outbox earlier and still pending there: left to the outbox job. */
  inOutbox: number;
}

/** The same key `raiseConcern` uses, so a lead is told of a concern once whichever of the two gets there first. */
const noticeKey = (concernId: string, leadId: string) => `concern.notice:${concernId}:${leadId}`;

/**
 * Tells the concerns lead of every concern of theirs they have not been told of (raised while nobody held the
 * role, or while Teams could not reach them: its `leadNotifiedAt` unset, and not marked handled).
 * The notice carries the concern's id only: `deliver` reads the text at send time, for a person who is the lead
 * then, so it is never copied into the outbox, a log line or this job's record. A notice already in the
 * outbox (the lead was registered but Teams was down) is left to the outbox's retries, and one that gave up
 * is not sent again: its requester, the visitor, was told to reach the lead another way.
 */
export async function runConcernNotices(deps: JobDeps): Promise<ConcernNoticeReport> {
  const { store, tenantId, logger } = deps;
  // One the lead has already marked handled (read in their `confidential` list) needs no notice.
  const waiting = (await store.find('concerns', tenantId)).filter((c) => !c.leadNotifiedAt && !c.handled);
  const { lead, holders } = waiting.length ? theConcernsLead(await store.find('people', tenantId)) : { holders: [] };
  const report: ConcernNoticeReport = { waiting: waiting.length, leads: holders.length, sent: 0, queued: 0, undeliverable: 0, inOutbox: 0 };

  // Each goes to its own lead only: the one named lead, when the concern is theirs (raised to them, or to nobody).
  for (const concern of waiting) {
    if (lead && isConcernOf(concern, lead)) {
      const key = noticeKey(concern.id, lead.id);
      const earlier = await findByKey(store, tenantId, key);
      if (earlier) {
        if (earlier.status === 'pending') report.inOutbox += 1;
        continue;
      }
      const outcome = await deliver(deps, {
        tenantId,
        to: { person: lead.id },
        content: { kind: 'concern', concernId: concern.id },
        about: 'a confidential concern',
        requestedBy: concern.raisedBy,
        idempotencyKey: key,
      });
      report[outcome.status] += 1;
      // Ids only: the concern's text, school and visit stay out of every log line.
      logger.info({ concernId: concern.id, leadId: lead.id, status: outcome.status }, 'waiting concern sent to the concerns lead');
    }
  }
  return report;
}

/** The hourly job that runs `runConcernNotices`. A run with nothing to send leaves no record. */
export const concernNoticesJob: Job = {
  name: 'concern-notices',
  schedule: CONCERN_NOTICES_SCHEDULE,
  history: 'busy-runs',
  async run(deps) {
    const r = await runConcernNotices(deps);
    const detail =
      r.waiting && r.leads !== 1
        ? `${r.waiting} waiting, ${r.leads ? 'more than one person holds the concerns lead role' : 'no concerns lead registered'}`
        : `${r.waiting} waiting, ${r.sent} sent, ${r.queued} queued, ${r.undeliverable} undeliverable, ${r.inOutbox} in the outbox`;
    return { detail, busy: r.sent + r.queued + r.undeliverable > 0 };
  },
};
