import { jsonCopy, sameJson } from '../../src/domain/json-value.js';

describe('sameJson', () => {
  it.each([
    ['the same text', 'a', 'a', true],
    ['other text', 'a', 'b', false],
    ['a number and its text', 1, '1', false],
    ['lists in the same order', [1, { a: 2 }], [1, { a: 2 }], true],
    ['lists in another order', [1, 2], [2, 1], false],
    ['a longer list', [1], [1, 1], false],
    ['objects with keys in another order', { a: 1, b: { c: [true] } }, { b: { c: [true] }, a: 1 }, true],
    ['an undefined key and no key', { a: 1, b: undefined }, { a: 1 }, true],
    ['a null and no key', { a: null }, {}, false],
    ['a list and an object with its indexes', [1], { 0: 1 }, false],
    ['a change deep inside', { a: { b: { c: 1 } } }, { a: { b: { c: 2 } } }, false],
  ])('%s: %s', (_what, a, b, expected) => {
    expect(sameJson(a, b)).toBe(expected);
    expect(sameJson(b, a)).toBe(expected);
  });
});

describe('jsonCopy', () => {
  it.each([
    ['a conversation reference as Teams sends it', { user: { id: 'u1', aadObjectId: 'a1' }, conversation: { id: 'c1', conversationType: 'personal', isGroup: false }, channelId: 'msteams', serviceUrl: 'https://smba.example.org/' }],
    ['keys holding undefined', { a: 1, b: undefined, c: { d: undefined, e: [1, 'x', null, true] } }],
    ['a date', { at: new Date('2026-11-23T09:30:00Z') }],
    ['numbers JSON cannot hold', { a: Number.NaN, b: [Number.POSITIVE_INFINITY] }],
    ['minus zero', { a: -0, b: [-0] }],
    ['undefined in a list', [1, undefined]],
    ['a key named __proto__', JSON.parse('{"a":{"__proto__":{"x":1}}}') as unknown],
    ['an object with its own toJSON', { a: { toJSON: () => 'shown' } }],
    ['plain values', 'text'],
  ])('when it copies %s, then the copy is what JSON gives back', (_what, value) => {
    const copy = jsonCopy(value);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
    expect(copy).toEqual(JSON.parse(JSON.stringify(value)));
  });

  it('when it copies an object, then changing the copy leaves the original as it was', () => {
    const original = { conversation: { id: 'c1' }, list: [{ a: 1 }] };
    const copy = jsonCopy(original);
    copy.conversation.id = 'c2';
    copy.list[0]!.a = 2;
    expect(original).toEqual({ conversation: { id: 'c1' }, list: [{ a: 1 }] });
  });
});
