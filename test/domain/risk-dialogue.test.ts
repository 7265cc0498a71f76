import {
  answerRiskChange,
  assertMayAct,
  openRiskChange,
  proposeRiskChange,
  reviseRiskChange,
  riskActionsFor,
  withdrawRiskChange,
  type RiskAction,
} from '../../src/domain/risk-dialogue.js';
import { DEFAULT_RISK_SCALE, type RiskChange } from '../../src/domain/risk.js';
import { ConflictError, InvalidInputError, NotAllowedError } from '../../src/domain/errors.js';
import type { Role } from '../../src/domain/person.js';

const scale = DEFAULT_RISK_SCALE;
const school = { urn: '110001', riskLevel: 'medium', headteacherEmail: 'head@oak.example', linkOfficerEmail: 'link@la.example' };
const person = (id: string, roles: Role[], email = `${id}@x.example`, schools: string[] = []) => ({ id, roles, email, schools });
const people = {
  head: person('head', ['headteacher'], 'head@oak.example', ['110001']),
  otherHead: person('other-head', ['headteacher'], 'head@elm.example', ['110002']),
  proposer: person('proposer', ['officer']),
  link: person('link', ['officer'], 'link@la.example'),
  otherOfficer: person('other-officer', ['sit']),
  governor: person('governor', ['governor'], 'chair@oak.example', ['110001']),
};
const AT = '2026-11-23T10:00:00Z';
const TODAY = '2026-11-23';
const input = { level: 'high', criterion: 'notResponding' as const, evidence: 'Two terms of missed actions on attendance.', nextMonitoringMeetingOn: '2026-12-04' };
const change = (status: RiskChange['status']) => ({ id: 'rc-1', schoolUrn: '110001', status, proposedBy: 'proposer', proposedLevel: 'high' });

describe('who may do what, at each stage', () => {
  it.each<[RiskChange['status'], keyof typeof people, RiskAction[]]>([
    ['proposed', 'head', ['agree', 'dispute']],
    ['proposed', 'otherHead', []],
    ['proposed', 'governor', []],
    ['proposed', 'proposer', ['withdraw']],
    ['proposed', 'link', ['withdraw']],
    ['proposed', 'otherOfficer', []],
    ['disputed', 'head', []],
    ['disputed', 'proposer', ['revise', 'withdraw']],
    ['disputed', 'link', ['revise', 'withdraw']],
    ['disputed', 'otherOfficer', []],
    ['agreed', 'head', []],
    ['agreed', 'proposer', []],
    ['withdrawn', 'proposer', []],
    ['revised', 'link', []],
  ])('when the change is %s and %s looks at it, then they may %j', (status, who, actions) => {
    expect(riskActionsFor(change(status), school, people[who])).toEqual(actions);
  });

  it.each<[RiskChange['status'], keyof typeof people, RiskAction, typeof NotAllowedError | typeof ConflictError, string]>([
    ['proposed', 'otherHead', 'agree', NotAllowedError, "Only the school's headteacher can agree"],
    ['proposed', 'proposer', 'agree', NotAllowedError, "Only the school's headteacher can agree"],
    ['proposed', 'governor', 'dispute', NotAllowedError, "Only the school's headteacher"],
    ['proposed', 'otherOfficer', 'withdraw', NotAllowedError, 'Only the officer who proposed it'],
    ['proposed', 'head', 'withdraw', NotAllowedError, 'Only the officer who proposed it'],
    ['agreed', 'head', 'agree', ConflictError, 'This proposal is agreed'],
    ['proposed', 'proposer', 'revise', ConflictError, "waiting for the school's answer"],
    ['withdrawn', 'proposer', 'withdraw', ConflictError, 'withdrawn'],
  ])('when the change is %s and %s tries to %s, then it is refused', (status, who, action, kind, message) => {
    const attempt = () => assertMayAct(change(status), school, people[who], action);
    expect(attempt).toThrow(kind);
    expect(attempt).toThrow(message);
  });
});

