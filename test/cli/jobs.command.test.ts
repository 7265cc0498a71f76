import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { fixedClock } from '../../src/app/ports/clock.port.js';
import { runCli } from '../../src/cli/run-cli.js';
import { MemoryStore } from '../../src/store/memory.store.js';
import { aHeadteacherOf, anOfficer, aSchool, TEST_TENANT_ID } from '../support/builders.js';
import { startConnector, type FakeConnector } from '../support/connector.js';

describe('jobs run-due', () => {
  const oakwood = aSchool(0);
  const head = aHeadteacherOf(oakwood, 'Hannah Head');
  const officer = anOfficer('Olivia Officer');
  let connector: FakeConnector;
  let store: MemoryStore;

  beforeEach(async () => {
    connector = await startConnector();
    store = new MemoryStore();
    await store.transact(
      async (tx) => {
        await tx.insert('schools', TEST_TENANT_ID, oakwood);
        await tx.insert('people', TEST_TENANT_ID, head);
        await tx.insert('people', TEST_TENANT_ID, officer);
        await tx.insert('healthChecks', TEST_TENANT_ID, {
          urn: oakwood.urn,
          heldOn: '2026-11-10',
          officerId: officer.id!,
          areas: [{ area: 'safeguarding', rating: 'green', evidence: 'Single central record checked' }],
          headteacherId: head.id,
          status: 'awaitingAcknowledgement',
          submittedAt: '2026-11-10T15:00:00Z',
          notice: 'teams',
        });
      },
      { actor: 'test' },
    );
  });
  afterEach(() => connector.close());

  async function run(...argv: string[]) {
    let out = '';
    let err = '';
    const code = await runCli(['jobs', 'run-due', ...argv], {
      store,
      clock: fixedClock('2026-11-23T07:00:00Z'),
      env: { BOT_TENANT_ID: TEST_TENANT_ID, BOT_SERVICE_URL: connector.url, LOG_LEVEL: 'silent' },
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: (s: string) => (err += s) },
    });
    return { code, out, err };
  }

  const reminders = () => connector.activities.filter((a) => a.kind === 'send' && /waiting for your acknowledgement/.test(a.activity.text ?? ''));

  it('when run twice on a day and again the next, then the headteacher is reminded once a day in Teams', async () => {
    const first = await run('--at', '2026-11-23T07:00:00Z');
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toContain('Reminders at 2026-11-23T07:00:00.000Z: 1 due, 1 sent, 0 queued, 0 undeliverable.');
    expect(first.out).toContain('Outbox:');
    await run('--at', '2026-11-23T12:00:00Z');
    expect(reminders()).toHaveLength(1);
    await run('--at', '2026-11-24T07:00:00Z');
    expect(reminders()).toHaveLength(2);
    expect(connector.conversations[0]?.parameters.members).toEqual([{ id: head.aadObjectId }]);
  });

  it('when --at is not a date, then it exits 1 with one line and sends nothing', async () => {
    const bad = await run('--at', 'tomorrow');
    expect(bad.code).toBe(1);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toContain('--at tomorrow is not a date and time');
    expect(connector.activities).toEqual([]);
  });
});
