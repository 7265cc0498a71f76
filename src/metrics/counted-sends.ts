import type { Mailer } from '../app/ports/mail.port.js';
import type { Messenger, SendOutcome } from '../app/ports/messenger.port.js';
import { DeliveryError } from '../domain/errors.js';
import type { BotMetrics } from './bot-metrics.js';

type Send = Pick<BotMetrics, 'send'>;

/** A failed send as an outcome: one that may pass later (the outbox retries it) or one that will not. */
const failureOf = (err: unknown) => (err instanceof DeliveryError && err.retryable ? 'retryable-failure' : 'failed');

async function counted<T extends SendOutcome | void>(metrics: Send, channel: 'teams' | 'mail', send: () => Promise<T>): Promise<T> {
  try {
    const outcome = await send();
    metrics.send(channel, outcome && outcome.status === 'unreachable' ? 'unreachable' : 'sent');
    return outcome;
  } catch (err) {
    metrics.send(channel, failureOf(err));
    throw err;
  }
}

/** The messenger, with every proactive Teams send (1:1 chat, channel post, card update) counted by outcome. */
export function countedMessenger(messenger: Messenger, metrics: Send): Messenger {
  return {
    sendToPerson: (tenantId, to, message) => counted(metrics, 'teams', () => messenger.sendToPerson(tenantId, to, message)),
    sendToChannel: (tenantId, purpose, message, partnership) => counted(metrics, 'teams', () => messenger.sendToChannel(tenantId, purpose, message, partnership)),
    updateMessage: (tenantId, message, replacement) => counted(metrics, 'teams', () => messenger.updateMessage(tenantId, message, replacement)),
  };
}

/** The mailer, with every mail counted by outcome. */
export function countedMailer(mailer: Mailer, metrics: Send): Mailer {
  return { send: (tenantId, message, options) => counted(metrics, 'mail', () => mailer.send(tenantId, message, options)) };
}
