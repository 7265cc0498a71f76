import { readdirSync, readFileSync } from 'node:fs';
import { plainText } from '../../../src/teams/cards/plain-text.js';
import { CARDS_DIR } from '../../../src/teams/cards/template.js';
import { walk } from '../../support/cards.js';
import { renderHealthCheckSummaryCard } from '../../../src/teams/cards/health-check-summary.card.js';
import { renderHealthCheckCard } from '../../../src/teams/cards/health-check.card.js';
import { renderSelfEvaluationCard } from '../../../src/teams/cards/self-evaluation.card.js';
import { renderSelfEvaluationFormCard } from '../../../src/teams/cards/self-evaluation-form.card.js';
import { renderConcernCard } from '../../../src/teams/cards/concern.card.js';

/** What a reader sees once Teams has taken the escapes away. */
const shown = (text: string) => text.replace(/\\(.)/g, '$1');

describe('plainText', () => {
  it.each([
    ['a link', '[Reset your password](https://evil.example)', '\\[Reset your password\\](https://evil.example)'],
    ['bold and italics', '**now** and _then_', '\\*\\*now\\*\\* and \\_then\\_'],
    ['a Teams date', '{{DATE(2026-11-23T09:30:00Z, SHORT)}}', '\\{\\{DATE(2026-11-23T09:30:00Z, SHORT)\\}\\}'],
    ['an autolink', '<https://evil.example>', '\\<https://evil.example\\>'],
    ['code', '`rm -rf`', '\\`rm -rf\\`'],
    ['a bulleted list', '- one\n+ two', '\\- one\n\\+ two'],
    ['a numbered list', '1. one\n  2) two', '1\\. one\n  2\\) two'],
    ['a heading and a quote', '# Title\n> quoted', '\\# Title\n\\> quoted'],
    ['a list only after a first line of plain words', 'Agreed:\n- one\n3.', 'Agreed:\n\\- one\n3\\.'],
    ['a backslash', 'C:\\data', 'C:\\\\data'],
    ['ordinary text', "Mrs Khan (chair) said 3-4 pupils' work was good.", "Mrs Khan (chair) said 3-4 pupils' work was good."],
  ])('when the text holds %s, then it is escaped so that it reads exactly as typed', (_what, typed, escaped) => {
    expect(plainText(typed)).toBe(escaped);
    expect(shown(plainText(typed))).toBe(typed);
  });
});

describe('the card templates', () => {
  const templates = readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json'));

  it.each(templates)('when %s has a box to type in, then the box says how much it takes', (file) => {
    const card = JSON.parse(readFileSync(`${CARDS_DIR}${file}`, 'utf8')) as unknown;
    const boxes = [...walk(card)].filter((n) => n.type === 'Input.Text');
    expect(boxes.filter((b) => b.maxLength === undefined).map((b) => b.id)).toEqual([]);
  });
});

describe('the cards that show what someone typed', () => {
  const typed = '[Reset your password](https://evil.example) **now** {{DATE(2026-11-23T09:30:00Z, SHORT)}}';
  const escaped = plainText(typed);
  /** The texts a card shows (TextBlocks and fact values) that read as `typed`: each must be the escaped form. */
  const showing = (card: unknown) =>
    [...walk(card)].flatMap((n) => [n.text, n.value].filter((t): t is string => typeof t === 'string' && n.type !== 'Input.Text' && shown(t).includes(typed)));

  it.each([
    [
      'a health check summary (evidence, action, impact)',
      () =>
        renderHealthCheckSummaryCard({
          checkId: 'hc-2', urn: '110001', schoolName: 'Oakwood Primary School', heldOn: '2026-11-23', officerName: 'Olive Officer', overall: 'amber',
          areas: [{ title: 'Quality of education', rating: 'amber', evidence: typed, requiredAction: typed, impactOfLastActions: typed }],
          status: 'awaitingAcknowledgement', canAcknowledge: true,
        }),
      3,
    ],
    [
      'the health check form (the last check\'s action)',
      () => renderHealthCheckCard({ form: { urn: '110001', schoolName: 'Oakwood Primary School', heldOn: '2026-11-23', areas: [{ id: 'internalAudit', title: 'Internal audit', previousRating: 'red', previousAction: typed }], previous: { id: 'hc-1', heldOn: '2025-11-20', nextDue: '2026-11-20' } }, formId: 'f1' }),
      1,
    ],
    [
      'a self-evaluation (evidence and the officer\'s comments)',
      () =>
        renderSelfEvaluationCard({
          selfEvaluationId: '110001-2026', version: 2, urn: '110001', schoolName: 'Oakwood Primary School', academicYear: '2026/27', requirement: 'required',
          grades: [{ area: 'inclusion', grade: 'strong standard', evidence: typed }], status: 'challenged', stage: 'challenged', submittedBy: 'Hannah Head', submittedOn: '2026-11-23',
          judgement: { by: 'Olive Officer', on: '2026-11-23', decision: 'challenged', accurateAndRobust: false, furtherChallenge: true, comments: typed, feedbackDueOn: '2026-12-18' },
          feedbackOverdue: false, history: [], viewer: 'headteacher', actions: [], defaultFeedbackDueOn: '2026-12-21', signerUserIds: [],
        }),
      2,
    ],
    [
      'the self-evaluation form being revised (the challenge)',
      () => renderSelfEvaluationFormCard({ form: { urn: '110001', schoolName: 'Oakwood Primary School', academicYear: '2026/27', requirement: 'required', expectedVersion: 3, challenge: typed, areas: [{ key: 'inclusion', area: 'inclusion' }] }, formId: 'f1' }),
      1,
    ],
    [
      'a confidential concern (its text and the lead\'s note)',
      () =>
        renderConcernCard({
          concernId: 'c1', urn: '110001', schoolName: 'Oakwood Primary School', raisedByName: 'Olive Officer', raisedOn: '2026-11-23', text: typed,
          handled: { on: '2026-11-24', byName: 'Connie Lead', note: typed },
        }),
      2,
    ],
  ])('when %s holds markdown and a Teams date, then it shows them escaped, never live', (_what, render, places) => {
    const found = showing(render());
    expect(found).toHaveLength(places);
    for (const text of found) expect(text).toContain(escaped);
  });
});
