import { json, jsonOf, startServer, type FakeServer } from './server.ts';

/** An incoming-webhook receiver (Slack, Discord, Teams or anything that takes JSON). */
export interface FakeWebhook extends FakeServer {
  /** Bodies received at the secret path, in order. */
  messages(): Record<string, unknown>[];
}

export const webhookPath = '/hooks/T000/B000/s3cr3t-webhook-token';

export async function startWebhook(): Promise<FakeWebhook> {
  const server = await startServer((request, response) => {
    if (request.path !== webhookPath) return json(response, 404, { ok: false, error: 'no_service' });
    response.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
  });
  return { ...server, messages: () => server.requests.filter((r) => r.path === webhookPath).map((r) => jsonOf(r)) };
}
