import { existsSync, readdirSync } from 'node:fs';
import { cardNames, renderCard } from '../../../src/teams/cards/render.js';
import { CARDS_DIR, CardDataError, loadTemplate } from '../../../src/teams/cards/template.js';
import { validateCard } from '../../support/cards.js';

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

  it('when a card is rendered with data that fits, then the SDK finds it valid', () => {
    validateCard(renderCard('whoami', { name: 'Ada Admin', email: 'ada@council.example.org', roles: 'Administrator', schools: [], training: [] }));
  });

  it('when the data does not fit the schema, then rendering fails naming the card and the field', () => {
    expect(() => renderCard('whoami', { name: 'Ada Admin', email: 'ada@council.example.org', roles: 'Administrator', schools: [{ urn: 110001 }], training: [] })).toThrow(
      new CardDataError('whoami', { code: 'invalid_type', path: ['schools', 0, 'urn'], message: 'Expected string, received number', expected: 'string', received: 'number' }),
    );
  });

  it('when a card name is not registered, then rendering fails saying where to register it', () => {
    expect(() => renderCard('no-such-card', {})).toThrow('There is no card called "no-such-card"; register it in src/teams/cards/render.ts.');
  });
});
