import { existsSync, readdirSync } from 'node:fs';
import { cardNames, renderCard } from '../../../src/teams/cards/render.js';
import { CARDS_DIR, CardDataError, loadTemplate } from '../../../src/teams/cards/template.js';
import { actions, cardText, validateCard } from '../../support/cards.js';

describe('the card registry', () => {
  it('when a card is registered, then its template exists', () => {
    expect(cardNames.filter((name) => !existsSync(`${CARDS_DIR}${name}.json`))).toEqual([]);
  });

  it('when a template is in cards/, then it is registered (so use cases can name it and its data is checked)', () => {
    const templates = readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    expect(templates.filter((t) => !(cardNames as string[]).includes(t))).toEqual([]);
  });

  it('when cards are rendered, then each template is the one parsed at start-up, shared and unchangeable, not read again', () => {
    const whoami = { name: 'Ada Admin', email: 'ada@council.example.org', roles: 'Administrator', schools: [], training: [] };
    const first = renderCard('whoami', whoami);
    expect(loadTemplate('whoami')).toBe(loadTemplate('whoami'));
    expect(Object.isFrozen(loadTemplate('whoami'))).toBe(true);
    expect(renderCard('whoami', { ...whoami, name: 'Bo Admin' })).not.toEqual(first);
    expect(renderCard('whoami', whoami)).toEqual(first);
    expect(() => loadTemplate('../package')).toThrow('Card name "../package" is not a template name.');
  });

  it('when the same card is rendered again with other data, then it shows the new data and nothing of the old (templates are prepared once, the data is bound each time)', () => {
    const note = {
      visitId: 'visit-1',
      urn: '110001',
      schoolName: 'Oakwood Primary',
      templateName: 'SIT support visit',
      status: 'submitted' as const,
      visitorName: 'Sam Officer',
      visitedDate: '20 Nov 2026',
      attendees: [{ role: 'Headteacher', name: 'Jo Baker' }],
      answers: [{ prompt: 'Focus', answer: 'Reading in Year 2' }],
      canRespond: true,
      notices: ["The school's copy went to Jo Baker in Teams."],
    };
    const first = renderCard('visit-summary', note);
    const second = renderCard('visit-summary', {
      ...note,
      visitId: 'visit-2',
      schoolName: 'Hillside Academy',
      attendees: [],
      answers: [{ prompt: 'Focus', answer: 'Attendance' }, { prompt: 'Next visit', answer: 'Phonics' }],
      canRespond: false,
      notices: [],
    });
    expect(cardText(second)).toContain('Hillside Academy');
    expect(cardText(second)).toContain('Attendance');
    expect(cardText(second)).toContain('Phonics');
    for (const gone of ['Oakwood Primary', 'Reading in Year 2', 'Jo Baker', 'Who attended', 'went to']) expect(cardText(second)).not.toContain(gone);
    expect(actions(second).map((a) => a.title)).not.toContain('Accurate');
    expect(JSON.stringify(second)).toContain('visit-2');
    expect(JSON.stringify(second)).not.toContain('visit-1');
    expect(renderCard('visit-summary', note)).toEqual(first);
    expect(actions(first).map((a) => a.title)).toEqual(expect.arrayContaining(['Accurate', 'Dispute']));
  });

  it('when a card is rendered with data that fits, then the SDK finds it valid', () => {
    validateCard(renderCard('whoami', { name: 'Ada Admin', email: 'ada@council.example.org', roles: 'Administrator', schools: [], training: [] }));
  });

  it('when the data does not fit the schema, then rendering fails naming the card and the field', () => {
    expect(() => renderCard('whoami', { name: 'Ada Admin', email: 'ada@council.example.org', roles: 'Administrator', schools: [{ urn: 110001 }], training: [] })).toThrow(
      new CardDataError('whoami', { code: 'invalid_type', path: ['schools', 0, 'urn'], message: 'Expected string, received number', expected: 'string', input: 110001 }),
    );
  });

  it('when a card name is not registered, then rendering fails saying where to register it', () => {
    expect(() => renderCard('no-such-card', {})).toThrow('There is no card called "no-such-card"; register it in src/teams/cards/render.ts.');
  });
});
