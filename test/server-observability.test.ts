import { afterEach, expect, it } from '@jest/globals';
import type { Logger } from '../src/app/ports/logger.port.js';
import { anOfficer, personalMessage } from './support/builders.js';
import { startTestBot, type TestBot } from './support/bot.js';

const officer = anOfficer();

/** A logger keeping every line, as the operator's log collector would. */
function keptLines(): { logger: Logger; lines: Array<Record<string, unknown> & { msg?: string }> } {
  const lines: Array<Record<string, unknown> & { msg?: string }> = [];
  const line = (obj: object, msg?: string) => void lines.push({ ...obj, msg });
  return { logger: { debug: line, info: line, warn: line, error: line }, lines };
}

describe('what the server tells its operator', () => {
  let bot: TestBot | undefined;
  afterEach(async () => {
    await bot?.close();
    bot = undefined;
  });

  it("when jobs have run, then /healthz gives each job's latest due time run, when it ran and how it ended", async () => {
    bot = await startTestBot({ people: [officer] });
    const run = (job: string, dueAt: string, outcome: 'done' | 'failed') => ({ job, dueAt, startedAt: dueAt.replace(':00Z', ':05Z'), finishedAt: dueAt.replace(':00Z', ':09Z'), outcome });
    await bot.store.transact(async (tx) => {
      await tx.insert('jobRuns', bot!.tenantId, run('reminders', '2026-11-22T08:00:00Z', 'done'));
      await tx.insert('jobRuns', bot!.tenantId, run('reminders', '2026-11-23T08:00:00Z', 'failed'));
      await tx.insert('jobRuns', bot!.tenantId, run('digest', '2026-11-20T07:00:00Z', 'done'));
    }, { actor: 'test' });

    const res = await fetch(`${bot.url}/healthz`);

    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      storeReachable: true,
      jobs: [
        { job: 'digest', dueAt: '2026-11-20T07:00:00Z', startedAt: '2026-11-20T07:00:05Z', finishedAt: '2026-11-20T07:00:09Z', outcome: 'done' },
        { job: 'reminders', dueAt: '2026-11-23T08:00:00Z', startedAt: '2026-11-23T08:00:05Z', finishedAt: '2026-11-23T08:00:09Z', outcome: 'failed' },
      ],
    });
  });

  it('when two people write at once, then every log line of each request carries that request id, and nothing of what they typed', async () => {
    const { logger, lines } = keptLines();
    bot = await startTestBot({ people: [officer], logger });
    const send = (id: string, text: string) => bot!.post({ ...personalMessage(officer, text, { serviceUrl: bot!.connector.url, tenantId: bot!.tenantId }), id });

    await Promise.all([send('activity-one', 'whoami'), send('activity-two', 'a private remark about Mrs Smith')]);

    const ids = new Set(lines.filter((l) => l.msg !== undefined && 'requestId' in l).map((l) => l.requestId));
    expect(ids).toEqual(new Set(['activity-one', 'activity-two']));
    expect(JSON.stringify(lines)).not.toContain('Mrs Smith');
  });
});
