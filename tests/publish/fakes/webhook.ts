import type { ServerResponse } from 'node:http';
import { jsonOf, startServer, type FakeServer } from './server.ts';

/**
 * An incoming-webhook receiver as Slack runs them (Discord, Teams and others answer alike): a POST
 * of JSON to a secret address, answered `ok` in plain text, and errors as a plain-text code:
 * `no_service` (404) for an address that was revoked or never existed, `rate_limited` (429) with
 * Retry-After in seconds.
 */
export interface FakeWebhook extends FakeServer {
  /** Bodies received at the secret path, in order. */
  messages(): Record<string, unknown>[];
  /** Accepts the next N messages (they count as received) and answers 500 all the same, as a receiver that failed after storing them. */
  failAfterAccepting: number;
  /** Refuses the next N messages with 429 and Retry-After: 30, keeping none. */
  rateLimited: number;
}

export const webhookPath = '/hooks/T000/B000/s3cr3t-webhook-token';

function text(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end(body);
}

export async function startWebhook(): Promise<FakeWebhook> {
  let fake: FakeWebhook;
  const accepted: Record<string, unknown>[] = [];
  const server = await startServer((request, response) => {
    if (request.path !== webhookPath) return text(response, 404, 'no_service');
    if (fake.rateLimited > 0) {
      fake.rateLimited--;
      return text(response, 429, 'rate_limited', { 'Retry-After': '30' });
    }
    accepted.push(jsonOf(request));
    if (fake.failAfterAccepting > 0) {
      fake.failAfterAccepting--;
      return text(response, 500, 'internal_error');
    }
    text(response, 200, 'ok');
  });
  fake = { ...server, failAfterAccepting: 0, rateLimited: 0, messages: () => [...accepted] };
  return fake;
}
