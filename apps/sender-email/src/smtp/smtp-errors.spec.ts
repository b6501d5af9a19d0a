import { classifySmtpError } from './smtp-errors';

const smtpError = (message: string, fields: Record<string, unknown>) =>
  Object.assign(new Error(message), fields);

describe('classifySmtpError', () => {
  it('treats a 5xx answer about the message as permanent', () => {
    const error = classifySmtpError(
      smtpError('Recipient command failed: 550 5.1.1 no such user', {
        code: 'EENVELOPE',
        responseCode: 550,
      }),
    );
    expect(error.permanent).toBe(true);
    expect(error.responseCode).toBe(550);
    expect(error.message).toContain('550');
  });

  it('retries a 4xx answer', () => {
    const error = smtpError('452 mailbox full', { code: 'EENVELOPE', responseCode: 452 });
    expect(classifySmtpError(error).permanent).toBe(false);
  });

  it('retries when the server cannot be reached', () => {
    const error = smtpError('connect ECONNREFUSED 127.0.0.1:1025', { code: 'ESOCKET' });
    expect(classifySmtpError(error).permanent).toBe(false);
  });

  it('retries a 5xx that is about the sender credentials, not the message', () => {
    const error = smtpError('Invalid login: 535 bad credentials', {
      code: 'EAUTH',
      responseCode: 535,
    });
    expect(classifySmtpError(error).permanent).toBe(false);
  });

  it('keeps the original error as the cause', () => {
    const original = smtpError('boom', {});
    expect(classifySmtpError(original).cause).toBe(original);
    expect(classifySmtpError('plain string').permanent).toBe(false);
  });
});
