import { cardText, findAction, inputs, press, validateCard } from './cards.js';

/** The test harness reads cards the way Teams does; these pin that down. */
const card = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Visit to Oakwood Primary School', wrap: true },
    { type: 'FactSet', facts: [{ title: 'URN', value: '110001' }] },
    { type: 'Input.Text', id: 'summary', label: 'Summary', isRequired: true, errorMessage: 'Say what happened' },
    { type: 'Input.Text', id: 'nextSteps', label: 'Next steps', value: 'Follow up in spring' },
    { type: 'Input.Toggle', id: 'copyToSchool', title: 'Send the school a copy', valueOn: 'yes', valueOff: 'no' },
    { type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Cancel', verb: 'visit.cancel', data: { visitId: 'v1' }, associatedInputs: 'none' }] },
  ],
  actions: [{ type: 'Action.Execute', title: 'Submit', verb: 'visit.submit', data: { visitId: 'v1' } }],
};

describe('card test support', () => {
  it('when a card is sound, then validateCard returns it; when not, it lists every problem', () => {
    expect(validateCard(card)).toBe(card);
    const bad = { ...card, version: '1.2', body: [...card.body, { type: 'Input.Text', id: 'summary' }, { type: 'TextBlock', text: '${missing}' }], actions: [{ type: 'Action.Submit', title: 'Old' }] };
    expect(() => validateCard(bad)).toThrow(/version is 1\.2[\s\S]*unexpanded template text \$\{missing\}[\s\S]*Action\.Submit "Old"[\s\S]*Duplicate Id "summary"/);
  });

  it('when an action is pressed, then its data is merged with the inputs that have values, as strings, as Teams sends it', () => {
    expect(press(card, 'Submit', { summary: 'Good progress' })).toEqual({
      verb: 'visit.submit',
      data: { visitId: 'v1', summary: 'Good progress', nextSteps: 'Follow up in spring', copyToSchool: 'no' },
    });
  });

  it('when a required input is empty, then Teams would not send, unless the test turns client validation off', () => {
    expect(() => press(card, 'Submit')).toThrow('Teams would not send: required input "summary" is empty.');
    expect(press(card, 'Submit', {}, { clientValidation: false }).data).not.toHaveProperty('summary');
  });

  it('when an action sends no inputs, then only its data goes', () => {
    expect(press(card, 'Cancel', { summary: 'typed' })).toEqual({ verb: 'visit.cancel', data: { visitId: 'v1' } });
  });

  it('when a title or input does not exist, then the error names what the card has', () => {
    expect(() => findAction(card, 'Save')).toThrow('No action titled "Save"; the card has: "Cancel", "Submit".');
    expect(() => press(card, 'Submit', { summry: 'x' })).toThrow('The card has no input "summry"; it has: summary, nextSteps, copyToSchool.');
  });

  it('when a card is read, then inputs come by id and the visible text includes facts and titles', () => {
    expect(inputs(card).get('summary')).toMatchObject({ type: 'Input.Text', isRequired: true, label: 'Summary' });
    expect(cardText(card)).toContain('Visit to Oakwood Primary School');
    expect(cardText(card)).toContain('110001');
  });
});
