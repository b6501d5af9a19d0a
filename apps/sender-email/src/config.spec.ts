import { ConfigError } from '@meridian/config';
import { loadSenderEmailConfig } from './config';

describe('sender-email config', () => {
  it('defaults to the local SMTP catcher, the Meridian sender and the shipped templates', () => {
    expect(loadSenderEmailConfig({})).toMatchObject({
      HTTP_PORT: 8090,
      SMTP_URL: 'smtp://127.0.0.1:1025',
      EMAIL_FROM: 'Meridian <no-reply@meridian.local>',
      TEMPLATES_DIR: 'apps/sender-email/templates',
    });
  });

  it('refuses a non-SMTP URL and a sender without an address', () => {
    const load = () => loadSenderEmailConfig({ SMTP_URL: 'http://x', EMAIL_FROM: 'Meridian' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/SMTP_URL/);
    expect(load).toThrow(/EMAIL_FROM/);
  });
});
