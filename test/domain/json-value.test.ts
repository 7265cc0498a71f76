import { sameJson } from '../../src/domain/json-value.js';

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
