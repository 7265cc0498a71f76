import { localDate } from '../../domain/academic-year.js';
import { firstContactReminders } from '../../domain/first-contact.js';
import type { DeliveryDeps } from '../delivery/attempt.js';
import { deliver } from '../delivery/deliver.js';
import { mailHtml } from '../notices/mail-html.js';

/**
 * The first contact of term: in the first two weeks of each term, the link officer of every school in an Ofsted
 * category with no strategy meeting in that window is reminded to visit or contact it, once per school per term
 * (the reminder's key). A school with no link officer registered is counted, not sent.
 */
export async function remindFirstContacts(deps: DeliveryDeps, tenantId: string, at: Date): Promise<{ due: number; sent: number; noLinkOfficer: number }> {
  const [schools, meetings, people] = await Promise.all([deps.store.find('schools', tenantId), deps.store.find('strategyMeetings', tenantId), deps.store.find('people', tenantId)]);
  const due = firstContactReminders(schools, meetings, localDate(at, deps.timeZone));
  const report = { due: due.length, sent: 0, noLinkOfficer: 0 };
  for (const r of due) {
    const officer = r.linkOfficerEmail ? people.find((p) => p.email === r.linkOfficerEmail) : undefined;
    if (!officer) {
      report.noLinkOfficer += 1;
      continue;
    }
    const text =
      `First contact of the ${r.term} term: ${r.schoolName} (URN ${r.schoolUrn}) is in an Ofsted category and has no strategy meeting ` +
      `between ${r.windowStart} and ${r.windowEnd}. Please visit or contact the school by ${r.windowEnd} to confirm the priorities of its action plan.`;
    const outcome = await deliver(deps, {
      tenantId,
      to: { person: officer.id },
      content: { kind: 'message', message: { text }, mail: { subject: `First contact of term: ${r.schoolName}`, html: mailHtml(`First contact of term: ${r.schoolName}`, [text]) } },
      about: `the first contact of term with ${r.schoolName}`,
      idempotencyKey: r.key,
    });
    if (outcome.status !== 'sent' || !outcome.replayed) report.sent += 1;
  }
  return report;
}
