import { decodeReviewCursor, encodeReviewCursor, reviewIdOf, sortedPair } from './match-review';

describe('reviewIdOf', () => {
  it('is the same whichever way round the pair is named', () => {
    expect(reviewIdOf('ws-1', 'prof_a', 'prof_b')).toBe(reviewIdOf('ws-1', 'prof_b', 'prof_a'));
    expect(reviewIdOf('ws-1', 'prof_a', 'prof_b')).toMatch(/^mrv_[0-9a-f]{32}$/);
  });

  it('differs between workspaces and pairs', () => {
    const id = reviewIdOf('ws-1', 'prof_a', 'prof_b');

    expect(reviewIdOf('ws-2', 'prof_a', 'prof_b')).not.toBe(id);
    expect(reviewIdOf('ws-1', 'prof_a', 'prof_c')).not.toBe(id);
  });

  it('refuses a profile paired with itself', () => {
    expect(() => sortedPair('prof_a', 'prof_a')).toThrow(/cannot be reviewed against itself/);
  });
});

describe('review cursors', () => {
  const cursor = {
    list: 'match-reviews' as const,
    status: 'open' as const,
    createdAt: '2025-01-01T00:00:00.000Z',
    reviewId: 'mrv_1',
  };

  it('read back as given out', () => {
    expect(decodeReviewCursor(encodeReviewCursor(cursor), 'open')).toEqual(cursor);
  });

  it("are refused for another status, and when they are not this API's", () => {
    expect(decodeReviewCursor(encodeReviewCursor(cursor), 'rejected')).toBeNull();
    expect(decodeReviewCursor('not a cursor', 'open')).toBeNull();
    expect(
      decodeReviewCursor(Buffer.from('{"list":"search"}').toString('base64url'), 'open'),
    ).toBeNull();
  });
});
