import { describe, expect, it } from '@jest/globals';
import { respondToCopy } from '../../../src/app/visits/respond-to-copy.js';
import type { Store } from '../../../src/app/ports/store.port.js';
import type { VisitCardSubmission, VisitDeps } from '../../../src/app/visits/edit-visit.js';
import { startVisit } from '../../../src/app/visits/start-visit.js';
import { submitVisit } from '../../../src/app/visits/submit-visit.js';
import { outboxJob } from '../../../src/jobs/outbox.job.js';
import { runDueJobs } from '../../../src/jobs/runner.js';
import { visitWorld, type VisitWorld } from './visit-world.js';

const ANSWERS = {
  'visit.visitedDate': '2026-11-19',
  visitKind: 'Support and challenge',
  focus: 'Attendance of pupils in receipt of free school meals',
  priority1: 'Persistent absence',
  priority1Rating: 'red',
  actionsAgreed: 'First-day calling from Monday (attendance lead)',
  'visit.tags.actionsAgreed': 'Support for vulnerable schools',
  nextVisitFocus: 'Absence figures for the half term',
};

async function aSubmission(w: VisitWorld): Promise<VisitCardSubmission> {
  const { visitId } = await startVisit(w.deps, w.tenantId, w.officer, { urn: w.oakwood.urn, templateId: 'sit-support-visit', plannedDate: '2026-11-19' }, 'start');
  return { visitId, version: 1, formId: 'form-1', values: ANSWERS };
}

/** The deps of a process that dies as soon as its first unit of work has committed: nothing after it runs. */
function dyingAfterCommit(w: VisitWorld): VisitDeps {
  const store = w.store;
  const dying: Store = {
    kind: store.kind,
    get: (...args) => store.get(...args),
    find: (...args) => store.find(...args),
    dump: () => store.dump(),
    restore: (dump) => store.restore(dump),
    close: () => store.close(),
    async transact(work, options) {
      await store.transact(work, options);
      throw new Error('the process died');
    },
  };
  return { ...w.deps, store: dying };
}

const runOutbox = (w: VisitWorld) => runDueJobs({ ...w.deps, tenantId: w.tenantId, jobs: [outboxJob] }, w.clock.now());

