import { z } from 'zod';
import type { SpineStack } from './spine-stack';

// What the end-to-end specs read back from the running spine, and how they call it.

export const CapturedMail = z.object({
  to: z.array(z.string()),
  subject: z.string(),
  text: z.string(),
  messageId: z.string().nullish(),
});
export const MailList = z.array(CapturedMail);
export const GoldenRecord = z.object({
  profileId: z.string(),
  traits: z.record(z.string(), z.unknown()),
  messages: z.array(z.object({ messageId: z.string(), channel: z.string(), status: z.string() })),
});

export async function post(
  stack: SpineStack,
  path: string,
  body: object,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${stack.url('ingestion')}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${stack.writeKey}:`).toString('base64')}`,
      'content-type': 'application/json',
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

export async function getJson(
  url: string,
  headers: Readonly<Record<string, string>> = {},
): Promise<unknown> {
  const response = await fetch(url, { headers });
  return response.ok ? response.json() : undefined;
}
