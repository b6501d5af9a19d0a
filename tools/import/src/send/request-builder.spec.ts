import type { ImportCall } from '@meridian/bulk-import';
import { RequestBuilder } from './request-builder';

const call = (id: number): ImportCall => ({
  type: 'track',
  messageId: `m${id}`,
  userId: 'u',
  event: 'E',
  properties: {},
});

describe('RequestBuilder', () => {
  it('closes a request when the next call would exceed the call count', () => {
    const builder = new RequestBuilder(2, 10_000, 0);
    expect(builder.add(call(1), 50)).toBeUndefined();
    builder.groupDone(1);
    expect(builder.add(call(2), 50)).toBeUndefined();
    builder.groupDone(2);
    builder.groupDone(3); // a group without calls
    const closed = builder.add(call(4), 50);
    expect(closed?.calls.map((c) => c.messageId)).toEqual(['m1', 'm2']);
    expect(closed?.groupsThrough).toBe(3);
    builder.groupDone(4);
    expect(builder.flush()).toEqual({ calls: [call(4)], groupsThrough: 4 });
    expect(builder.flush()).toBeUndefined();
  });

  it('closes a request when the next call would exceed the byte limit', () => {
    const builder = new RequestBuilder(100, 300, 0);
    builder.add(call(1), 100);
    builder.groupDone(1);
    expect(builder.add(call(2), 100)).toBeUndefined();
    const closed = builder.add(call(3), 100);
    expect(closed?.calls).toHaveLength(2);
    // Group 2 was not marked done before call 3 arrived: only group 1 is complete.
    expect(closed?.groupsThrough).toBe(1);
  });

  it('tells which calls can never fit a request', () => {
    const builder = new RequestBuilder(100, 300, 0);
    expect(builder.fits(200)).toBe(true);
    expect(builder.fits(290)).toBe(false);
  });
});
