import { readHealthCheckSubmit, renderHealthCheckCard, type HealthCheckFormData } from '../../../src/teams/cards/health-check.card.js';
import { renderHealthCheckSummaryCard, type HealthCheckSummaryCard } from '../../../src/teams/cards/health-check-summary.card.js';
import { renderHealthCheckListCard, MAX_LIST_ROWS } from '../../../src/teams/cards/health-check-list.card.js';
import { actions, cardText, inputs, press, validateCard } from '../../support/cards.js';

const form: HealthCheckFormData = {
  urn: '110001',
  schoolName: 'Oakwood Primary School',
  heldOn: '2026-11-23',
  areas: [
    { id: 'qualityOfEducation', title: 'Quality of education' },
    { id: 'internalAudit', title: 'Internal audit', previousRating: 'red', previousAction: 'Commission an external audit' },
  ],
  previous: { id: 'hc-1', heldOn: '2025-11-20', nextDue: '2026-11-20' },
};

describe('health check form card', () => {
  it('when rendered, then it validates and has rating, evidence and action inputs per area, and impact only where there was an action', () => {
    const card = validateCard(renderHealthCheckCard({ form, formId: 'f1' }));
    expect([...inputs(card).keys()]).toEqual([
      'heldOn',
      'qualityOfEducation.rating',
      'qualityOfEducation.evidence',
      'qualityOfEducation.requiredAction',
      'internalAudit.impactOfLastActions',
      'internalAudit.rating',
      'internalAudit.evidence',
      'internalAudit.requiredAction',
    ]);
    expect(inputs(card).get('internalAudit.rating')?.choices).toEqual(['green', 'amber', 'red']);
    expect(cardText(card)).toContain('Last time Red, action required: Commission an external audit');
  });

  it('when any form is submitted with its boxes emptied and a stray key, then each input it shows reads as emptied and the stray key is dropped', () => {
    const staged: HealthCheckFormData = { ...form, areas: [...form.areas, { id: 'earlyYearsOrSixthForm', title: 'Early years or sixth form', choosesStage: true, previousAction: 'Review the provision' }] };
    for (const f of [form, { ...form, areas: [form.areas[0]!] }, staged]) {
      const shown = [...inputs(validateCard(renderHealthCheckCard({ form: f, formId: 'f1' }))).keys()];
      // Teams sends no key for an emptied input; a client may send one the card never showed.
      const { values } = readHealthCheckSubmit({ form: f, formId: 'f1', 'not.on.the.card': 'x' });
      expect(Object.keys(values).sort()).toEqual(shown.sort());
      expect(new Set(Object.values(values))).toEqual(new Set(['']));
    }
  });

  it('when submitted, then the typed values become the submission against the previous check', () => {
    const card = renderHealthCheckCard({ form, formId: 'f1' });
    const { data } = press(card, 'Submit health check', {
      'qualityOfEducation.rating': 'amber',
      'qualityOfEducation.evidence': 'Book look',
      'qualityOfEducation.requiredAction': 'Phonics training',
      'internalAudit.rating': 'green',
      'internalAudit.evidence': 'Clean audit',
      'internalAudit.impactOfLastActions': 'External audit found nothing',
    });
    const read = readHealthCheckSubmit(data);
    expect(read.formId).toBe('f1');
    expect(read.submission).toEqual({
      urn: '110001',
      heldOn: '2026-11-23',
      previousCheckId: 'hc-1',
      areas: [
        { area: 'qualityOfEducation', rating: 'amber', evidence: 'Book look', requiredAction: 'Phonics training', impactOfLastActions: undefined },
        { area: 'internalAudit', rating: 'green', evidence: 'Clean audit', requiredAction: undefined, impactOfLastActions: 'External audit found nothing' },
      ],
    });
  });

  it('when sent back with a problem, then it names it beside the area and keeps every value typed', () => {
    const values = { heldOn: '2026-11-20', 'qualityOfEducation.rating': 'amber', 'qualityOfEducation.evidence': 'Book look' };
    const message = 'Quality of education is amber: say what action is required';
    const card = validateCard(renderHealthCheckCard({ form, formId: 'f1', values, error: { message, field: 'qualityOfEducation.requiredAction' } }));
    expect(cardText(card).split(message)).toHaveLength(3);
    expect(inputs(card).get('qualityOfEducation.rating')?.value).toBe('amber');
    expect(inputs(card).get('qualityOfEducation.evidence')?.value).toBe('Book look');
    expect(inputs(card).get('heldOn')?.value).toBe('2026-11-20');
  });
});

const buttons = (card: unknown) => actions(card).map((a) => a.title).filter((t) => t !== 'Refresh');

describe('health check summary card', () => {
  const view: HealthCheckSummaryCard = {
    checkId: 'hc-2',
    urn: '110001',
    schoolName: 'Oakwood Primary School',
    heldOn: '2026-11-23',
    officerName: 'Olive Officer',
    overall: 'amber',
    areas: [
      { title: 'Quality of education', rating: 'amber', evidence: 'Book look', requiredAction: 'Phonics training' },
      { title: 'Safeguarding', rating: 'green', evidence: 'SCR checked' },
    ],
    status: 'awaitingAcknowledgement',
    canAcknowledge: true,
  };

  it('when the headteacher sees it, then it validates, refreshes itself, and has Acknowledge sending the check id', () => {
    const card = validateCard(renderHealthCheckSummaryCard(view));
    expect(card.refresh).toEqual({ action: { type: 'Action.Execute', title: 'Refresh', verb: 'healthCheck.view', data: { checkId: 'hc-2' } } });
    expect(press(card, 'Acknowledge')).toEqual({ verb: 'healthCheck.acknowledge', data: { checkId: 'hc-2' } });
    expect(cardText(card)).toContain('Action required: Phonics training');
  });

  it('when anyone else sees it, or it is acknowledged, then there is no button and the status says so', () => {
    expect(buttons(validateCard(renderHealthCheckSummaryCard({ ...view, canAcknowledge: false })))).toEqual([]);
    const done = validateCard(renderHealthCheckSummaryCard({ ...view, canAcknowledge: false, status: 'acknowledged', acknowledgedBy: 'Hannah Head', acknowledgedOn: '2026-11-24' }));
    expect(cardText(done)).toContain('Acknowledged by Hannah Head on Tuesday 24 November 2026.');
  });
});

describe('health check list card', () => {
  it('when it has more rows than fit, then it validates, shows the first ones and counts the rest', () => {
    const awaiting = { last: { checkId: 'c', heldOn: '2026-11-01', overall: 'red', status: 'awaitingAcknowledgement' }, nextDue: '2027-11-01', due: false } as const;
    const rows = Array.from({ length: MAX_LIST_ROWS + 3 }, (_, i) => ({ urn: String(120000 + i), schoolName: `School ${i}`, due: true, ...(i === 0 ? awaiting : {}) }));
    const card = validateCard(renderHealthCheckListCard({ rows }));
    expect(cardText(card)).toContain('Awaiting acknowledgement');
    expect(cardText(card)).toContain('Last held 1 Nov 2026: Red. Next due 1 Nov 2027.');
    expect(cardText(card)).toContain('…and 3 more.');
  });
});

describe('a form card from an older version of the bot', () => {
  it('when its data does not fit, then it is refused in words the person can act on, with no input id', () => {
    expect(() => readHealthCheckSubmit({ formId: 'f1', form: { urn: 'abc' } })).toThrow('This card is out of date or incomplete: type the command again to get a fresh one.');
  });
});
