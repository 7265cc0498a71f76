import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStore } from '../../src/store/memory.store.js';
import { CLI_TENANT, runCliOn } from '../support/cli-run.js';
import { aSchool } from '../support/builders.js';
import { aLivePlan } from '../support/plan-builders.js';

const HEADER = 'priority,action,owner,ownerName,successCriteria,schoolResources,laSupport,milestone target,due';
const ROWS = [
  'Raise attainment in reading,Daily phonics catch-up,school,Priya Patel,Four in five read at their age,Two teaching assistants,,Reading ages up by three months,04/12/2026',
  'Raise attainment in reading,Daily phonics catch-up,school,Priya Patel,Four in five read at their age,Two teaching assistants,,Reading ages up by six months,2027-02-12',
  'Improve attendance,Attendance panel,la,Olivia Officer,Persistent absence below 15%,,officerTime;Support for the governing body,Every family met,2026-12-18',
];

let dir: string;
let store: MemoryStore;
const oakwood = aSchool(0);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-plan-'));
  store = new MemoryStore();
  await store.transact(async (tx) => void (await tx.insert('schools', CLI_TENANT, oakwood)), { actor: 'test' });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}
const plans = () => store.find('actionPlans', CLI_TENANT);

describe('npm run cli -- plan import <school> <file>', () => {
  it('when a CSV has one row per milestone, then the school gets a draft plan grouped by priority and action, and a re-import replaces the draft', async () => {
    const csv = await file('plan.csv', [HEADER, ...ROWS].join('\n'));
    const { code, out, err } = await runCliOn(store, ['plan', 'import', 'Oakwood', csv]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('Imported the action plan for Oakwood Primary School (110001) as a draft: 2 priorities, 2 actions, 3 milestones.');
    const [plan] = await plans();
    // Started by no person the bot knows: the audit names who ran the import.
    expect(plan).toMatchObject({ status: 'draft', kind: 'school', createdBy: 'system' });
    expect((await store.find('audit', CLI_TENANT, { action: 'actionPlan.imported' })).map((e) => e.actor)).toEqual(['cli:tester']);
    expect(plan!.priorities.map((p) => p.text)).toEqual(['Raise attainment in reading', 'Improve attendance']);
    expect(plan!.actions[0]!.milestones.map((m) => m.due)).toEqual(['2026-12-04', '2027-02-12']);
    expect(plan!.actions[1]).toMatchObject({ owner: 'la', laSupport: ['officerTime', 'governingBody'], priorityId: plan!.priorities[1]!.id });

    const again = await runCliOn(store, ['plan', 'import', oakwood.urn, await file('again.csv', [HEADER, ROWS[0]].join('\n'))]);
    expect(again.out).toContain('as a draft, replacing the earlier draft: 1 priority, 1 action, 1 milestone.');
    expect(await plans()).toHaveLength(1);
  });

  it('when a row is bad, then the CLI exits 1 naming the row and the box, and nothing is stored', async () => {
    const bad = await file('bad.csv', [HEADER, ROWS[0], ROWS[1]!.replace('2027-02-12', '31/02/2027'), ROWS[2]!.replace(',la,', ',trust,')].join('\n'));
    const { code, out, err } = await runCliOn(store, ['plan', 'import', oakwood.urn, bad]);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe('error: Row 3: Due date: not a real date (give it as YYYY-MM-DD or DD/MM/YYYY) (and 1 more problem). Nothing was imported.\n');
    expect(await plans()).toEqual([]);
  });

  it('when a JSON plan is imported, then it keeps its details and a priority with no actions yet; a bad milestone is named by where it is and nothing is stored', async () => {
    const plan = {
      title: 'Raising reading',
      monitoring: 'Headteacher and link officer at each strategy meeting',
      reviewDates: ['2027-01-15'],
      priorities: [{ text: 'Improve attendance', actions: [] }, { text: 'Raise attainment in reading', actions: [{ text: 'Daily phonics', owner: 'school', ownerName: 'Priya Patel', successCriteria: 'Four in five read at their age', laSupport: ['pupilTracking'], milestones: [{ target: 'Reading ages up', due: '2027-01-22' }] }] }],
    };
    const bad = structuredClone(plan);
    bad.priorities[1]!.actions[0]!.milestones[0]!.due = 'next week';
    const refused = await runCliOn(store, ['plan', 'import', oakwood.urn, await file('bad.json', JSON.stringify(bad))]);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe('error: Priority 2, action 1, milestone 1: Due date: give a date as YYYY-MM-DD or DD/MM/YYYY. Nothing was imported.\n');
    expect(await plans()).toEqual([]);

    const { code } = await runCliOn(store, ['plan', 'import', oakwood.urn, await file('plan.json', JSON.stringify(plan))]);
    expect(code).toBe(0);
    // A priority with no actions yet is kept.
    expect((await plans())[0]!.priorities.map((p) => p.text)).toEqual(['Improve attendance', 'Raise attainment in reading']);
    expect((await plans())[0]).toMatchObject({ title: 'Raising reading', monitoring: 'Headteacher and link officer at each strategy meeting', reviewDates: ['2027-01-15'], actions: [{ laSupport: ['pupilTracking'], milestones: [{ target: 'Reading ages up', due: '2027-01-22' }] }] });
  });

  it('when a JSON plan’s actions also name a priority id (empty, or one of another plan), then each action stays under the priority the file puts it in', async () => {
    const action = (text: string, priorityId: string) => ({ text, priorityId, owner: 'school', ownerName: 'Priya Patel', successCriteria: 'Four in five read at their age', milestones: [] });
    const plan = { priorities: [{ text: 'Raise attainment in reading', actions: [action('Daily phonics', '')] }, { text: 'Improve attendance', actions: [action('Attendance panel', 'copied-from-another-plan')] }] };
    const { code } = await runCliOn(store, ['plan', 'import', oakwood.urn, await file('plan.json', JSON.stringify(plan))]);
    expect(code).toBe(0);
    const [stored] = await plans();
    expect(stored!.actions.map((a) => [a.text, stored!.priorities.find((p) => p.id === a.priorityId)?.text])).toEqual([
      ['Daily phonics', 'Raise attainment in reading'],
      ['Attendance panel', 'Improve attendance'],
    ]);
  });

  it('when the school’s plan is live, then an import is refused saying so, and the live plan is untouched', async () => {
    await store.transact(async (tx) => void (await tx.insert('actionPlans', CLI_TENANT, aLivePlan(oakwood))), { actor: 'test' });
    const before = await plans();
    const { code, err } = await runCliOn(store, ['plan', 'import', oakwood.urn, await file('plan.csv', [HEADER, ...ROWS].join('\n'))]);
    expect(code).toBe(1);
    expect(err).toContain('The action plan for Oakwood Primary School is live since Friday 20 November 2026, agreed by both sides: an import cannot replace it.');
    expect(await plans()).toEqual(before);
  });
});
