import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { startSmtpCapture, type SmtpCapture } from './capture-server';
import type { CapturedMessage } from './message-store';

describe('smtp-capture', () => {
  let capture: SmtpCapture;
  let dir: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'smtp-capture-'));
    capture = await startSmtpCapture({ smtpPort: 0, httpPort: 0, file: join(dir, 'mail.jsonl') });
  });
  afterEach(async () => {
    await capture.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const send = (to: string, subject: string) =>
    createTransport({
      host: '127.0.0.1',
      port: capture.smtpPort,
      secure: false,
      ignoreTLS: true,
    }).sendMail({
      from: '"Meridian" <hello@meridian.test>',
      to,
      subject,
      text: `Hi, ${subject}`,
      html: `<p>Hi, <b>${subject}</b></p>`,
    });

  const api = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${capture.apiUrl}${path}`, init);
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const messages = async (query = '') =>
    (await api(`/api/messages${query}`)).body as CapturedMessage[];

  it('captures a mail sent over SMTP and lists it through the HTTP API', async () => {
    const info = await send('Ada@Example.com', 'Welcome');
    const { status, body } = await api('/api/messages');
    expect(status).toBe(200);
    expect(body).toEqual([
      {
        id: expect.any(String),
        from: 'hello@meridian.test',
        to: ['ada@example.com'],
        subject: 'Welcome',
        text: 'Hi, Welcome',
        html: '<p>Hi, <b>Welcome</b></p>',
        messageId: info.messageId,
        receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
  });

  it('filters by recipient, case-insensitively', async () => {
    await send('ada@example.com', 'For Ada');
    await send('grace@example.com', 'For Grace');
    const forGrace = await messages('?to=GRACE@example.com');
    expect(forGrace.map((message) => message.subject)).toEqual(['For Grace']);
  });

  it('appends each message to the JSON-lines file, which DELETE leaves alone', async () => {
    await send('ada@example.com', 'One');
    await send('ada@example.com', 'Two');
    expect(await api('/api/messages', { method: 'DELETE' })).toEqual({
      status: 200,
      body: { deleted: 2 },
    });
    expect(await messages()).toEqual([]);
    const lines = readFileSync(join(dir, 'mail.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as CapturedMessage).subject)).toEqual([
      'One',
      'Two',
    ]);
  });

  it('answers health, single messages and unknown routes', async () => {
    await send('ada@example.com', 'One');
    expect(await api('/health')).toEqual({ status: 200, body: { status: 'ok', messages: 1 } });
    const [message] = await messages();
    expect((await api(`/api/messages/${message?.id}`)).body).toMatchObject({ subject: 'One' });
    expect((await api('/api/messages/nope')).status).toBe(404);
    expect((await api('/api/other')).status).toBe(404);
    expect((await api('/api/messages', { method: 'PUT' })).status).toBe(405);
  });
});
