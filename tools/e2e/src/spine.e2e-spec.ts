import { randomBytes } from 'node:crypto';
import { readSpans, spansOfTrace, waitFor } from '@meridian/testing';
import { getJson, GoldenRecord, MailList, post } from './spine-client';
import { SPINE_APPS, startSpineStack, type SpineStack } from './spine-stack';

describe('the closed loop, every service in its own process', () => {
  let stack: SpineStack;

  beforeAll(async () => {
    stack = await startSpineStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('turns identify + Signed Up into a personalised welcome email, records it on the profile, and keeps one trace', async () => {
    const userId = `user-${randomBytes(4).toString('hex')}`;
    const email = `${userId}@example.com`;
    const traceId = randomBytes(16).toString('hex');

    const identify = await post(stack, '/v1/identify', {
      userId,
      traits: { email, firstName: 'Ada', lastName: 'Lovelace' },
    });
    expect(identify.status).toBe(200);
    const signedUp = await post(
      stack,
      '/v1/track',
      { userId, event: 'Signed Up', properties: { plan: 'free' } },
      {
        traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
      },
    );
    expect({ status: signedUp.status, body: await signedUp.json() }).toEqual({
      status: 200,
      body: { success: true },
    });

    const mails = await waitFor(
      async () => {
        const list = MailList.parse(
          await getJson(`${stack.mailApi}/api/messages?to=${encodeURIComponent(email)}`),
        );
        return list.length > 0 ? list : undefined;
      },
      { timeoutMs: 30_000, description: `the welcome email to ${email}` },
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toEqual([email]);
    expect(mails[0]?.subject).toBe('Welcome to Meridian, Ada!');
    expect(mails[0]?.text).toContain('Ada');

    const profile = await waitFor(
      async () => {
        const record = GoldenRecord.parse(
          await getJson(
            `${stack.url('identity')}/v1/profiles/lookup?type=userId&value=${userId}`,
            stack.profileApiHeaders,
          ),
        );
        return record.messages.some((entry) => entry.status === 'sent') ? record : undefined;
      },
      { timeoutMs: 30_000, description: 'message.sent in the profile message history' },
    );
    expect(profile.traits).toMatchObject({ email, firstName: 'Ada' });
    expect(profile.messages).toEqual(
      expect.arrayContaining([expect.objectContaining({ channel: 'email', status: 'sent' })]),
    );

    // Every service, including identity recording message.sent, appears in the Signed Up trace.
    const services = await waitFor(
      () => {
        const spans = spansOfTrace(stack.spanFiles.flatMap(readSpans), traceId);
        const seen = new Set(spans.map((span) => span.service));
        const feedbackRecorded = spans.some(
          (span) => span.service === 'identity' && span.name.includes('message.sent'),
        );
        return SPINE_APPS.every((app) => seen.has(app)) && feedbackRecorded
          ? [...seen].sort()
          : undefined;
      },
      { timeoutMs: 30_000, description: `spans of every service in trace ${traceId}` },
    );
    expect(services).toEqual([...SPINE_APPS].sort());
  });

  it('sends the welcome email once even when the sign-up is posted twice', async () => {
    const userId = `user-${randomBytes(4).toString('hex')}`;
    const email = `${userId}@example.com`;
    expect(
      (await post(stack, '/v1/identify', { userId, traits: { email, firstName: 'Grace' } })).status,
    ).toBe(200);
    const signUp = { userId, event: 'Signed Up', messageId: `signup-${userId}` };
    expect((await post(stack, '/v1/track', signUp)).status).toBe(200);
    expect((await post(stack, '/v1/track', signUp)).status).toBe(200);
    expect(
      (await post(stack, '/v1/track', { ...signUp, messageId: `signup-again-${userId}` })).status,
    ).toBe(200);

    await waitFor(
      async () => {
        const record = GoldenRecord.parse(
          await getJson(
            `${stack.url('identity')}/v1/profiles/lookup?type=userId&value=${userId}`,
            stack.profileApiHeaders,
          ),
        );
        return record.messages.some((entry) => entry.status === 'sent') ? record : undefined;
      },
      { timeoutMs: 30_000, description: 'message.sent in the profile message history' },
    );
    const mails = MailList.parse(
      await getJson(`${stack.mailApi}/api/messages?to=${encodeURIComponent(email)}`),
    );
    expect(mails.map((mail) => mail.subject)).toEqual(['Welcome to Meridian, Grace!']);
  });
});
