import type { Composer } from '../delivery/composer.js';
import { longCalendarDate } from '../../domain/human-date.js';
import { mailHtml } from '../notices/mail-html.js';
import { healthCheckView, HOW_TO_ACKNOWLEDGE, namesOf } from './health-check-view.js';

/** The composer name the headteacher's notice is stored under in the outbox. */
export const HEALTH_CHECK_NOTICE_COMPOSER = 'healthCheck.notice';

/**
 * The headteacher's notice of a health check, built when it is sent from the check as stored (the outbox holds
 * only its id, never the evidence): the summary card with Acknowledge, as the recipient sees it, and the same
 * summary by e-mail, saying what to type in Teams.
 */
export const composeHealthCheckNotice: Composer = async (deps, tenantId, ref, to) => {
  const check = ref.checkId ? await deps.store.get('healthChecks', tenantId, ref.checkId) : undefined;
  if (!check) return { undeliverable: 'the health check no longer exists' };
  const school = (await deps.store.find('schools', tenantId, { urn: check.urn }))[0];
  if (!school) return { undeliverable: `the school ${check.urn} is no longer in the register` };
  const view = healthCheckView(check, school, namesOf(await deps.store.find('people', tenantId)), to.person, deps.timeZone);
  const rows = [
    ...view.areas.map((a) => [a.title, `${a.rating.toUpperCase()}: ${a.evidence}${a.requiredAction ? ` Action required: ${a.requiredAction}` : ''}`] as const),
    ...view.notApplicable.map((title) => [title, 'Not applicable'] as const),
  ];
  return {
    message: { text: `Health check for ${school.name} held on ${longCalendarDate(check.heldOn)}: please acknowledge it.`, card: { name: 'health-check-summary', data: view } },
    mail: {
      subject: `Health check for ${school.name}: please acknowledge`,
      html: mailHtml(`Health check for ${school.name}, ${view.heldOn}`, [`${view.officerName} held the school's health check. Overall: ${view.overall.toUpperCase()}.`, HOW_TO_ACKNOWLEDGE], rows),
    },
    // How the headteacher was told, on the check: plumbing beside the record ('any' version, nothing a person edits).
    afterSent: async (via) => {
      await deps.store.transact((tx) => tx.update('healthChecks', tenantId, check.id, 'any', { notice: via }).then(() => undefined), { actor: 'system' });
    },
  };
};
