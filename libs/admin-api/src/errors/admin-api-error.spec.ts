import { BadRequestException, NotFoundException } from '@nestjs/common';
import { z } from 'zod';
import { AdminApiError } from './admin-api-error';
import { adminErrorOf } from './admin-api-error.filter';
import { parseAdminInput } from './parse-admin-input';

describe('parseAdminInput', () => {
  const Body = z.strictObject({ name: z.string().min(1), size: z.number().int() });

  it('answers the parsed value', () => {
    expect(parseAdminInput(Body, { name: 'a', size: 1 })).toEqual({ name: 'a', size: 1 });
  });

  it('throws a 400 invalid_request listing every issue with its path', () => {
    let thrown: unknown;
    try {
      parseAdminInput(Body, { name: '', size: 1.5, extra: true });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AdminApiError);
    const error = thrown as AdminApiError;
    expect(error.status).toBe(400);
    expect(error.issues).toHaveLength(3);
    expect(error.body()).toEqual({
      error: {
        code: 'invalid_request',
        message: expect.stringContaining('the request is invalid'),
        issues: expect.arrayContaining([
          expect.objectContaining({ path: [], code: 'unrecognized_keys' }),
          expect.objectContaining({ path: ['name'], code: 'too_small' }),
          expect.objectContaining({ path: ['size'], code: 'invalid_type' }),
        ]),
      },
    });
  });
});

describe('parseAdminInput without a body', () => {
  it('says that a JSON body is needed', () => {
    expect(() => parseAdminInput(z.object({ name: z.string() }), undefined)).toThrow(
      /no JSON body: send one with Content-Type: application\/json/,
    );
  });
});

describe('AdminApiError.body', () => {
  it('leaves issues out when there are none', () => {
    expect(AdminApiError.notFound('no such workspace').body()).toEqual({
      error: { code: 'not_found', message: 'no such workspace' },
    });
  });
});

describe('adminErrorOf', () => {
  it('keeps an AdminApiError as it is', () => {
    const error = AdminApiError.conflict('taken');
    expect(adminErrorOf(error)).toBe(error);
  });

  it("answers Nest's HTTP exceptions with their status and a matching code", () => {
    expect(adminErrorOf(new NotFoundException('Cannot GET /x')).body()).toEqual({
      error: { code: 'not_found', message: 'Cannot GET /x' },
    });
    expect(adminErrorOf(new BadRequestException('bad')).status).toBe(400);
  });

  it('hides the details of an unexpected error behind a 500', () => {
    const error = adminErrorOf(new Error('connection string mongodb://user:secret@db'));
    expect(error.status).toBe(500);
    expect(JSON.stringify(error.body())).not.toContain('secret');
  });
});
