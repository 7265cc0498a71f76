import { describe, expect, it } from '@jest/globals';
import { builtInTemplates } from '../../support/built-in-templates.js';
import type { VisitContext } from '../../../src/app/visits/visit-view.js';
import type { AgendaTemplate } from '../../../src/domain/agenda-template.js';
import type { School } from '../../../src/domain/school.js';
import type { Visit } from '../../../src/domain/visit.js';
import { agendaCardData, renderVisitAgendaCard, VisitAgendaDataSchema } from '../../../src/teams/cards/visit-agenda.card.js';
import { renderVisitCoverageCard } from '../../../src/teams/cards/visit-coverage.card.js';
import { renderVisitListCard } from '../../../src/teams/cards/visit-list.card.js';
import { renderVisitStartCard } from '../../../src/teams/cards/visit-start.card.js';
import { DISPUTE_COMMENT_INPUT } from '../../../src/app/visits/respond-to-copy.js';
import { renderVisitSummaryCard, VisitResponseDataSchema, type VisitSummaryCard } from '../../../src/teams/cards/visit-summary.card.js';
import { aSchool } from '../../support/builders.js';
import { DEFAULT_PROGRAMMES } from '../../../src/domain/coverage-programme.js';
import { actions, cardText, inputs, press, validateCard } from '../../support/cards.js';

const meta = { tenantId: 't', version: 3, createdAt: '2026-11-01T10:00:00.000Z', updatedAt: '2026-11-02T10:00:00.000Z' };
const school = { ...aSchool(0), ...meta, id: 'school-1' } as School;

function contextFor(template: AgendaTemplate, overrides: Partial<Visit> = {}): VisitContext {
  const visit = {
    ...meta,
    id: 'visit-1',
    schoolUrn: school.urn,
    templateId: template.id,
    templateVersion: template.version,
    visitType: template.visitType,
    visitorId: 'person-1',
    plannedDate: '2026-11-20',
    attendees: [],
    answers: {},
    themes: [],
    status: 'draft',
    ...overrides,
  } as Visit;
  return { visit, template, school, visitorName: 'Olivia Officer' };
}

const summary: VisitSummaryCard = {
  visitId: 'visit-1',
  urn: '110001',
  schoolName: 'Oakwood Primary School',
  templateName: 'SACRE RE visit',
  status: 'submitted',
  visitorName: 'Olivia Officer',
  visitedDate: '2026-11-20',
  attendees: [{ role: 'RE lead', name: 'Rita Re' }],
  answers: [{ prompt: 'How confident are staff in teaching RE?', answer: 'Amber' }],
  copySentAt: '2026-11-20T15:00:00.000Z',
  canRespond: false,
  notices: [],
};

