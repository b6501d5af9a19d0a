import { ProfileApiError } from './profile-api-error';
import { LookupQuery, parseQuery, SearchQuery, TimelineQuery } from './profile-api-queries';

function problem(attempt: () => unknown): string {
  try {
    attempt();
  } catch (error) {
    if (error instanceof ProfileApiError && error.code === 'invalid_request') return error.message;
    throw error;
  }
  throw new Error('expected a 400');
}

describe('profile API queries', () => {
  it('read a lookup by a known or an external identifier type', () => {
    expect(parseQuery(LookupQuery, { type: 'email', value: 'a@b.c' })).toEqual({
      type: 'email',
      value: 'a@b.c',
    });
    expect(parseQuery(LookupQuery, { type: 'external:crm_id', value: '7' }).type).toBe(
      'external:crm_id',
    );
  });

  it('name what is wrong with a lookup', () => {
    expect(problem(() => parseQuery(LookupQuery, {}))).toBe(
      'type is required (one type); value is required (one value)',
    );
    expect(problem(() => parseQuery(LookupQuery, { type: 'nickname', value: ['a', 'b'] }))).toBe(
      'type must be one of userId, email, phone, deviceId, anonymousId or external:<type>; value is required (one value)',
    );
  });

  it('give a search its default page size and read the limit from the query string', () => {
    expect(parseQuery(SearchQuery, { trait: 'plan', value: 'pro' })).toEqual({
      trait: 'plan',
      value: 'pro',
      limit: 20,
    });
    expect(parseQuery(SearchQuery, { trait: 'plan', value: 'pro', limit: '100' }).limit).toBe(100);
  });

  it('refuse page sizes beyond what one page may hold', () => {
    expect(problem(() => parseQuery(TimelineQuery, { limit: '51' }))).toBe(
      'limit must be between 1 and 50',
    );
    expect(problem(() => parseQuery(TimelineQuery, { limit: '2.5' }))).toBe(
      'limit must be a whole number',
    );
    expect(problem(() => parseQuery(SearchQuery, { trait: 'a.b', value: 'x' }))).toMatch(
      /a trait name is 1 to 64 letters/,
    );
  });
});
