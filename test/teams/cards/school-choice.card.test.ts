import { renderSchoolChoiceCard, schoolLookupReply, SchoolChoiceDataSchema } from '../../../src/teams/cards/school-choice.card.js';
import { actions, cardText, inputs, press, validateCard } from '../../support/cards.js';

describe('school choice card', () => {
  const choices = [
    { urn: '110001', name: 'Oakwood Primary School' },
    { urn: '110002', name: 'Oakwood Infant School' },
  ];

  it('when several schools fit, then each is a button sending the command verb and its URN', () => {
    const card = validateCard(renderSchoolChoiceCard({ prompt: 'Several schools match "oak".', verb: 'healthCheck.open', choices }));
    expect(actions(card).map((a) => [a.title, a.verb])).toEqual([
      ['Oakwood Primary School (110001)', 'healthCheck.open'],
      ['Oakwood Infant School (110002)', 'healthCheck.open'],
      ['Choose', 'healthCheck.open'],
    ]);
    expect(JSON.stringify(card)).toContain('"choices.data":{"type":"Data.Query","dataset":"schools"}');
    const pressed = press(card, 'Oakwood Infant School (110002)');
    expect(SchoolChoiceDataSchema.parse(pressed.data)).toEqual({ school: '110002', context: '' });
    expect(cardText(card)).not.toContain('More schools match');
  });

  it('when the list was cut, then the card says to type more', () => {
    const card = validateCard(renderSchoolChoiceCard({ prompt: 'Which school?', verb: 'visit.start', context: 'sacre-re-visit', choices, more: true }));
    expect(cardText(card)).toContain('More schools match');
    expect(press(card, 'Oakwood Primary School (110001)').data).toMatchObject({ context: 'sacre-re-visit' });
  });

  it('when more schools fit than Teams shows buttons, then they are a drop-down with one Choose button, sending the same data', () => {
    const many = Array.from({ length: 8 }, (_, i) => ({ urn: String(110001 + i), name: `Oak School ${i + 1}` }));
    const card = validateCard(renderSchoolChoiceCard({ prompt: 'Several schools match "oak".', verb: 'note.chooseSchool', context: 'ctx-1', choices: many }));
    expect(actions(card).map((a) => [a.title, a.verb])).toEqual([['Choose', 'note.chooseSchool']]);
    expect(inputs(card).get('school')?.choices).toEqual(many.map((c) => c.urn));
    const pressed = press(card, 'Choose', { school: '110008' });
    expect(SchoolChoiceDataSchema.parse(pressed.data)).toEqual({ school: '110008', context: 'ctx-1' });
  });

  it('when nothing fits, then the reply is a sentence naming what was typed', () => {
    expect(schoolLookupReply({ kind: 'none', query: 'Willow' }, 'healthCheck.open')).toContain('"Willow"');
  });
});
