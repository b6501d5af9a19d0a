import { Readable } from 'node:stream';
import { AdminApiError } from '../errors/admin-api-error';
import { isJsonContentType, readJsonBody } from './json-body';

describe('isJsonContentType', () => {
  it('accepts JSON media types with parameters and refuses others', () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('Application/JSON; charset=utf-8')).toBe(true);
    expect(isJsonContentType('application/merge-patch+json')).toBe(true);
    expect(isJsonContentType('text/csv')).toBe(false);
    expect(isJsonContentType('application/x-ndjson')).toBe(false);
    expect(isJsonContentType(undefined)).toBe(false);
  });
});

describe('readJsonBody', () => {
  it('parses a JSON body sent in chunks', async () => {
    await expect(readJsonBody(Readable.from(['{"a":', '[1,2]}']))).resolves.toEqual({ a: [1, 2] });
  });

  it('answers undefined for an empty body, so the schema names what is missing', async () => {
    await expect(readJsonBody(Readable.from([]))).resolves.toBeUndefined();
  });

  it('refuses malformed JSON with 400 invalid_request', async () => {
    await expect(readJsonBody(Readable.from(['{"a":']))).rejects.toMatchObject({
      status: 400,
      code: 'invalid_request',
    });
  });

  it('refuses a body over the limit with 413', async () => {
    const error: unknown = await readJsonBody(
      Readable.from(['{"a":"', 'x'.repeat(20), '"}']),
      10,
    ).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AdminApiError);
    expect(error).toMatchObject({ status: 413, code: 'payload_too_large' });
  });
});
