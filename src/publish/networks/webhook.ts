import type { Channel } from '../../schemas/config.ts';
import type { RemotePart } from '../../schemas/ledger.ts';
import { credentialVariable, partSeparator } from '../../lib/networks/profiles.ts';
import { credentialsFor } from '../credentials.ts';
import { connectionFailure, creating, DeliveryFailure, type Failure } from '../failure.ts';
import { deliveryId, type Adapter, type AdapterOptions, type SendRequest } from './adapter.ts';
import { request } from './http.ts';

type WebhookChannel = Extract<Channel, { network: 'webhook' }>;

/**
 * What a receiver answers for an address it no longer knows (Slack: 403 invalid_token, 404
 * no_service, 410 channel_is_archived; Discord: 401 Invalid Webhook Token, 404 Unknown Webhook). The
 * fix is a new address, not a changed post, so the next run tries again.
 */
const refusedAddress = new Set([401, 403, 404, 410]);

/**
 * A JSON POST to a URL kept secret in HERALD_<ID>_URL. `format` shapes the body for the chat tools
 * that accept incoming webhooks (Slack `text`, Discord `content`, Teams `text`) or, as `json`, gives
 * the whole payload to anything else. Webhooks also carry the run's notices about failed and missed
 * posts. A webhook message has no id and cannot be deleted.
 *
 * A receiver may have accepted a message whose answer was an error or never came: such a send is
 * reported unknown, never repeated. Every post carries an `Idempotency-Key` header (the IETF
 * draft's name) that is the same for the same delivery of the same content, so a receiver that
 * keeps the keys it saw can drop a copy, should a person decide to send it again.
 */
export class WebhookAdapter implements Adapter {
  readonly network = 'webhook';
  /** See networkTraits in index.ts. */
  static readonly traits = { safeResendMs: 0, lookup: false };
  readonly #channel: WebhookChannel;
  readonly #url: string;
  readonly #options: AdapterOptions;

  constructor(channel: WebhookChannel, env: Record<string, string | undefined>, options: AdapterOptions) {
    this.#url = credentialsFor(channel, env).URL;
    this.#channel = channel;
    this.#options = options;
  }

  async #post(body: unknown, id?: string): Promise<void> {
    const headers = { 'Content-Type': 'application/json', ...(id ? { 'Idempotency-Key': id } : {}) };
    try {
      await request(this.#url, { method: 'POST', headers, body: JSON.stringify(body) }, this.#options);
    } catch (error) {
      const status = error instanceof DeliveryFailure ? error.failure.status : undefined;
      if (status === undefined || !refusedAddress.has(status)) throw error;
      const variable = credentialVariable(this.#channel.id, 'URL');
      throw new DeliveryFailure({
        kind: 'setup',
        status,
        message: `the webhook refused the address in ${variable} (HTTP ${status}): it was revoked or mistyped`,
        reconnect: `create a new incoming webhook and store its address in ${variable}`,
      });
    }
  }

  async send(request: SendRequest): Promise<RemotePart[]> {
    if (request.sent.length > 0) return request.sent;
    const text = request.payload.parts.join(partSeparator);
    const id = deliveryId(request);
    const body =
      this.#channel.format === 'json'
        ? {
            type: 'post',
            delivery: id,
            key: request.key,
            scheduledAt: request.scheduledAt,
            text,
            parts: request.payload.parts,
            media: request.payload.media,
          }
        : chatBody(this.#channel.format, text);
    await creating(
      () => this.#post(body, id),
      (error) => this.classify(error),
    );
    const part: RemotePart = { id: `${this.#channel.id}:${request.key}` };
    await request.onPart(part);
    return [part];
  }

  /** A message about the run (failures, missed posts) for the people who watch this channel. */
  async notice(text: string): Promise<void> {
    await this.#post(this.#channel.format === 'json' ? { type: 'notice', text } : chatBody(this.#channel.format, text));
  }

  retract(): Promise<void> {
    return Promise.reject(
      new DeliveryFailure({
        kind: 'rejected',
        message: `a message sent to the webhook "${this.#channel.id}" cannot be deleted; remove it by hand where it was posted`,
      }),
    );
  }

  classify(error: unknown): Failure {
    if (error instanceof DeliveryFailure) return error.failure;
    // The URL is a secret: name the channel, never the address.
    const where = `the webhook "${this.#channel.id}"`;
    return (
      connectionFailure(error, where) ?? {
        kind: 'transient',
        message: `${where}: ${error instanceof Error ? error.message : String(error)}`,
      }
    );
  }
}

/** Discord refuses messages over 2,000 characters; the others accept far more. */
function chatBody(format: 'slack' | 'discord' | 'teams', text: string): Record<string, string> {
  if (format === 'discord') return { content: text.length > 2000 ? `${text.slice(0, 1999)}…` : text };
  return { text };
}
