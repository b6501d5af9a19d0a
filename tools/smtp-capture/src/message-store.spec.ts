import type { CapturedMessage } from './message-store';
import { MessageStore } from './message-store';

const message = (id: string, to: string[] = ['a@x.test']): CapturedMessage => ({
  id,
  from: 'from@x.test',
  to,
  subject: id,
  text: null,
  html: null,
  messageId: null,
  receivedAt: '2026-01-01T00:00:00.000Z',
});

describe('MessageStore', () => {
  it('keeps only the newest messages once full', async () => {
    const store = new MessageStore(2);
    for (const id of ['1', '2', '3']) await store.add(message(id));
    expect(store.list().map((m) => m.id)).toEqual(['2', '3']);
  });

  it('filters on any envelope recipient', async () => {
    const store = new MessageStore(10);
    await store.add(message('1', ['a@x.test', 'b@x.test']));
    await store.add(message('2', ['c@x.test']));
    expect(store.list({ to: ' B@x.test ' }).map((m) => m.id)).toEqual(['1']);
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => new MessageStore(0)).toThrow(/positive integer/);
  });
});