describe('visit cards under the Adaptive Cards SDK', () => {
  it('when each built-in agenda is rendered, then it validates with one input per item, the dates, attendees and the confidential concern', async () => {
    for (const template of builtInTemplates) {
      const card = validateCard(renderVisitAgendaCard(agendaCardData(contextFor(template), {})));
      const ids = [...inputs(card).keys()];
      expect(ids).toEqual(expect.arrayContaining([...template.items.map((i) => i.id), 'visit.plannedDate', 'visit.visitedDate', 'visit.otherAttendees', 'confidentialConcern', 'visit.declinedReason']));
      expect(ids.filter((id) => id.startsWith('visit.attendee.'))).toHaveLength(template.attendees.length);
      expect(actions(card).map((a) => a.title)).toEqual(['Save draft', 'Submit', 'Record the decline']);
    }
  });

  it('when an agenda comes back with errors, then it validates, names them at the top and marks the empty field required with its message', async () => {
    const [template] = builtInTemplates;
    const item = template!.items.find((i) => i.required)!;
    const errors = [{ field: item.id, message: `"${item.prompt}" needs an answer.` }];
    const card = validateCard(renderVisitAgendaCard(agendaCardData(contextFor(template!), { other: 'kept' }, errors, ['Draft saved.'])));
    expect(cardText(card)).toContain(`"${item.prompt}" needs an answer.`);
    expect(cardText(card)).toContain('Draft saved.');
    expect(inputs(card).get(item.id)?.isRequired).toBe(true);
    expect(JSON.stringify(card)).toContain(`"errorMessage":"\\"${item.prompt}\\" needs an answer."`);
  });

  it('when a long agenda (the LA annual visit) is rendered, then each rated area is folded behind a button that unfolds it, saying how much is answered; an area with a problem opens', () => {
    const template = builtInTemplates.find((t) => t.id === 'la-annual-visit')!;
    const nodes = (card: unknown) => [...walkAll(card)];
    const rated = template.items.find((i) => i.kind === 'rag')!;
    const card = validateCard(renderVisitAgendaCard(agendaCardData(contextFor(template), { [rated.id]: 'amber' })));
    const folded = nodes(card).filter((n) => typeof n.id === 'string' && (n.id as string).startsWith('section-') && n.isVisible === false);
    expect(folded.length).toBe(template.items.filter((i) => i.kind === 'rag').length + 1);
    const toggles = nodes(card).filter((n) => n.type === 'Action.ToggleVisibility');
    expect(toggles.length).toBe(folded.length);
    expect(cardText(card)).toContain(rated.prompt);
    expect(cardText(card)).toMatch(/1 of 2 answered/);
    // Every input is still in the card, so Save draft and Submit send them all.
    expect([...inputs(card).keys()]).toEqual(expect.arrayContaining(template.items.map((i) => i.id)));

    const withProblem = validateCard(renderVisitAgendaCard(agendaCardData(contextFor(template), {}, [{ field: rated.id, message: `Answer "${rated.prompt}" to submit the visit, or save a draft.` }])));
    const stillFolded = nodes(withProblem).filter((n) => typeof n.id === 'string' && (n.id as string).startsWith('section-') && n.isVisible === false);
    expect(stillFolded.length).toBe(folded.length - 1);
  });

  it('when a short agenda is rendered, then nothing is folded', () => {
    const template = builtInTemplates.find((t) => t.id === 'sacre-re-visit')!;
    const card = validateCard(renderVisitAgendaCard(agendaCardData(contextFor(template), {})));
    expect([...walkAll(card)].filter((n) => n.isVisible === false)).toEqual([]);
  });

  it('when a summary shows a RAG rating, then it is in its colour and in words', () => {
    const card = validateCard(renderVisitSummaryCard({ ...summary, answers: [{ prompt: 'Confidence', answer: 'Amber', rating: 'amber' }, { prompt: 'Notes', answer: 'Green shoots' }] }));
    const blocks = [...walkAll(card)].filter((n) => n.type === 'TextBlock');
    expect(blocks.find((b) => b.text === 'Amber')).toMatchObject({ color: 'Warning' });
    expect(blocks.find((b) => b.text === 'Green shoots')?.color).toBe('Default');
  });

  it('when a button is pressed, then the data parses into the visit, its version, the card id and the inputs', async () => {
    const template = builtInTemplates.find((t) => t.id === 'sit-support-visit')!;
    const card = renderVisitAgendaCard(agendaCardData(contextFor(template), { focus: 'Reading' }));
    const parsed = VisitAgendaDataSchema.parse(press(card, 'Save draft', { strengths: 'Calm' }).data);
    expect(parsed).toMatchObject({ visitId: 'visit-1', version: 3, formId: expect.any(String), values: { focus: 'Reading', strengths: 'Calm' } });
  });

  it('when the summary is rendered for the headteacher, then it has Accurate and Dispute with a comment box; for others only the refresh', () => {
    const forHead = validateCard(renderVisitSummaryCard({ ...summary, canRespond: true }));
    expect(actions(forHead).map((a) => a.title)).toEqual(['Refresh', 'Accurate', 'Dispute']);
    expect(inputs(forHead).has('visit.disputeComment')).toBe(true);
    // The template's literal id is the one the use case names when a dispute has no comment.
    expect(inputs(forHead).has(DISPUTE_COMMENT_INPUT)).toBe(true);
    expect(VisitResponseDataSchema.parse({ visitId: 'v', verdict: 'disputed', [DISPUTE_COMMENT_INPUT]: 'Wrong' })).toEqual({ visitId: 'v', verdict: 'disputed', comment: 'Wrong' });
    const forOthers = validateCard(renderVisitSummaryCard({ ...summary, response: { verdict: 'disputed', byName: 'Hannah Head', on: '2026-11-21', comment: 'Wrong governor' } }));
    expect(actions(forOthers).map((a) => a.title)).toEqual(['Refresh']);
    expect(cardText(forOthers)).toContain("Hannah Head disputed the school's copy on Saturday 21 November 2026: Wrong governor");
    const declined = validateCard(renderVisitSummaryCard({ ...summary, status: 'declined', declinedReason: 'Ofsted in school', answers: [], attendees: [] }));
    expect(cardText(declined)).toContain('The school declined: Ofsted in school');
  });

  it('when the start, list and coverage cards are rendered, then they validate, empty or full', async () => {
    const templates = [...builtInTemplates];
    validateCard(renderVisitStartCard({ school, templates, unavailable: [], today: '2026-11-23' }));
    const none = validateCard(renderVisitStartCard({ school, templates: [], unavailable: [{ name: 'SACRE RE visit', reason: 'Training first.' }], today: '2026-11-23' }));
    expect(actions(none)).toEqual([]);
    expect(cardText(none)).toContain('There is no agenda you can start yet.');
    validateCard(renderVisitListCard({ open: [], recent: [] }));
    const row = { visitId: 'v1', urn: '110001', schoolName: 'Oakwood Primary School', templateName: 'SIT support visit', status: 'draft' as const, date: '2026-11-20' };
    const list = validateCard(renderVisitListCard({ open: [row], recent: [{ ...row, visitId: 'v2', status: 'submitted' }] }));
    expect(actions(list).map((a) => a.title)).toEqual(['Resume Oakwood Primary School', 'Open Oakwood Primary School']);
    const ref = { urn: '110001', name: 'Oakwood Primary School', cluster: 'North' };
    validateCard(
      renderVisitCoverageCard({
        programme: DEFAULT_PROGRAMMES.sacre,
        coverage: {
          academicYear: '2026/27',
          asOf: '2026-11-23',
          totalSchools: 2,
          visited: 1,
          declined: 0,
          arranged: 0,
          contacted: 1,
          visitedFraction: 0.5,
          target: { fraction: 0.25, by: '2027-07-31', schools: 1 },
          expectedByNow: 0,
          status: 'met',
          clusters: [{ cluster: 'North', schools: 2, visited: 1, declined: 0, arranged: 0, visitedFraction: 0.5, share: 1, belowShare: false }],
          clustersBelowShare: [],
          declinedSchools: [],
          nextToVisit: [ref],
        },
        entitlement: { academicYear: '2026/27', asOf: '2026-11-23', fractionElapsed: 0.23, schools: [], behind: [] },
      }),
    );
  });
});

/** Every object in a card, depth first. */
function* walkAll(node: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(node)) for (const n of node) yield* walkAll(n);
  else if (node && typeof node === 'object') {
    yield node as Record<string, unknown>;
    for (const v of Object.values(node)) yield* walkAll(v);
  }
}
