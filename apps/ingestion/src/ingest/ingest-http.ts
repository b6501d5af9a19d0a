import type { IncomingMessage } from 'node:http';
import type { IngestRequest } from './ingest.service';
import { decodeBody, parseJsonObject, readBody, type BodyLimit } from './request-body';

/**
 * The parts of an HTTP request ingestion uses. The body is read here rather than by Nest's
 * parser, so size, gzip and JSON errors get Segment-style codes: the app must be created
 * with `bodyParser: false` (see createIngestionApp).
 */
export async function ingestRequestOf(
  request: IncomingMessage,
  limit: BodyLimit,
): Promise<IngestRequest> {
  if (request.readableEnded) {
    throw new Error('the request body was already consumed: create the app with bodyParser: false');
  }
  const raw = await readBody(request, request.headers['content-length'], limit);
  const body = parseJsonObject(decodeBody(raw, request.headers['content-encoding'], limit));
  return { body, authorization: request.headers.authorization, clientIp: clientIpOf(request) };
}

/**
 * The sender's address: the first X-Forwarded-For hop when a proxy set one (ingestion runs
 * behind a balancer), else the socket's peer. Only fills context.ip, which the client could
 * set itself anyway, so trusting the header costs nothing.
 */
export function clientIpOf(
  request: Pick<IncomingMessage, 'headers' | 'socket'>,
): string | undefined {
  const forwarded = request.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  const address = first !== undefined && first !== '' ? first : request.socket.remoteAddress;
  return address?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}
