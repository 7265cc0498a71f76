import { featureComposers } from '../../src/app/notices/composers.js';
import { runReminders } from '../../src/jobs/reminders.job.js';
import { notifyPersonBy } from '../../src/app/delivery/notify-person.js';
import { silentLogger } from '../../src/app/ports/logger.port.js';
import type { Messenger, OutgoingMessage, Recipient } from '../../src/app/ports/messenger.port.js';
import { openHealthCheck } from '../../src/app/health-checks/open-health-check.js';
import { submitHealthCheck } from '../../src/app/health-checks/submit-health-check.js';
import { fixedClock } from '../../src/app/ports/clock.port.js';
import { schoolWorld } from '../app/school-world.js';

/** A Messenger that reaches everyone with an Entra id, and records what it sent. */
function recordingMessenger() {
  const sent: Array<{ to: Recipient; message: OutgoingMessage }> = [];
  const messenger: Messenger = {
    async sendToPerson(_tenantId, to, message) {
      if (!to.aadObjectId) return { status: 'unreachable', reason: 'no Teams account' };
      sent.push({ to, message });
      return { status: 'sent', activityId: `a${sent.length}` };
    },
    async sendToChannel() {
      return { status: 'unreachable', reason: 'no channels here' };
    },
    async updateMessage() {
      return { status: 'unreachable', reason: 'no cards here' };
    },
  };
  return { messenger, sent };
}

describe('reminders job', () => {
  it('when run several times in a week and again a week later, then the headteacher gets one reminder a week', async () => {
    const w = await schoolWorld('2026-11-10T10:00:00Z');
    const opened = await openHealthCheck(w.store, w.tenantId, w.clock, w.timeZone, w.officer, '100001');
    if (opened.kind !== 'form') throw new Error('expected a form');
    const areas = opened.form.areas.map((a) => ({ area: a.id, rating: 'green', evidence: 'Seen' }));
    await submitHealthCheck({ ...w }, w.tenantId, w.officer, { urn: '100001', heldOn: opened.form.heldOn, earlyYearsOrSixthForm: opened.form.stageChoice, areas }, 'hc');

    const { messenger, sent } = recordingMessenger();
    const deps = (at: string) => ({
      store: w.store,
      tenantId: w.tenantId,
      timeZone: w.timeZone,
      logger: silentLogger,
      notify: notifyPersonBy({ store: w.store, messenger, clock: fixedClock(at), logger: silentLogger, timeZone: w.timeZone, composers: featureComposers() }),
    });
    expect(await runReminders(deps('2026-11-16T08:00:00Z'), new Date('2026-11-16T08:00:00Z'))).toMatchObject({ due: 0 });
    for (const at of ['2026-11-17T08:00:00Z', '2026-11-17T12:00:00Z', '2026-11-18T08:00:00Z']) await runReminders(deps(at), new Date(at));
    expect(sent).toHaveLength(1);
    const weekLater = await runReminders(deps('2026-11-24T08:00:00Z'), new Date('2026-11-24T08:00:00Z'));
    expect(weekLater).toEqual({ due: 1, sent: 1, queued: 0, undeliverable: 0 });
    expect(sent.map((s) => s.to.email)).toEqual(['hannah.head@oakwood.sch.uk', 'hannah.head@oakwood.sch.uk']);
    expect(sent[0]!.message.text).toContain('waiting for your acknowledgement');
    expect(sent[0]!.message.card).toMatchObject({ name: 'health-check-summary', data: { canAcknowledge: true } });
  });
});
