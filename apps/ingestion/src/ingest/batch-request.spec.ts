import { batchContentsOf, MAX_BATCH_EVENTS, withBatchDefaults } from './batch-request';
import { IngestRejection } from './ingest-rejection';

function codeOf(attempt: () => unknown): string {
  try {
    attempt();
  } catch (error) {
    if (error instanceof IngestRejection) return error.code;
    throw error;
  }
  throw new Error('expected an IngestRejection');
}

const defaults = { context: undefined, integrations: undefined, sentAt: undefined };

describe('withBatchDefaults', () => {
  it('merges the batch context one level deep under the call, the call winning key by key', () => {
    const merged = withBatchDefaults(
      { type: 'track', context: { library: { version: '2' }, page: { url: 'https://x' } } },
      {
        ...defaults,
        context: { library: { name: 'sdk', version: '1' }, locale: 'fr-FR', page: { title: 'T' } },
      },
    );

    expect(merged['context']).toEqual({
      library: { name: 'sdk', version: '2' },
      locale: 'fr-FR',
      page: { title: 'T', url: 'https://x' },
    });
  });

  it('lets a call value that is not an object replace the batch one', () => {
    const merged = withBatchDefaults(
      { context: { traits: 'none' } },
      { ...defaults, context: { traits: { plan: 'pro' } } },
    );
    expect(merged['context']).toEqual({ traits: 'none' });
  });

  it('merges integrations shallowly, the call winning', () => {
    const merged = withBatchDefaults(
      { integrations: { Mailchimp: { listId: 'b' } } },
      { ...defaults, integrations: { All: false, Mailchimp: { listId: 'a', extra: 1 } } },
    );
    expect(merged['integrations']).toEqual({ All: false, Mailchimp: { listId: 'b' } });
  });

  it('applies the batch sentAt to calls without their own', () => {
    const sentAt = '2026-03-01T10:00:00.000Z';
    expect(withBatchDefaults({}, { ...defaults, sentAt })['sentAt']).toBe(sentAt);
    expect(withBatchDefaults({ sentAt: 'own' }, { ...defaults, sentAt })['sentAt']).toBe('own');
  });

  it('takes the batch context for a call with none, and leaves a call alone when the batch has none', () => {
    expect(
      withBatchDefaults({ context: null }, { ...defaults, context: { ip: '1.2.3.4' } }),
    ).toEqual({ context: { ip: '1.2.3.4' } });
    expect(withBatchDefaults({ context: { ip: 'own' } }, defaults)).toEqual({
      context: { ip: 'own' },
    });
  });
});

describe('batchContentsOf', () => {
  it('keeps each call with its index and type, and lists calls without a known type as refused', () => {
    const contents = batchContentsOf({
      batch: [{ type: 'track' }, { type: 'unknown' }, 7, { type: 'alias' }],
    });

    expect(contents.calls.map(({ index, type }) => ({ index, type }))).toEqual([
      { index: 0, type: 'track' },
      { index: 3, type: 'alias' },
    ]);
    expect(contents.refused.map(({ index, code }) => ({ index, code }))).toEqual([
      { index: 1, code: 'INVALID_CALL_TYPE' },
      { index: 2, code: 'INVALID_CALL_TYPE' },
    ]);
  });

  it('lists a call over 32 KB as EVENT_TOO_LARGE', () => {
    const contents = batchContentsOf({
      batch: [{ type: 'identify', traits: { blob: 'x'.repeat(33_000) } }],
    });
    expect(contents.refused).toEqual([
      expect.objectContaining({ index: 0, code: 'EVENT_TOO_LARGE' }),
    ]);
  });

  it(`accepts ${MAX_BATCH_EVENTS} calls and refuses one more with TOO_MANY_EVENTS`, () => {
    const calls = (count: number) => Array.from({ length: count }, () => ({ type: 'identify' }));
    expect(batchContentsOf({ batch: calls(MAX_BATCH_EVENTS) }).calls).toHaveLength(
      MAX_BATCH_EVENTS,
    );
    expect(codeOf(() => batchContentsOf({ batch: calls(MAX_BATCH_EVENTS + 1) }))).toBe(
      'TOO_MANY_EVENTS',
    );
  });

  it('refuses a body without a batch array, or with a batch context that is not an object, with INVALID_BATCH', () => {
    expect(codeOf(() => batchContentsOf({}))).toBe('INVALID_BATCH');
    expect(codeOf(() => batchContentsOf({ batch: {} }))).toBe('INVALID_BATCH');
    expect(codeOf(() => batchContentsOf({ batch: [], context: [1] }))).toBe('INVALID_BATCH');
    expect(codeOf(() => batchContentsOf({ batch: [], integrations: 'all' }))).toBe('INVALID_BATCH');
  });
});