describe("the school's copy and the officer's notice, recorded with the change", () => {
  it('when the bot stops right after the submit commits, then the outbox job sends the copy, once, and the copy time is recorded', async () => {
    const w = await visitWorld();
    const submission = await aSubmission(w);
    await expect(submitVisit(dyingAfterCommit(w), w.tenantId, w.officer, submission)).rejects.toThrow('the process died');
    expect((await w.store.get('visits', w.tenantId, submission.visitId))!.status).toBe('submitted');
    expect(w.teams).toEqual([]);

    await runOutbox(w);
    await runOutbox(w);
    expect(w.teams).toEqual([expect.objectContaining({ to: expect.objectContaining({ name: 'Hannah Head' }), message: expect.objectContaining({ card: expect.objectContaining({ data: expect.objectContaining({ canRespond: true }) }) }) })]);
    expect((await w.store.get('visits', w.tenantId, submission.visitId))!.copySentAt).toBe('2026-11-23T10:00:00.000Z');
  });

  it('when the officer presses Submit again, before or after the bot stopped, then the copy goes once', async () => {
    const w = await visitWorld();
    const submission = await aSubmission(w);
    await expect(submitVisit(dyingAfterCommit(w), w.tenantId, w.officer, submission)).rejects.toThrow('the process died');
    await submitVisit(w.deps, w.tenantId, w.officer, submission);
    await runOutbox(w);
    expect(w.teams).toHaveLength(1);

    const again = await visitWorld();
    const first = await aSubmission(again);
    await submitVisit(again.deps, again.tenantId, again.officer, first);
    await submitVisit(again.deps, again.tenantId, again.officer, first);
    await runOutbox(again);
    expect(again.teams).toHaveLength(1);
  });

  it('when the outbox holds the copy and the officer is told of the answer, then no answer or dispute comment is stored in it', async () => {
    const w = await visitWorld();
    const submission = await aSubmission(w);
    await w.sendAfterAnswer(await submitVisit(w.deps, w.tenantId, w.officer, submission));
    await w.sendAfterAnswer(await respondToCopy(w.deps, w.tenantId, w.head, { visitId: submission.visitId, verdict: 'disputed', comment: 'The rating of absence was agreed as amber' }));
    expect(w.teams.at(-1)).toMatchObject({ to: { name: 'Olive Officer' }, message: { text: expect.stringContaining('disputed it: "The rating of absence was agreed as amber"') } });

    const outbox = JSON.stringify(await w.store.find('outbox', w.tenantId));
    for (const text of [ANSWERS.focus, ANSWERS.actionsAgreed, ANSWERS.priority1, 'agreed as amber']) expect(outbox).not.toContain(text);
    // A second press tells the officer nothing more.
    await w.sendAfterAnswer(await respondToCopy(w.deps, w.tenantId, w.head, { visitId: submission.visitId, verdict: 'disputed', comment: 'The rating of absence was agreed as amber' }));
    expect(w.teams.filter((m) => m.to.name === 'Olive Officer')).toHaveLength(1);
  });

  it('when the headteacher is known by the register e-mail only (no role), then they get the copy with Accurate and may answer it', async () => {
    const w = await visitWorld();
    await w.store.transact((tx) => tx.update('people', w.tenantId, w.head.id, 'any', { roles: [], schools: [] }).then(() => undefined), { actor: 'test' });
    const head = (await w.store.get('people', w.tenantId, w.head.id))!;
    const submission = await aSubmission(w);
    await w.sendAfterAnswer(await submitVisit(w.deps, w.tenantId, w.officer, submission));
    expect(w.teams).toEqual([expect.objectContaining({ to: expect.objectContaining({ name: 'Hannah Head' }), message: expect.objectContaining({ card: expect.objectContaining({ data: expect.objectContaining({ canRespond: true }) }) }) })]);

    const answered = await respondToCopy(w.deps, w.tenantId, head, { visitId: submission.visitId, verdict: 'accurate' });
    await w.sendAfterAnswer(answered);
    expect(answered.view).toMatchObject({ canRespond: false, response: { verdict: 'accurate', byName: 'Hannah Head' } });
    expect(w.teams.at(-1)).toMatchObject({ to: { name: 'Olive Officer' }, message: { text: expect.stringContaining('marked it accurate') } });
  });

  it('when the copy waits in the outbox and the person has since left the school, then it is not sent to them', async () => {
    const w = await visitWorld();
    const submission = await aSubmission(w);
    await expect(submitVisit(dyingAfterCommit(w), w.tenantId, w.officer, submission)).rejects.toThrow('the process died');
    await w.store.transact((tx) => tx.update('people', w.tenantId, w.head.id, 'any', { roles: [], schools: [], email: 'hannah@elsewhere.example.org' }).then(() => undefined), { actor: 'test' });
    await runOutbox(w);
    expect(w.teams.map((m) => m.to.name)).toEqual(['Olive Officer']);
    expect(w.teams[0]!.message.text).toContain("I couldn't deliver the school's copy of the visit note for Oakwood Primary School to Hannah Head after 1 try");
    expect((await w.store.find('outbox', w.tenantId)).map((i) => [i.status, i.lastError])).toEqual([['failed', "Hannah Head may no longer read this school's visit notes"]]);
  });

  it('when the bot stops right after the headteacher answers, then the outbox job tells the officer', async () => {
    const w = await visitWorld();
    const submission = await aSubmission(w);
    await w.sendAfterAnswer(await submitVisit(w.deps, w.tenantId, w.officer, submission));
    await expect(respondToCopy(dyingAfterCommit(w), w.tenantId, w.head, { visitId: submission.visitId, verdict: 'accurate' })).rejects.toThrow('the process died');
    expect((await w.store.get('visits', w.tenantId, submission.visitId))!.schoolResponse).toMatchObject({ verdict: 'accurate' });
    expect(w.teams.filter((m) => m.to.name === 'Olive Officer')).toEqual([]);

    await runOutbox(w);
    expect(w.teams.filter((m) => m.to.name === 'Olive Officer')).toEqual([expect.objectContaining({ message: expect.objectContaining({ text: expect.stringContaining('marked it accurate') }) })]);
  });
});
