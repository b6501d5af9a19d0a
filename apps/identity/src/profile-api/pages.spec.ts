import {
  decodeMessagesCursor,
  decodeSearchCursor,
  decodeTimelineCursor,
  encodeCursor,
} from './cursors';
import { pageOfBoundedList, pageOfFetched } from './pages';
import { ProfileApiError } from './profile-api-error';

const list = ['e5', 'e4', 'e3', 'e2', 'e1'];
const after = (id: string) => (item: string) => item === id;
const cursorOf = (item: string) => `after:${item}`;

describe('pages of a bounded newest-first list', () => {
  it('starts at the front and names the last item of a page that has a successor', () => {
    expect(pageOfBoundedList(list, undefined, 2, cursorOf)).toEqual({
      items: ['e5', 'e4'],
      nextCursor: 'after:e4',
    });
  });

  it('continues after the cursor item, even when newer items were added in front since', () => {
    const grown = ['e7', 'e6', ...list];

    expect(pageOfBoundedList(grown, after('e4'), 2, cursorOf)).toEqual({
      items: ['e3', 'e2'],
      nextCursor: 'after:e2',
    });
  });

  it('ends without a cursor on the last page', () => {
    expect(pageOfBoundedList(list, after('e2'), 2, cursorOf)).toEqual({
      items: ['e1'],
      nextCursor: null,
    });
    expect(pageOfBoundedList(list, after('e3'), 2, cursorOf).nextCursor).toBeNull();
  });

  it('is empty when the cursor item aged out of the list, as everything after it did', () => {
    expect(pageOfBoundedList(['e9', 'e8'], after('e4'), 2, cursorOf)).toEqual({
      items: [],
      nextCursor: null,
    });
  });
});

describe('pages of a query fetched one row beyond the limit', () => {
  it('keeps `limit` rows and names the last when the extra row exists', () => {
    expect(pageOfFetched(['a', 'b', 'c'], 2, (row) => row.toUpperCase(), cursorOf)).toEqual({
      items: ['A', 'B'],
      nextCursor: 'after:b',
    });
    expect(pageOfFetched(['a', 'b'], 2, (row) => row, cursorOf).nextCursor).toBeNull();
  });
});

describe('page cursors', () => {
  it('read back what they were written from', () => {
    const message = { list: 'messages', messageId: 'm1', status: 'sent', at: 't' } as const;

    expect(decodeSearchCursor(encodeCursor({ list: 'search', after: 'p1' }))).toEqual({
      list: 'search',
      after: 'p1',
    });
    expect(decodeMessagesCursor(encodeCursor(message))).toEqual(message);
  });

  it("refuse another endpoint's cursor and anything that is not a cursor with 400", () => {
    const search = encodeCursor({ list: 'search', after: 'p1' });
    for (const attempt of [() => decodeTimelineCursor(search), () => decodeSearchCursor('%%')]) {
      expect(attempt).toThrow(ProfileApiError);
      expect(attempt).toThrow('cursor is not one this endpoint gave out');
    }
  });
});
