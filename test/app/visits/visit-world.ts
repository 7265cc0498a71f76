import { PersonSchema } from '../../../src/domain/person.js';
import type { MailMessage } from '../../../src/app/ports/mail.port.js';
import type { ActivityReference, OutgoingMessage, Recipient } from '../../../src/app/ports/messenger.port.js';
import { silentLogger } from '../../../src/app/ports/logger.port.js';
import { AfterAnswerDispatcher } from '../../../src/app/delivery/after-answer.js';
import type { VisitDeps } from '../../../src/app/visits/edit-visit.js';
import type { DeliveryDeps } from '../../../src/app/delivery/delivery-deps.js';
import { schoolWorld, TENANT } from '../school-world.js';
import { builtInTemplates } from '../../support/built-in-templates.js';

/**
 * The school world with delivery played in memory: Teams reaches whoever has an Entra object id, mail
 * goes to everyone; both are recorded. Options add a concerns lead and training for the officer.
 */
export async function visitWorld(options: { concernsLead?: boolean; officerTrainedFor?: string[] } = {}) {
  const world = await schoolWorld();
  const teams: Array<{ to: Recipient; message: OutgoingMessage }> = [];
  const mail: MailMessage[] = [];
  const updates: ActivityReference[] = [];
  const { value } = await world.store.transact(
    async (tx) => {
      const lead = options.concernsLead
        ? await tx.insert('people', TENANT, PersonSchema.omit({ id: true, tenantId: true, version: true, createdAt: true, updatedAt: true }).parse({ email: 'connie.lead@la.gov.uk', name: 'Connie Lead', roles: ['concernsLead'], aadObjectId: 'aad-lead' }))
        : undefined;
      const officer = await tx.update('people', TENANT, world.officer.id, 'any', { trainedFor: (options.officerTrainedFor ?? []).map((templateId) => ({ templateId })) });
      return { lead: lead ?? null, officer };
    },
    { actor: 'test' },
  );
  // One held zone serves both the visit use cases and delivery, as in the bot.
  const deps: VisitDeps & DeliveryDeps = {
    store: world.store,
    clock: world.clock,
    logger: silentLogger,
    timeZone: world.timeZone,
    composers: world.composers,
    builtInTemplates,
    messenger: {
      async sendToPerson(_tenantId, to, message) {
        if (!to.aadObjectId) return { status: 'unreachable', reason: 'no Teams account' };
        teams.push({ to, message });
        return { status: 'sent' };
      },
      async sendToChannel() {
        return { status: 'unreachable', reason: 'no channels here' };
      },
      async updateMessage(_tenantId, message) {
        updates.push(message);
        return { status: 'sent' };
      },
    },
    mailer: {
      async send(_tenantId, message) {
        mail.push(message);
      },
    },
  };
  /** Sends what a press recorded, as the server does once it has answered, and resolves when that is done. */
  const sendAfterAnswer = async (pressed: { outboxIds: readonly string[] }) => {
    const dispatcher = new AfterAnswerDispatcher(deps);
    dispatcher.dispatch(TENANT, pressed.outboxIds);
    await dispatcher.idle();
  };
  return { ...world, officer: value.officer, lead: value.lead ?? undefined, deps, teams, mail, updates, sendAfterAnswer };
}

export type VisitWorld = Awaited<ReturnType<typeof visitWorld>>;
