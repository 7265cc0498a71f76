import { describe, expect, it } from '@jest/globals';
import { applyPlanEdit, type PlanContent } from '../../src/domain/action-plan-edits.js';
import { ActionInputSchema, MilestoneInputSchema, parsePlanInput, TypedDateSchema } from '../../src/domain/action-plan-inputs.js';
import { agreeForLa, agreementAfterDraftEdit, recordGoverningBodyAgreement } from '../../src/domain/action-plan-agreement.js';
import { ConflictError, InvalidInputError, NotAllowedError } from '../../src/domain/errors.js';

const TZ = 'Europe/London';
let n = 0;
const newId = () => `new-${++n}`;

const plan: PlanContent = {
  title: 'Action plan',
  priorities: [
    { id: 'p1', text: 'Reading' },
    { id: 'p2', text: 'Attendance' },
  ],
  actions: [
    { id: 'a1', priorityId: 'p1', text: 'Phonics', owner: 'school', ownerName: 'Priya', successCriteria: 'All read', laSupport: [], milestones: [
      { id: 'm1', target: 'Reading ages up', due: '2026-12-03', status: 'notStarted', queries: [] },
      { id: 'm2', target: 'Half the gap closed', due: '2027-01-15', status: 'notStarted', queries: [] },
    ] },
    { id: 'a2', priorityId: 'p2', text: 'Panel', owner: 'la', ownerName: 'Olivia', successCriteria: 'Below 15%', laSupport: ['officerTime'], milestones: [] },
    { id: 'a3', priorityId: 'p1', text: 'Library', owner: 'school', ownerName: 'Sam', successCriteria: 'Open daily', laSupport: [], milestones: [] },
  ],
  reviewDates: [],
};

describe('typed plan input', () => {
  it.each([
    ['2027-01-22', '2027-01-22'],
    ['22/01/2027', '2027-01-22'],
    ['3/2/2027', '2027-02-03'],
  ])('reads the date %s as %s', (typed, iso) => expect(TypedDateSchema.parse(typed)).toBe(iso));

  it.each([
    [{ target: 'x', due: '31/02/2027' }, 'Due date: not a real date (give it as YYYY-MM-DD or DD/MM/YYYY).'],
    [{ target: 'x', due: 'soon' }, 'Due date: give a date as YYYY-MM-DD or DD/MM/YYYY.'],
    [{ target: '', due: '2027-01-01' }, 'Milestone target: fill this in.'],
  ])('names the box by its label: %j', (typed, message) => {
    expect(() => parsePlanInput(MilestoneInputSchema, typed)).toThrow(new InvalidInputError(message));
  });

  it('reads LA support as keys or words, ; or , between, and names a kind it does not know', () => {
    const base = { text: 'a', owner: 'LA', ownerName: 'b', successCriteria: 'c' };
    expect(parsePlanInput(ActionInputSchema, { ...base, laSupport: 'officerTime,Support from experienced school leaders (NLEs, LLEs); support for the governing body' }).laSupport).toEqual([
      'officerTime',
      'experiencedLeaders',
      'governingBody',
    ]);
    expect(() => parsePlanInput(ActionInputSchema, { ...base, laSupport: 'a helicopter' }, 'Action')).toThrow('LA support: "a helicopter" is not one of the nine kinds of LA support.');
    expect(() => parsePlanInput(ActionInputSchema, { ...base, owner: 'trust' }, 'Action')).toThrow('Owned by (school or LA): say school or la.');
  });
});

