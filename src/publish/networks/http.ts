import { DeliveryFailure, httpFailure, parseRetryAfter } from '../failure.ts';

/**
 * fetch for the networks that have no well-kept client (LinkedIn, webhooks): a timeout on every
 * request, and a non-2xx answer turned into a DeliveryFailure carrying the server's own message.
 */
export async function request(
  url: string,
  init: RequestInit,
  options: { timeoutMs: number; now(): number; messageOf?(body: string): string | undefined; refused?: string },
): Promise<Response> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
  if (response.ok) return response;
  const body = await response.text().catch(() => '');
  const message = options.messageOf?.(body) ?? (body.trim().slice(0, 300) || response.statusText || 'no message');
  throw new DeliveryFailure(
    httpFailure(
      response.status,
      message,
      parseRetryAfter(response.headers.get('retry-after'), options.now()),
      options.refused,
    ),
  );
}
