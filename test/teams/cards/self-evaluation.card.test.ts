import { readSelfEvaluationSubmit, renderSelfEvaluationFormCard, type SelfEvaluationFormData } from '../../../src/teams/cards/self-evaluation-form.card.js';
import { renderSelfEvaluationCard, SignOffDataSchema, type SelfEvaluationCard } from '../../../src/teams/cards/self-evaluation.card.js';
import { renderSelfEvaluationStatusCard } from '../../../src/teams/cards/self-evaluation-status.card.js';
import { actions, cardText, inputs, press, validateCard } from '../../support/cards.js';

const form: SelfEvaluationFormData = {
  urn: '110001',
  schoolName: 'Oakwood Primary School',
  academicYear: '2026/27',
  requirement: 'required',
  expectedVersion: 0,
  areas: [
    { key: 'inclusion', area: 'inclusion' },
    { key: 'curriculum-and-teaching', area: 'curriculum and teaching' },
  ],
};

describe('self-evaluation form card', () => {
  it('when rendered, then it validates with a report-card grade and evidence per area', () => {
    const card = validateCard(renderSelfEvaluationFormCard({ form, formId: 'f1' }));
    expect([...inputs(card).keys()]).toEqual(['inclusion.grade', 'inclusion.evidence', 'curriculum-and-teaching.grade', 'curriculum-and-teaching.evidence']);
    expect(inputs(card).get('inclusion.grade')?.choices).toEqual(['exceptional', 'strong standard', 'expected standard', 'needs attention', 'urgent improvement']);
    expect(cardText(card)).toContain('Required: maintained schools');
  });

  it('when submitted, then the grades are read by area', () => {
    const card = renderSelfEvaluationFormCard({ form, formId: 'f1' });
    const { data } = press(card, 'Submit self-evaluation', {
      'inclusion.grade': 'strong standard',
      'inclusion.evidence': 'SEND audit',
      'curriculum-and-teaching.grade': 'expected standard',
      'curriculum-and-teaching.evidence': 'Deep dives',
    });
    expect(readSelfEvaluationSubmit(data).submission).toEqual({
      urn: '110001',
      expectedVersion: 0,
      grades: [
        { area: 'inclusion', grade: 'strong standard', evidence: 'SEND audit' },
        { area: 'curriculum and teaching', grade: 'expected standard', evidence: 'Deep dives' },
      ],
    });
  });

  it('when sent back with a problem, then it names it and keeps what was typed; a revision shows the challenge', () => {
    const revising = { ...form, expectedVersion: 3, challenge: 'Attendance evidence is thin', areas: [{ ...form.areas[0]!, grade: 'exceptional', evidence: 'Before' }, form.areas[1]!] };
    const card = validateCard(
      renderSelfEvaluationFormCard({ form: revising, formId: 'f2', values: { 'inclusion.evidence': 'Typed now' }, error: { message: 'Choose a grade for curriculum and teaching', field: 'curriculum-and-teaching.grade' } }),
    );
    expect(inputs(card).get('inclusion.grade')?.value).toBe('exceptional');
    expect(inputs(card).get('inclusion.evidence')?.value).toBe('Typed now');
    expect(cardText(card)).toContain('Attendance evidence is thin');
    expect(cardText(card).split('Choose a grade for curriculum and teaching')).toHaveLength(3);
  });
});

describe('self-evaluation sign-off card', () => {
  const base: SelfEvaluationCard = {
    selfEvaluationId: '110001-2026',
    version: 2,
    urn: '110001',
    schoolName: 'Oakwood Primary School',
    academicYear: '2026/27',
    requirement: 'required',
    grades: [{ area: 'inclusion', grade: 'strong standard', evidence: 'SEND audit' }],
    status: 'submitted',
    stage: 'awaiting the link officer',
    submittedBy: 'Hannah Head',
    submittedOn: '2026-11-23',
    feedbackOverdue: false,
    history: [{ on: '2026-11-23', who: 'Hannah Head', event: 'submitted' }],
    viewer: 'officer',
    actions: ['agree', 'challenge'],
    defaultFeedbackDueOn: '2026-12-21',
    signerUserIds: ['29:head', '29:officer'],
  };

  it('when the officer sees it, then it validates, refreshes for both signers, and offers Agree and Challenge with the judgement inputs', () => {
    const card = validateCard(renderSelfEvaluationCard(base));
    expect(card.refresh).toEqual({
      action: { type: 'Action.Execute', title: 'Refresh', verb: 'selfEvaluation.refresh', data: { selfEvaluationId: '110001-2026' } },
      userIds: ['29:head', '29:officer'],
    });
    expect(actions(card).map((a) => a.title).filter((t) => t !== 'Refresh')).toEqual(['Agree', 'Challenge']);
    expect([...inputs(card).keys()]).toEqual(['feedbackDueOn', 'furtherChallenge', 'comments']);
    const pressed = press(card, 'Challenge', { comments: 'Attendance evidence thin' });
    expect(pressed.verb).toBe('selfEvaluation.challenge');
    expect(SignOffDataSchema.parse(pressed.data)).toEqual({ selfEvaluationId: '110001-2026', version: 2, feedbackDueOn: '2026-12-21', furtherChallenge: 'false', comments: 'Attendance evidence thin' });
  });

  it('when the headteacher sees it judged, then only Sign is offered; anyone else sees the status alone', () => {
    const judged: SelfEvaluationCard = {
      ...base,
      status: 'agreed',
      stage: "agreed, awaiting the headteacher's signature",
      judgement: { by: 'Olive Officer', on: '2026-11-23', decision: 'agreed', accurateAndRobust: true, furtherChallenge: false, feedbackDueOn: '2026-12-18' },
    };
    const head = validateCard(renderSelfEvaluationCard({ ...judged, viewer: 'headteacher', actions: ['sign'] }));
    expect(actions(head).map((a) => a.title).filter((t) => t !== 'Refresh')).toEqual(['Sign']);
    expect(cardText(head)).toContain('Olive Officer agreed it is accurate and robust on Monday 23 November 2026.');
    const other = validateCard(renderSelfEvaluationCard({ ...judged, viewer: 'other', actions: [], grades: [] }));
    expect(actions(other).map((a) => a.title)).toEqual(['Refresh']);
    expect(inputs(other).size).toBe(0);
  });

  it('when no signer has a known Teams id, then the refresh names nobody, so Teams refreshes for everyone in the chat', () => {
    const card = validateCard(renderSelfEvaluationCard({ ...base, signerUserIds: [] }));
    expect(card.refresh).not.toHaveProperty('userIds');
  });
});

describe('self-evaluation status card', () => {
  it('when rendered, then it validates and shows required or invited, progress and overdue feedback', () => {
    const card = validateCard(
      renderSelfEvaluationStatusCard({
        academicYear: '2026/27',
        rows: [
          { urn: '110001', schoolName: 'Oakwood Primary School', requirement: 'required', progress: 'agreed', signedOff: true, feedbackDueOn: '2026-11-01', feedbackGiven: false, feedbackOverdue: true },
          { urn: '110003', schoolName: 'Hillside Academy', requirement: 'invited', progress: 'not started', signedOff: false, feedbackGiven: false, feedbackOverdue: false },
        ],
      }),
    );
    const text = cardText(card);
    expect(text).toContain('1 required, 1 invited; 1 not started; 1 with feedback overdue.');
    expect(text).toContain('Agreed, signed');
    expect(text).toContain('Feedback due by 1 Nov: overdue.');
    expect(text).toContain('Invited (academy)');
  });
});
