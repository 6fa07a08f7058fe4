import { json, jsonOf, startServer, type FakeServer } from './server.ts';

/** An incoming-webhook receiver (Slack, Discord, Teams or anything that takes JSON). */
export interface FakeWebhook extends FakeServer {
  /** Bodies received at the secret path, in order. */
  messages(): Record<string, unknown>[];
  /** Accepts the next N messages (they count as received) and answers 500 all the same, as a receiver that failed after storing them. */
  failAfterAccepting: number;
}

export const webhookPath = '/hooks/T000/B000/s3cr3t-webhook-token';

export async function startWebhook(): Promise<FakeWebhook> {
  let fake: FakeWebhook;
  const server = await startServer((request, response) => {
    if (request.path !== webhookPath) return json(response, 404, { ok: false, error: 'no_service' });
    if (fake.failAfterAccepting > 0) {
      fake.failAfterAccepting--;
      return json(response, 500, { ok: false, error: 'internal_error' });
    }
    response.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
  });
  fake = { ...server, failAfterAccepting: 0, messages: () => server.requests.filter((r) => r.path === webhookPath).map((r) => jsonOf(r)) };
  return fake;
}
