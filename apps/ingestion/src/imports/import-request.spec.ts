import { AdminApiError } from '@meridian/admin-api';
import { importPlanOf } from './import-request';

const noHeaders = { contentType: undefined, contentEncoding: undefined };

function refusal(run: () => unknown): AdminApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof AdminApiError) return error;
    throw error;
  }
  throw new Error('expected an AdminApiError');
}

describe('importPlanOf', () => {
  it('takes the online-retail mapping with its own format (csv)', () => {
    const plan = importPlanOf({ mapping: 'online-retail' }, noHeaders, 'shop');
    expect(plan.mapping.name).toBe('online-retail');
    expect(plan).toMatchObject({ format: 'csv', contentEncoding: 'identity' });
  });

  it('refuses an unknown mapping with 400 naming the known ones', () => {
    const error = refusal(() => importPlanOf({ mapping: 'nope' }, noHeaders, 'shop'));
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid_request');
    expect(error.message).toContain('unknown mapping "nope"; known: online-retail, fields');
  });

  it('refuses an option the mapping does not take', () => {
    const error = refusal(() =>
      importPlanOf({ mapping: 'online-retail', event: 'Bought' }, noHeaders, 'shop'),
    );
    expect(error.status).toBe(400);
    expect(error.message).toContain('takes no option event');
  });

  it('builds the fields mapping from query options, its messageIds namespaced by the source', () => {
    const plan = importPlanOf(
      { mapping: 'fields', format: 'ndjson', event: 'Signed Up', 'user-id-column': 'user' },
      noHeaders,
      'signup-form',
    );
    expect(plan.format).toBe('ndjson');
    const outcome = plan.mapping.toCalls({
      ordinal: 1,
      rows: [{ number: 1, values: { user: 'u1', plan: 'pro' } }],
    });
    expect(outcome).toMatchObject({
      kind: 'calls',
      calls: [
        {
          event: 'Signed Up',
          userId: 'u1',
          messageId: expect.stringMatching(/^import:fields:signup-form:/),
        },
      ],
    });
  });

  it('refuses fields options that do not make a mapping', () => {
    const error = refusal(() =>
      importPlanOf({ mapping: 'fields', format: 'csv' }, noHeaders, 'shop'),
    );
    expect(error.status).toBe(400);
    expect(error.message).toContain('name a user id or an anonymous id column');
  });

  it('takes the format from the Content-Type when neither the query nor the mapping says', () => {
    const plan = importPlanOf(
      { mapping: 'fields', event: 'E', 'user-id-column': 'u' },
      { contentType: 'application/x-ndjson; charset=utf-8', contentEncoding: undefined },
      'shop',
    );
    expect(plan.format).toBe('ndjson');
    const error = refusal(() =>
      importPlanOf({ mapping: 'fields', event: 'E', 'user-id-column': 'u' }, noHeaders, 'shop'),
    );
    expect(error.message).toContain('format=csv|ndjson');
  });

  it('accepts gzip content encoding and refuses others with 415', () => {
    const gzip = importPlanOf(
      { mapping: 'online-retail' },
      { contentType: undefined, contentEncoding: 'gzip' },
      'shop',
    );
    expect(gzip.contentEncoding).toBe('gzip');
    const error = refusal(() =>
      importPlanOf(
        { mapping: 'online-retail' },
        { contentType: undefined, contentEncoding: 'br' },
        'shop',
      ),
    );
    expect(error.status).toBe(415);
  });
});
