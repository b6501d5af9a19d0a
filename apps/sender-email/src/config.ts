import { httpPort, loadConfig, platformEnv, type Environment } from '@meridian/config';
import { z } from 'zod';
import { domainOfAddress } from './delivery/message-id-header';

/** Everything the email sender reads from its environment. */
export const SenderEmailConfig = platformEnv.extend(httpPort(8090).shape).extend({
  /** The SMTP server, e.g. smtp://user:pass@smtp.example.com:587; Mailpit-style locally. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'expected smtp://host:port or smtps://host:port')
    .default('smtp://127.0.0.1:1025'),
  EMAIL_FROM: z
    .string()
    .min(3)
    .refine((from) => domainOfAddress(from) !== null, 'expected "Name <address@domain>"')
    .default('Meridian <no-reply@meridian.local>'),
  /** Directory of `<templateId>.json` files, relative to the working directory. */
  TEMPLATES_DIR: z.string().min(1).default('apps/sender-email/templates'),
});
export type SenderEmailConfig = z.infer<typeof SenderEmailConfig>;

export function loadSenderEmailConfig(env?: Environment): SenderEmailConfig {
  return loadConfig(SenderEmailConfig, env);
}

/** The From header and the Message-ID domain taken from it. */
export function senderSettingsOf(config: SenderEmailConfig): {
  from: string;
  messageIdDomain: string;
} {
  const domain = domainOfAddress(config.EMAIL_FROM);
  if (domain === null) throw new Error(`EMAIL_FROM "${config.EMAIL_FROM}" has no address`);
  return { from: config.EMAIL_FROM, messageIdDomain: domain };
}
