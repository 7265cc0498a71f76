import { digestOf } from '../../../src/app/visits/edit-visit.js';

describe('digestOf', () => {
  it('when the same values are pressed again, in any order, then the digest is the one earlier releases made, so a retried press is still known', () => {
    // The first 16 hex digits of the SHA-256 of the values as sorted [id, value] pairs in JSON: what stored idempotency keys hold.
    expect(digestOf({ 'visit.visitedDate': '2026-11-23', focus: 'Reading' })).toBe('c22087c04617f80e');
    expect(digestOf({ focus: 'Reading', 'visit.visitedDate': '2026-11-23' })).toBe('c22087c04617f80e');
    expect(digestOf({ focus: 'Writing', 'visit.visitedDate': '2026-11-23' })).not.toBe('c22087c04617f80e');
  });
});
