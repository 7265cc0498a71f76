import { DeliveryPayloadSchema, deliveryPayloadOf, type DeliveryRequest } from '../../../src/app/delivery/delivery-request.js';

type Asked = Pick<DeliveryRequest, 'about' | 'to' | 'content'>;

const conversation = { user: { id: 'u1', aadObjectId: 'a1' }, bot: { id: 'b1' }, conversation: { id: 'c1', conversationType: 'personal' }, channelId: 'msteams', locale: undefined, serviceUrl: 'https://smba.example.org/' };
const copy = { kind: 'composed', composer: 'visit.copy', ref: { visitId: 'v1' } } as const;

describe('deliveryPayloadOf', () => {
  it.each<[string, Asked]>([
    ["the school's copy for a person", { about: "the school's copy", to: { person: 'p1' }, content: copy }],
    ['the note for everyone, in the message that held the card', { about: 'the note for everyone', to: { message: { conversation, activityId: 'm1' } }, content: { ...copy, composer: 'visit.forEveryone' } }],
    ['a target with fields no target has', { about: 'x', to: { person: 'p1', extra: true } as unknown as Asked['to'], content: copy }],
    ['a composed content with fields it does not have', { about: 'x', to: { person: 'p1' }, content: { ...copy, extra: 1 } as unknown as Asked['content'] }],
    ['a message for a channel', { about: 'x', to: { channel: 'sit' }, content: { kind: 'message', message: { text: 'hello' } } }],
    ['a mail to someone with no person record', { about: 'x', to: { recipient: { name: 'Ann', email: 'ann@school.example.org' } }, content: copy }],
  ])('when %s is queued, then its payload is what the schema makes of it, field for field and in order', (_what, request) => {
    const payload = deliveryPayloadOf(request);
    const parsed = DeliveryPayloadSchema.parse({ about: request.about, to: request.to, content: request.content });
    expect(payload).toEqual(parsed);
    expect(JSON.stringify(payload)).toBe(JSON.stringify(parsed));
  });

  it('when the payload is kept, then changing what was asked does not change it', () => {
    const ref = { visitId: 'v1' };
    const payload = deliveryPayloadOf({ about: 'x', to: { message: { conversation: { ...conversation }, activityId: 'm1' } }, content: { ...copy, ref } });
    ref.visitId = 'v2';
    expect(payload.content).toEqual(copy);
  });

  it.each<[string, unknown]>([
    ['nothing it is about', { about: '', to: { person: 'p1' }, content: copy }],
    ['an empty person id', { about: 'x', to: { person: '' }, content: copy }],
    ['a person target that is a list', { about: 'x', to: Object.assign([], { person: 'p1' }), content: copy }],
    ['a message to replace without its id', { about: 'x', to: { message: { conversation, activityId: '' } }, content: copy }],
    ['a message to replace whose conversation is a list', { about: 'x', to: { message: { conversation: [], activityId: 'm1' } }, content: copy }],
    ['a conversation with a constructor of its own', { about: 'x', to: { message: { conversation: { constructor: 'x' }, activityId: 'm1' } }, content: copy }],
    ['a composer with no name', { about: 'x', to: { person: 'p1' }, content: { ...copy, composer: '' } }],
    ['a reference that is not text', { about: 'x', to: { person: 'p1' }, content: { ...copy, ref: { visitId: 7 } } }],
  ])('when a request has %s, then it is refused as the schema refuses it', (_what, request) => {
    expect(DeliveryPayloadSchema.safeParse(request).success).toBe(false);
    expect(() => deliveryPayloadOf(request as Asked)).toThrow();
  });
});
