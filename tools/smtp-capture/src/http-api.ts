import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { MessageStore } from './message-store';

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
  });
  response.end(payload);
}

function route(store: MessageStore, request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://capture.local');
  const method = request.method ?? 'GET';
  // /health/ready too, so the stack and the test harness wait on it like on every service.
  if (url.pathname === '/health' || url.pathname === '/health/ready') {
    if (method !== 'GET') return sendJson(response, 405, { error: 'method not allowed' });
    return sendJson(response, 200, { status: 'ok', messages: store.size });
  }
  if (url.pathname === '/api/messages') {
    if (method === 'GET') {
      return sendJson(response, 200, store.list({ to: url.searchParams.get('to') ?? undefined }));
    }
    if (method === 'DELETE') return sendJson(response, 200, { deleted: store.clear() });
    return sendJson(response, 405, { error: 'method not allowed' });
  }
  const single = /^\/api\/messages\/([^/]+)$/.exec(url.pathname);
  if (single?.[1] !== undefined && method === 'GET') {
    const message = store.get(decodeURIComponent(single[1]));
    return message
      ? sendJson(response, 200, message)
      : sendJson(response, 404, { error: 'no such message' });
  }
  sendJson(response, 404, { error: `no route ${method} ${url.pathname}` });
}

/**
 * GET /health (and /health/ready), GET /api/messages[?to=addr], GET /api/messages/:id, DELETE /api/messages.
 * Messages are listed oldest first.
 */
export function httpApi(store: MessageStore): RequestListener {
  return (request, response) => {
    try {
      route(store, request, response);
    } catch (error) {
      sendJson(response, 500, { error: error instanceof Error ? error.message : String(error) });
    }
  };
}