describe('proposeRiskChange', () => {
  it('when an officer proposes a level with a fitting criterion, then the proposal waits for the school, the level unchanged', () => {
    expect(proposeRiskChange(scale, school, people.proposer, input, { atIso: AT, today: TODAY })).toEqual({
      schoolUrn: '110001',
      fromLevel: 'medium',
      proposedLevel: 'high',
      criterion: 'notResponding',
      evidence: input.evidence,
      nextMonitoringMeetingOn: '2026-12-04',
      proposedBy: 'proposer',
      proposedAt: AT,
      status: 'proposed',
      source: 'dialogue',
    });
  });

  it.each([
    ['a headteacher proposes', people.head, input, {}, NotAllowedError, 'Only a school improvement officer'],
    ['another proposal is open', people.proposer, input, { openChange: { status: 'disputed' as const } }, ConflictError, 'already has a proposal'],
    ['the level is not on the scale', people.proposer, { ...input, level: 'severe' }, {}, InvalidInputError, 'low, medium, high, intensive'],
    ['the level is the present one', people.proposer, { ...input, level: 'medium', criterion: undefined }, {}, InvalidInputError, 'already at medium'],
    ['no start criterion is given for a concern level', people.proposer, { ...input, criterion: undefined }, {}, InvalidInputError, 'start criterion'],
    ['the monitoring meeting is past', people.proposer, { ...input, nextMonitoringMeetingOn: '2026-11-22' }, {}, InvalidInputError, 'today or later'],
  ])('when %s, then it is refused', (_what, who, proposal, extra, kind, message) => {
    const attempt = () => proposeRiskChange(scale, school, who, proposal, { atIso: AT, today: TODAY, ...extra });
    expect(attempt).toThrow(kind);
    expect(attempt).toThrow(message);
  });
});

describe('answerRiskChange, withdrawRiskChange and reviseRiskChange', () => {
  it('when the headteacher agrees, then the change is agreed and applied, and the school joins the list', () => {
    expect(answerRiskChange(scale, change('proposed'), school, people.head, { decision: 'agreed' }, AT)).toEqual({
      change: { status: 'agreed', answer: { personId: 'head', at: AT, decision: 'agreed' }, appliedAt: AT },
      school: { riskLevel: 'high', causingConcern: true },
    });
  });

  it('when the headteacher disputes with a comment, then it goes back to the officer and the level is not applied', () => {
    const answered = answerRiskChange(scale, change('proposed'), school, people.head, { decision: 'disputed', comment: 'The attendance plan is working.' }, AT);
    expect(answered).toEqual({ change: { status: 'disputed', answer: { personId: 'head', at: AT, decision: 'disputed', comment: 'The attendance plan is working.' } } });
  });

  it('when the headteacher disputes without a comment, then it is refused', () => {
    expect(() => answerRiskChange(scale, change('proposed'), school, people.head, { decision: 'disputed', comment: '  ' }, AT)).toThrow('Say why you dispute it');
  });

  it("when another school's headteacher presses Agree, then it is refused and nothing is returned to apply", () => {
    expect(() => answerRiskChange(scale, change('proposed'), school, people.otherHead, { decision: 'agreed' }, AT)).toThrow(NotAllowedError);
  });

  it('when the officer withdraws a disputed proposal, then it is closed as withdrawn', () => {
    expect(withdrawRiskChange(change('disputed'), school, people.proposer, AT)).toEqual({ status: 'withdrawn', closedBy: { personId: 'proposer', at: AT } });
  });

  it('when the link officer revises a disputed proposal, then the old one is closed as revised and a new one, pointing back, waits for the school', () => {
    const { closed, next } = reviseRiskChange(scale, change('disputed'), school, people.link, { ...input, level: 'intensive', criterion: 'challengingCircumstances' }, { atIso: AT, today: TODAY });
    expect(closed).toEqual({ status: 'revised', closedBy: { personId: 'link', at: AT } });
    expect(next).toMatchObject({ proposedLevel: 'intensive', criterion: 'challengingCircumstances', status: 'proposed', revises: 'rc-1', proposedBy: 'link' });
  });

  it('when an officer who neither proposed it nor links the school revises, then it is refused', () => {
    expect(() => reviseRiskChange(scale, change('disputed'), school, people.otherOfficer, input, { atIso: AT, today: TODAY })).toThrow(NotAllowedError);
  });

  it('then the open proposal of a school is found among its history', () => {
    const history = [
      { schoolUrn: '110001', status: 'revised' as const },
      { schoolUrn: '110002', status: 'proposed' as const },
      { schoolUrn: '110001', status: 'disputed' as const },
    ];
    expect(openRiskChange(history, '110001')).toBe(history[2]);
    expect(openRiskChange(history.slice(0, 1), '110001')).toBeUndefined();
  });
});
