import { featureComposers } from '../../../src/app/notices/composers.js';
import type { DeliveryDeps } from '../../../src/app/delivery/attempt.js';
import type { Clock } from '../../../src/app/ports/clock.port.js';
import { silentLogger } from '../../../src/app/ports/logger.port.js';
import type { MailMessage, Mailer } from '../../../src/app/ports/mail.port.js';
import type { Messenger, ActivityReference, OutgoingMessage, Recipient, SendOutcome } from '../../../src/app/ports/messenger.port.js';
import { DeliveryError } from '../../../src/domain/errors.js';
import type { NewRecord } from '../../../src/domain/record.js';
import type { Person } from '../../../src/domain/person.js';
import { MemoryStore } from '../../../src/store/memory.store.js';
import { aConcernsLead, aHeadteacherOf, anOfficer, aSchool, LONDON, TEST_TENANT_ID } from '../../support/builders.js';

/** What a fake channel does on its next call: deliver, say unreachable, or fail (retryable or not). */
export type Behaviour = 'ok' | 'unreachable' | 'retryable' | 'refused';

/** Answers each call with the next scripted behaviour, then `ok`; records what was delivered. */
class Script {
  private readonly next: Behaviour[] = [];
  calls = 0;

  then(...behaviours: Behaviour[]): this {
    this.next.push(...behaviours);
    return this;
  }

  always(behaviour: Behaviour): this {
    this.next.push(...Array<Behaviour>(1000).fill(behaviour));
    return this;
  }

  take(): Behaviour {
    this.calls += 1;
    return this.next.shift() ?? 'ok';
  }
}

const fail = (behaviour: Behaviour, what: string) => {
  if (behaviour === 'retryable') throw new DeliveryError(`${what} is not taking messages just now (503 after 2 attempts)`, true);
  throw new DeliveryError(`${what} refused it (400)`, false);
};

export class FakeMessenger implements Messenger {
  readonly script = new Script();
  readonly toPeople: Array<{ to: Recipient; message: OutgoingMessage }> = [];
  readonly toChannels: Array<{ purpose: string; partnership?: string; message: OutgoingMessage }> = [];

  async sendToPerson(_tenantId: string, to: Recipient, message: OutgoingMessage): Promise<SendOutcome> {
    const behaviour = this.script.take();
    if (behaviour === 'unreachable') return { status: 'unreachable', reason: 'the bot is not installed for them in Teams' };
    if (behaviour !== 'ok') fail(behaviour, 'Teams');
    this.toPeople.push({ to, message });
    return { status: 'sent', activityId: `activity-${this.toPeople.length}` };
  }

  async sendToChannel(_tenantId: string, purpose: 'sit' | 'partnership' | 'concerns', message: OutgoingMessage, partnership?: string): Promise<SendOutcome> {
    const behaviour = this.script.take();
    if (behaviour === 'unreachable') return { status: 'unreachable', reason: 'no channel is registered for it' };
    if (behaviour !== 'ok') fail(behaviour, 'Teams');
    this.toChannels.push({ purpose, partnership, message });
    return { status: 'sent' };
  }

  readonly updates: Array<{ message: ActivityReference; replacement: OutgoingMessage }> = [];

  async updateMessage(_tenantId: string, message: ActivityReference, replacement: OutgoingMessage): Promise<SendOutcome> {
    const behaviour = this.script.take();
    if (behaviour === 'unreachable') return { status: 'unreachable', reason: 'Teams no longer lets the bot change that message' };
    if (behaviour !== 'ok') fail(behaviour, 'Teams');
    this.updates.push({ message, replacement });
    return { status: 'sent', activityId: message.activityId };
  }
}

export class FakeMailer implements Mailer {
  readonly script = new Script();
  readonly sent: MailMessage[] = [];

  async send(_tenantId: string, message: MailMessage): Promise<void> {
    const behaviour = this.script.take();
    if (behaviour !== 'ok') fail(behaviour, 'Microsoft Graph');
    this.sent.push(message);
  }
}

/** A clock the test moves by hand. */
export class MovableClock implements Clock {
  constructor(private at: number) {}
  now(): Date {
    return new Date(this.at);
  }
  advance(ms: number): Date {
    this.at += ms;
    return this.now();
  }
  set(iso: string): Date {
    this.at = Date.parse(iso);
    return this.now();
  }
}

export const tenantId = TEST_TENANT_ID;
const school = aSchool(0);

/** A school, its headteacher (in Teams), an officer, the concerns lead, and someone with no Teams account. */
export async function deliveryWorld(options: { mail?: boolean } = {}) {
  const clock = new MovableClock(Date.parse('2026-11-23T09:30:00Z'));
  const store = new MemoryStore(() => clock.now());
  const messenger = new FakeMessenger();
  const mailer = new FakeMailer();
  const deps: DeliveryDeps = { store, messenger, mailer: options.mail === false ? undefined : mailer, clock, logger: silentLogger, timeZone: LONDON, composers: featureComposers() };
  const add = async (person: NewRecord<Person>) =>
    (await store.transact((tx) => tx.insert('people', tenantId, person).then((p) => ({ id: p.id })), { actor: 'test' })).value.id;
  await store.transact((tx) => tx.insert('schools', tenantId, school).then(() => undefined), { actor: 'test' });
  const head = await add(aHeadteacherOf(school));
  const officer = await add(anOfficer());
  const lead = await add(aConcernsLead());
  const noTeams = await add({ ...anOfficer('Nadia NoTeams'), aadObjectId: undefined });
  return { clock, store, messenger, mailer, deps, school, people: { head, officer, lead, noTeams } };
}

export type DeliveryWorld = Awaited<ReturnType<typeof deliveryWorld>>;

/** A plain notice with an e-mail version, as use cases send them. */
export const notice = (text = 'Please acknowledge the health check for Oakwood Primary School.') => ({
  kind: 'message' as const,
  message: { text },
  mail: { subject: 'Health check: please acknowledge', html: `<p>${text}</p>` },
});
