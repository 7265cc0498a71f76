import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActionPlan } from '../../src/domain/action-plan.js';
import { MemoryStore } from '../../src/store/memory.store.js';
import { aGovernorOf, aHeadteacherOf, anOfficer, aSchool } from '../support/builders.js';
import { CLI_TENANT, runCliOn } from '../support/cli-run.js';
import { aLivePlan, aMilestone, anActionPlan, oneActionWith } from '../support/plan-builders.js';

const SCHOOL = aSchool(0);
const OLIVIA = anOfficer('Olivia Officer');
const OSCAR = anOfficer('Oscar Other');
const HANNAH = aHeadteacherOf(SCHOOL, 'Hannah Head');
const DEE = aGovernorOf(SCHOOL, 'Dee Deputy');
const JAMIE = aGovernorOf(SCHOOL, 'Jamie Teacher');
const SUPPORT = 'Coaching in behaviour management, observed fortnightly';

/**
 * Oakwood's live school plan: agreed by Hannah (governing body) and Olivia (LA), Dee named as a delegate, a change by
 * Olivia, a milestone Dee confirmed that Olivia queried and Hannah answered. And an individual staff support plan for
 * Jamie, written by Oscar (not the link officer) with Hannah.
 */
async function world() {
  const store = new MemoryStore(() => new Date('2026-11-23T09:00:00Z'));
  const confirmed = aMilestone('m1', {
    due: '2026-11-20',
    status: 'met',
    confirmation: { outcome: 'met', evidence: 'Training log signed', by: DEE.id!, at: '2026-11-20T10:00:00Z' },
    queries: [{ text: 'Who signed it?', by: OLIVIA.id!, at: '2026-11-20T11:00:00Z', answer: { text: 'All six teachers', by: HANNAH.id!, at: '2026-11-20T12:00:00Z' } }],
  });
  const schoolPlan = aLivePlan(SCHOOL, {
    ...oneActionWith(confirmed),
    createdBy: OLIVIA.id!,
    delegateIds: [DEE.id!],
    agreement: { governingBodyMetOn: '2026-11-02', governingBodyRecordedBy: HANNAH.id!, governingBodyRecordedAt: '2026-11-02T16:00:00Z', laAgreedBy: OLIVIA.id!, laAgreedAt: '2026-11-03T10:00:00Z' },
    changes: [{ version: 3, by: OLIVIA.id!, at: '2026-11-10T10:00:00Z', what: ['Monitoring changed'] }],
  }, '2026-11-03');
  const individual = anActionPlan(SCHOOL, {
    id: 'plan-individual',
    kind: 'individual',
    title: 'Support for Jamie Teacher',
    createdBy: OSCAR.id!,
    officerId: OSCAR.id!,
    ...oneActionWith(aMilestone('i1', { target: SUPPORT })),
    agreement: { governingBodyMetOn: '2026-11-05', governingBodyRecordedBy: HANNAH.id!, governingBodyRecordedAt: '2026-11-05T16:00:00Z' },
  });
  await store.transact(async (tx) => {
    await tx.insert('schools', CLI_TENANT, SCHOOL);
    for (const p of [OLIVIA, OSCAR, HANNAH, DEE, JAMIE]) await tx.insert('people', CLI_TENANT, p);
    await tx.insert('actionPlans', CLI_TENANT, schoolPlan);
    await tx.insert('actionPlans', CLI_TENANT, individual);
  }, { actor: 'cli:admin' });
  return store;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-plan-dp-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function exported(store: MemoryStore, email: string): Promise<ActionPlan[]> {
  const file = join(dir, `${email}.json`);
  const { code, err } = await runCliOn(store, ['export-person', email, file]);
  expect(err).toBe('');
  expect(code).toBe(0);
  return (JSON.parse(await readFile(file, 'utf8')) as { collections: { actionPlans?: ActionPlan[] } }).collections.actionPlans ?? [];
}

describe('npm run cli -- export-person and erase-person, on action plans', () => {
  it('when the headteacher or the plan officer asks, then the plans naming them are in the file, the individual plan in full', async () => {
    const store = await world();
    const hannah = await exported(store, HANNAH.email);
    expect(hannah.map((p) => p.id).sort()).toEqual(['plan-110001', 'plan-individual']);
    expect(hannah.find((p) => p.kind === 'individual')).toMatchObject({ title: 'Support for Jamie Teacher', actions: [{ milestones: [{ target: SUPPORT }] }] });
    expect(hannah.find((p) => p.kind === 'school')!.actions[0]!.milestones[0]!.queries[0]!.answer).toMatchObject({ text: 'All six teachers', by: HANNAH.id });

    const oscar = await exported(store, OSCAR.email);
    expect(oscar.map((p) => p.id)).toEqual(['plan-individual']);
    expect(oscar[0]!.title).toBe('Support for Jamie Teacher');
  });

  it('when a delegate or the link officer asks, then the school plan they confirmed, queried or agreed is there; the individual plan is not theirs', async () => {
    const store = await world();
    const dee = await exported(store, DEE.email);
    expect(dee.map((p) => p.id)).toEqual(['plan-110001']);
    expect(dee[0]!.actions[0]!.milestones[0]!.confirmation).toMatchObject({ by: DEE.id, evidence: 'Training log signed' });
    const olivia = await exported(store, OLIVIA.email);
    expect(olivia.map((p) => p.id)).toEqual(['plan-110001']);
  });

  it('when the member of staff an individual plan is about asks, then it comes as its frame only, every word written in it redacted', async () => {
    const store = await world();
    const jamie = await exported(store, JAMIE.email);
    expect(jamie).toHaveLength(1);
    expect(jamie[0]).toMatchObject({ id: 'plan-individual', kind: 'individual', title: '[redacted]', actions: [{ text: '[redacted]', milestones: [{ target: '[redacted]', due: '2027-01-15' }] }] });
    expect(JSON.stringify(jamie)).not.toContain(SUPPORT);
  });

  it('when a delegate or the headteacher is erased, then the plans stay and validate, with a placeholder wherever they were named', async () => {
    const store = await world();
    for (const who of [DEE, HANNAH]) {
      const { code, out } = await runCliOn(store, ['erase-person', who.email, '--confirm']);
      expect(code).toBe(0);
      expect(out).toContain('actionPlans');
    }
    const plan = (await store.get('actionPlans', CLI_TENANT, 'plan-110001'))!;
    const individual = (await store.get('actionPlans', CLI_TENANT, 'plan-individual'))!;
    const all = JSON.stringify([plan, individual]);
    for (const who of [DEE, HANNAH]) {
      expect(all).not.toContain(who.id);
      expect(all).not.toContain(who.email);
      expect(all).not.toContain(who.name);
    }
    const m1 = plan.actions[0]!.milestones[0]!;
    expect(plan.delegateIds).toEqual([m1.confirmation!.by]);
    expect(m1.confirmation!.by).toMatch(/^erased-/);
    expect(m1.queries[0]!.answer!.by).toBe(plan.agreement.governingBodyRecordedBy);
    expect(plan.agreement.governingBodyRecordedBy).toMatch(/^erased-/);
    expect(individual.agreement.governingBodyRecordedBy).toBe(plan.agreement.governingBodyRecordedBy);
    // What was not theirs is untouched.
    expect(plan).toMatchObject({ createdBy: OLIVIA.id, agreement: { laAgreedBy: OLIVIA.id }, changes: [{ by: OLIVIA.id }] });
    expect(m1.queries[0]!.by).toBe(OLIVIA.id);
  });

  it('when the officer who wrote an individual plan is erased, then its officer and author read as the placeholder', async () => {
    const store = await world();
    expect((await runCliOn(store, ['erase-person', OSCAR.email, '--confirm'])).code).toBe(0);
    const individual = (await store.get('actionPlans', CLI_TENANT, 'plan-individual'))!;
    expect(individual.officerId).toMatch(/^erased-/);
    expect(individual.createdBy).toBe(individual.officerId);
    expect(individual.title).toBe('Support for Jamie Teacher');
  });
});
