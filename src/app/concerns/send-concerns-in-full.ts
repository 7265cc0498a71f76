import type { Person } from '../../domain/person.js';
import type { DeliveryDeps } from '../delivery/attempt.js';
import { deliver } from '../delivery/deliver.js';
import { CONCERN_CARD, concernsOf } from './concern-view.js';

/** What sending every concern in full did, counted for the lead's list card. */
export interface SentInFull {
  total: number;
  sent: number;
  /** Waiting in the outbox (Teams could not be reached now): they follow. */
  queued: number;
  undeliverable: number;
}

/**
 * The concerns lead's own copy of all their concerns: each sent in full (text, and their own note once handled)
 * to their 1:1 chat, oldest first so the newest arrives last. This replaces any file of concerns: no command
 * line tool writes or prints one. Like every concern notice it goes by id, its text read at send time for the
 * person who is its lead then. `key` (the pressed card's) makes a double press or a Teams retry send each once.
 */
export async function sendConcernsInFull(deps: DeliveryDeps, tenantId: string, actor: Person, key: string): Promise<SentInFull> {
  const concerns = (await concernsOf(deps.store, tenantId, actor)).reverse();
  const report: SentInFull = { total: concerns.length, sent: 0, queued: 0, undeliverable: 0 };
  for (const concern of concerns) {
    const outcome = await deliver(deps, {
      tenantId,
      to: { person: actor.id },
      content: { kind: 'concern', concernId: concern.id, card: CONCERN_CARD },
      about: 'a confidential concern',
      requestedBy: actor.id,
      idempotencyKey: `concern.inFull:${key}:${concern.id}`,
    });
    report[outcome.status] += 1;
  }
  return report;
}
