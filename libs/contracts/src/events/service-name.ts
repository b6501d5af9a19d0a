import { z } from 'zod';

/**
 * A Meridian service as named in subjects and data-subject confirmations ('identity',
 * 'sender-email'): lower-case letters, digits and '-', so it is always one subject token.
 */
export const ServiceName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,63}$/, 'expected a service name such as "identity" or "sender-email"');
export type ServiceName = z.infer<typeof ServiceName>;
