import { NotAllowedError, ConflictError } from '../../src/domain/errors.js';
import {
  actionsFor,
  areaKey,
  assertMay,
  describeStage,
  feedbackOverdue,
  isSignedOff,
  JudgementInputSchema,
  judgementOf,
  maySubmit,
  selfEvaluationAreasFor,
  selfEvaluationRequirement,
  type SelfEvaluation,
  type SelfEvaluationAction,
  type SelfEvaluationViewer,
} from '../../src/domain/self-evaluation.js';
import { headteacherOf, isSchoolHeadteacher, linkOfficerOf } from '../../src/domain/school-roles.js';

type Stage = Pick<SelfEvaluation, 'status' | 'judgement' | 'headteacherSignature' | 'feedbackGiven'>;
const judgement = (decision: 'agreed' | 'challenged') =>
  judgementOf(JudgementInputSchema.parse({ decision, comments: 'Attendance evidence thin', feedbackDueOn: '2026-12-18' }), 'officer-1', '2026-11-23T10:00:00Z');
const signature = { personId: 'head-1', at: '2026-11-24T10:00:00Z' };

const stages: Record<string, Stage> = {
  submitted: { status: 'submitted' },
  agreed: { status: 'agreed', judgement: judgement('agreed') },
  challenged: { status: 'challenged', judgement: judgement('challenged') },
  /** Signed under the old rule that let a challenge be signed: still not signed off. */
  challengedAndSigned: { status: 'challenged', judgement: judgement('challenged'), headteacherSignature: signature },
  agreedAndSigned: { status: 'agreed', judgement: judgement('agreed'), headteacherSignature: signature },
  signedWithFeedback: { status: 'agreed', judgement: judgement('agreed'), headteacherSignature: signature, feedbackGiven: { personId: 'officer-1', on: '2026-12-01' } },
};

describe('selfEvaluationRequirement', () => {
  it.each([
    ['maintained', 'required'],
    ['academy', 'invited'],
    ['other', 'invited'],
  ] as const)('when the school is %s, then a self-evaluation is %s', (governance, expected) => {
    expect(selfEvaluationRequirement({ governance })).toBe(expected);
  });
});

describe('selfEvaluationAreasFor', () => {
  it.each([
    ['Primary', false, ['early years']],
    ['Secondary', true, ['sixth form']],
    ['Secondary', false, []],
    ['All-through', true, ['early years', 'sixth form']],
  ])('when the phase is %s (sixth form %s), then the stage areas are %j', (phase, hasSixthForm, expected) => {
    const areas = selfEvaluationAreasFor({ phase, hasNursery: false, hasSixthForm });
    expect(areas.filter((a) => a === 'early years' || a === 'sixth form')).toEqual(expected);
    expect(areas).toContain('curriculum and teaching');
  });

  it('when the areas are configured, then the configured list is used', () => {
    expect(selfEvaluationAreasFor({ phase: 'Secondary', hasNursery: false, hasSixthForm: false }, ['reading', 'early years'])).toEqual(['reading']);
  });

  it('when an area has spaces and punctuation, then its key is form-safe', () => {
    expect(areaKey('personal development and well-being')).toBe('personal-development-and-well-being');
  });
});

describe('sign-off: who may do what, and when', () => {
  it.each<[string, SelfEvaluationViewer, SelfEvaluationAction[]]>([
    ['submitted', 'officer', ['agree', 'challenge']],
    ['submitted', 'headteacher', []],
    ['submitted', 'other', []],
    ['agreed', 'headteacher', ['sign']],
    ['agreed', 'officer', ['feedbackGiven']],
    ['challenged', 'headteacher', []],
    ['challengedAndSigned', 'headteacher', []],
    ['agreedAndSigned', 'headteacher', []],
    ['agreedAndSigned', 'officer', ['feedbackGiven']],
    ['signedWithFeedback', 'officer', []],
    ['agreedAndSigned', 'other', []],
  ])('when %s, then the %s sees %j', (stage, viewer, expected) => {
    expect(actionsFor(stages[stage]!, viewer)).toEqual(expected);
  });

  it.each<[string, SelfEvaluationViewer, SelfEvaluationAction, typeof NotAllowedError | typeof ConflictError]>([
    ['submitted', 'headteacher', 'agree', NotAllowedError],
    ['submitted', 'other', 'challenge', NotAllowedError],
    ['agreed', 'officer', 'sign', NotAllowedError],
    ['agreed', 'other', 'sign', NotAllowedError],
    ['submitted', 'headteacher', 'sign', ConflictError],
    ['agreed', 'officer', 'agree', ConflictError],
    ['agreedAndSigned', 'headteacher', 'sign', ConflictError],
    ['challenged', 'headteacher', 'sign', ConflictError],
  ])('when %s and the %s tries to %s, then it is refused', (stage, viewer, action, error) => {
    expect(() => assertMay(stages[stage]!, viewer, action)).toThrow(error);
  });

  it.each([
    [undefined, true],
    ['submitted', true],
    ['challenged', true],
    ['challengedAndSigned', true],
    ['agreed', false],
    ['agreedAndSigned', false],
  ])('when %s, then the headteacher may (re)submit: %s', (stage, expected) => {
    expect(maySubmit(stage ? stages[stage] : undefined)).toBe(expected);
  });

  it.each([
    ['agreed', false],
    ['agreedAndSigned', true],
    ['challenged', false],
    ['challengedAndSigned', false],
  ])('when %s, then it is signed off: %s', (stage, expected) => {
    expect(isSignedOff(stages[stage]!)).toBe(expected);
  });

  it('when the stages are described, then each says what it waits for', () => {
    expect(describeStage(stages.submitted!)).toBe('awaiting the link officer');
    expect(describeStage(stages.challenged!)).toBe("challenged, awaiting the school's revision");
    expect(describeStage(stages.challengedAndSigned!)).toBe("challenged, awaiting the school's revision");
    expect(describeStage(stages.agreedAndSigned!)).toBe('agreed and signed');
  });
});