describe('editing a plan', () => {
  it('says what changed in people’s words: a milestone’s due date and target', () => {
    const { what, patch } = applyPlanEdit(plan, { op: 'saveMilestone', id: 'm1', actionId: 'a1', input: { target: 'Reading ages up', due: '2026-12-10' } }, newId, TZ);
    expect(what).toEqual(["Milestone 'Reading ages up' due date 3 Dec → 10 Dec"]);
    expect(patch.actions![0]!.milestones[0]!.due).toBe('2026-12-10');
  });

  it('says nothing changed when nothing did', () => {
    expect(applyPlanEdit(plan, { op: 'savePriority', id: 'p1', input: { text: 'Reading' } }, newId, TZ).what).toEqual([]);
  });

  it('moves an action among its own priority’s actions, and refuses to move the first one up', () => {
    const { patch } = applyPlanEdit(plan, { op: 'move', item: 'action', id: 'a3', direction: 'up' }, newId, TZ);
    expect(patch.actions!.map((a) => a.id)).toEqual(['a3', 'a2', 'a1']);
    expect(() => applyPlanEdit(plan, { op: 'move', item: 'priority', id: 'p1', direction: 'up' }, newId, TZ)).toThrow(ConflictError);
  });

  it('keeps a removed priority’s actions, under no priority; removing an action takes its milestones', () => {
    const removed = applyPlanEdit(plan, { op: 'remove', item: 'priority', id: 'p1' }, newId, TZ);
    expect(removed.patch.actions!.filter((a) => !a.priorityId).map((a) => a.id)).toEqual(['a1', 'a3']);
    expect(applyPlanEdit(plan, { op: 'remove', item: 'action', id: 'a1' }, newId, TZ).what).toEqual(["Action 'Phonics' removed with its 2 milestones"]);
  });

  it('records the period and review dates as they read', () => {
    const { what } = applyPlanEdit(plan, { op: 'saveSettings', input: { title: 'Action plan', startsOn: '2026-12-01', endsOn: '2027-03-31', reviewDates: ['2027-02-01', '2027-01-10'] } }, newId, TZ);
    expect(what).toEqual(['Period not set – not set → 1 Dec – 31 Mar', 'Review dates none → 10 Jan, 1 Feb']);
  });
});

describe('agreeing a plan', () => {
  const school = { urn: '100001', headteacherEmail: 'head@oak.sch.uk' };
  const head = { id: 'head', roles: ['headteacher'], schools: ['100001'], email: 'head@oak.sch.uk' } as const;
  const officer = { id: 'officer', roles: ['officer'], schools: [], email: 'o@la.gov.uk' } as const;
  const draft = { kind: 'school' as const, status: 'draft' as const, agreement: {}, actions: plan.actions };

  it('goes live when both sides are in, for four months from that day', () => {
    const first = recordGoverningBodyAgreement(draft, school, { ...head, roles: [...head.roles], schools: [...head.schools] }, '2026-11-19', '2026-11-20T10:00:00Z', '2026-11-20');
    expect(first.wentLive).toBe(false);
    const second = agreeForLa({ ...draft, agreement: first.patch.agreement }, { ...officer, roles: [...officer.roles], schools: [] }, '2026-11-23T10:00:00Z', '2026-11-23');
    expect(second).toMatchObject({ wentLive: true, patch: { status: 'live', startsOn: '2026-11-23', endsOn: '2027-03-23' } });
  });

  it('refuses the wrong side, a future meeting, and a plan with no milestone', () => {
    const h = { ...head, roles: [...head.roles], schools: [...head.schools] };
    const o = { ...officer, roles: [...officer.roles], schools: [] };
    expect(() => recordGoverningBodyAgreement(draft, school, o, '2026-11-19', '2026-11-20T10:00:00Z', '2026-11-20')).toThrow(NotAllowedError);
    expect(() => agreeForLa(draft, h, '2026-11-20T10:00:00Z', '2026-11-20')).toThrow(NotAllowedError);
    expect(() => recordGoverningBodyAgreement(draft, school, h, '2026-11-21', '2026-11-20T10:00:00Z', '2026-11-20')).toThrow("Date of the governing body's meeting: it cannot be in the future.");
    expect(() => agreeForLa({ ...draft, actions: [plan.actions[1]!] }, o, '2026-11-20T10:00:00Z', '2026-11-20')).toThrow(ConflictError);
  });

  it('sets aside one side’s agreement when the draft changes after it', () => {
    expect(agreementAfterDraftEdit({ status: 'draft', agreement: { laAgreedBy: 'officer' } })).toEqual({ agreement: {}, setAside: true });
    expect(agreementAfterDraftEdit({ status: 'live', agreement: { laAgreedBy: 'officer' } }).setAside).toBe(false);
  });
});
