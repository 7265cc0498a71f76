import type { Notice } from '../domain/notice.js';
import type { DeliveryDeps } from '../app/delivery/attempt.js';
import type { BotDeps } from './deps.js';

/** Delivery's ports from the bot's, for the use cases that record notices with their change (health checks, self-evaluations). */
export function deliveryDepsOf(deps: BotDeps): DeliveryDeps {
  return { store: deps.store, messenger: deps.messenger, mailer: deps.mailer, clock: deps.clock, logger: deps.logger, timeZone: deps.timeZone, composers: deps.composers };
}

/** One line telling the person who acted how the other person was told, or why they could not be. */
export function noticeNote(told: { name: string; notice: Notice; problem?: string } | undefined): string {
  if (!told) return '';
  switch (told.notice) {
    case 'teams':
      return `Sent to ${told.name} in Teams.`;
    case 'mail':
      return `${told.name} could not be reached in Teams, so it was sent by e-mail.`;
    case 'queued':
      // Sent after the answer, or waiting in the outbox: either way the person is told only if it fails.
      return `On its way to ${told.name}. I'll tell you if it cannot be delivered.`;
    case 'none':
      return told.problem ?? `${told.name} could not be told.`;
  }
}