describe('judgement', () => {
  it('when agreed, then it is accurate and robust, with further challenge only if asked for', () => {
    expect(judgement('agreed')).toMatchObject({ accurateAndRobust: true, furtherChallenge: false });
    const j = judgementOf(JudgementInputSchema.parse({ decision: 'agreed', furtherChallenge: true, feedbackDueOn: '2026-12-18' }), 'o', '2026-11-23T10:00:00Z');
    expect(j).toMatchObject({ accurateAndRobust: true, furtherChallenge: true, comments: undefined });
  });

  it('when challenged, then it is not accurate and robust and further challenge is required', () => {
    expect(judgement('challenged')).toMatchObject({ accurateAndRobust: false, furtherChallenge: true });
  });

  it.each([
    [{ decision: 'challenged', feedbackDueOn: '2026-12-18' }, 'comments'],
    [{ decision: 'agreed', feedbackDueOn: '18/12/2026' }, 'feedbackDueOn'],
    [{ decision: 'agreed' }, 'feedbackDueOn'],
  ])('when %j, then the field %s is named', (input, field) => {
    const r = JudgementInputSchema.safeParse(input);
    expect(r.success || r.error.issues[0]!.path).toEqual([field]);
  });

  it.each([
    ['2026-12-18', false, false],
    ['2026-12-19', false, true],
    ['2026-12-19', true, false],
  ])('when today is %s (feedback given %s), then overdue is %s', (today, given, expected) => {
    const sef = { judgement: judgement('agreed'), feedbackGiven: given ? { personId: 'o', on: '2026-12-17' } : undefined };
    expect(feedbackOverdue(sef, today)).toBe(expected);
  });

  it('when nothing has been judged, then no feedback is overdue', () => {
    expect(feedbackOverdue({ judgement: undefined }, '2030-01-01')).toBe(false);
  });
});

describe('school roles', () => {
  const school = { urn: '100001', headteacherEmail: 'head@oak.sch.uk', linkOfficerEmail: 'lo@la.gov.uk' };
  const byRole = { id: 'p1', email: 'other@oak.sch.uk', roles: ['headteacher' as const], schools: ['100001'] };
  const byEmail = { id: 'p2', email: 'head@oak.sch.uk', roles: [], schools: [] };
  const otherHead = { id: 'p3', email: 'head@elm.sch.uk', roles: ['headteacher' as const], schools: ['100002'] };
  const officer = { id: 'p4', email: 'lo@la.gov.uk', roles: ['officer' as const], schools: [] };

  it('when a person holds the role for the URN or the register e-mail, then they are the headteacher', () => {
    expect([byRole, byEmail, otherHead, officer].map((p) => isSchoolHeadteacher(p, school))).toEqual([true, true, false, false]);
  });

  it('when both exist, then the role holder is the headteacher; otherwise the e-mail match', () => {
    expect(headteacherOf(school, [byEmail, byRole])?.id).toBe('p1');
    expect(headteacherOf(school, [byEmail, otherHead])?.id).toBe('p2');
    expect(headteacherOf({ urn: '100009' }, [byEmail, otherHead])).toBeUndefined();
  });

  it('when the link-officer e-mail names an officer, then that is the link officer; a non-officer is not', () => {
    expect(linkOfficerOf(school, [byRole, officer])?.id).toBe('p4');
    expect(linkOfficerOf({ linkOfficerEmail: 'head@oak.sch.uk' }, [byEmail])).toBeUndefined();
  });
});
