import type { Notice } from '../domain/notice.js';
import { notifyPersonBy } from '../app/delivery/notify-person.js';
import type { NotifyPerson } from '../app/notices/notify-person.js';
import type { BotDeps } from './deps.js';

/** The notify port for the health-check and self-evaluation use cases: Teams, else e-mail, else the outbox. */
export function notifyFrom(deps: BotDeps): NotifyPerson {
  return notifyPersonBy({ store: deps.store, messenger: deps.messenger, mailer: deps.mailer, clock: deps.clock, logger: deps.logger, timeZone: deps.config.timezone });
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
      return `Couldn't reach ${told.name} now; I'll keep trying and tell you if it fails.`;
    case 'none':
      return told.problem ?? `${told.name} could not be told.`;
  }
}
