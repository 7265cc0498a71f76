import { activityShapeProblem, schemaProblem } from '../../src/teams/activity-shape.js';

const message = { type: 'message', channelId: 'msteams', serviceUrl: 'https://smba.example.org/', from: { id: 'u1' }, conversation: { id: 'c1' }, recipient: { id: 'bot' }, text: 'help' };
const invoke = { ...message, type: 'invoke', name: 'adaptiveCard/action', text: undefined, value: { action: { verb: 'visit.submit' } } };
const installed = { ...message, type: 'conversationUpdate', text: undefined, membersAdded: [{ id: 'bot' }] };

describe('activityShapeProblem', () => {
  it.each([
    ['a message', message],
    ['a message carrying only a card value', { ...message, text: undefined, value: { verb: 'x' } }],
    ['a message carrying only attachments', { ...message, text: undefined, attachments: [] }],
    ['a card press', invoke],
    ['an activity of another kind', installed],
    ['an activity without a recipient', { ...message, recipient: undefined }],
    ['an activity with fields the bot does not read', { ...invoke, channelData: { tenant: { id: 't' } }, locale: 'en-GB' }],
  ])('when %s arrives well formed, then nothing is wrong with it', (_what, body) => {
    expect(activityShapeProblem(body)).toBeUndefined();
    // The schemas agree: the plain check lets in nothing they would refuse.
    expect(schemaProblem(body)).toBeUndefined();
  });

  // Near misses: each differs from a well-formed activity in one field, and is refused naming that field.
  it.each([
    ['not an object', [message], 'body'],
    ['a sender that is a list', { ...message, from: Object.assign([], { id: 'u1' }) }, 'from'],
    ['a recipient that is null', { ...message, recipient: null }, 'recipient'],
    ['a recipient with an empty id', { ...message, recipient: { id: '' } }, 'recipient.id'],
    ['a conversation id that is a number', { ...message, conversation: { id: 7 } }, 'conversation.id'],
    ['an empty channel', { ...message, channelId: '' }, 'channelId'],
    ['an empty type', { ...message, type: '' }, 'type'],
    ['a service URL that is not http(s)', { ...invoke, serviceUrl: 'ftp://smba.example.org/' }, 'serviceUrl'],
    ['a service URL that is not text', { ...invoke, serviceUrl: { href: 'https://smba.example.org/' } }, 'serviceUrl'],
    ['a message whose text is null', { ...message, text: null }, 'text'],
    ['a message whose attachments are not a list', { ...message, attachments: { card: 1 } }, 'attachments'],
    ['a message with nothing in it', { ...message, text: undefined }, 'text'],
    ['a card press that names nothing', { ...invoke, name: '' }, 'name'],
  ])('when %s arrives, then the problem names the field', (_what, body, field) => {
    expect(activityShapeProblem(body)).toMatch(new RegExp(`^${field.replace('.', '\\.')}: `));
  });
});
