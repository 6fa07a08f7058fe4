import { createHash } from 'node:crypto';
import { createRestAPIClient, MastoHttpError, MastoTimeoutError, MastoUnexpectedError, type mastodon } from 'masto';
import { isHttpUrl } from '../../schemas/common.ts';
import type { Channel } from '../../schemas/config.ts';
import type { RemotePart } from '../../schemas/ledger.ts';
import { credentialsFor } from '../credentials.ts';
import { connectionFailure, DeliveryFailure, httpFailure, parseRetryAfter, type Failure } from '../failure.ts';
import type { Adapter, AdapterOptions, SendRequest } from './adapter.ts';

type MastodonChannel = Extract<Channel, { network: 'mastodon' }>;

/** Mastodon keeps an Idempotency-Key for an hour; a resend later than this could post twice. */
const idempotencyKeptMs = 50 * 60_000;
/** How often to ask whether an uploaded image has finished processing. */
const mediaPolls = 30;

/**
 * Mastodon through masto.js: images uploaded with their descriptions, the thread as replies, the
 * post's visibility and content warning, and an Idempotency-Key per part derived from the ledger key
 * and content, so a retry (in this run or the next) returns the status already created.
 */
export class MastodonAdapter implements Adapter {
  readonly network = 'mastodon';
  /** See safeResendMs in index.ts. */
  static readonly safeResendMs = idempotencyKeptMs;
  readonly #client: mastodon.rest.Client;
  readonly #channel: MastodonChannel;
  readonly #options: AdapterOptions;

  constructor(channel: MastodonChannel, env: Record<string, string | undefined>, options: AdapterOptions) {
    const { TOKEN } = credentialsFor(channel, env);
    this.#channel = channel;
    this.#options = options;
    this.#client = createRestAPIClient({ url: channel.instance, accessToken: TOKEN, timeout: options.timeoutMs, log: 'error' });
  }

  async send(request: SendRequest): Promise<RemotePart[]> {
    const { payload } = request;
    const parts = [...request.sent];
    const mediaIds = parts.length === 0 ? await this.#upload(request) : [];
    for (let i = parts.length; i < payload.parts.length; i++) {
      const status = await this.#client.v1.statuses.create(
        {
          status: payload.parts[i]!,
          visibility: payload.visibility ?? 'public',
          ...(payload.contentWarning ? { spoilerText: payload.contentWarning } : {}),
          ...(i === 0 && mediaIds.length > 0 ? { mediaIds } : {}),
          ...(i > 0 ? { inReplyToId: parts[i - 1]!.id } : {}),
        },
        { requestInit: { headers: { 'Idempotency-Key': idempotencyKey(request, i) } } },
      );
      // The server names the address: only an http(s) one is kept, the site links to it.
      const url = [status.url, status.uri].find(isHttpUrl);
      const part: RemotePart = { id: status.id, ...(url && { url }) };
      parts.push(part);
      await request.onPart(part);
    }
    return parts;
  }

  async #upload(request: SendRequest): Promise<string[]> {
    const ids: string[] = [];
    for (const item of request.media) {
      const file = new Blob([item.data as Uint8Array<ArrayBuffer>], { type: item.mimeType });
      let attachment = await this.#client.v2.media.create({ file, description: item.alt, skipPolling: true });
      // A 202 means the server is still processing the image; a status cannot use it until it is done.
      for (let poll = 0; !attachment.url && poll < mediaPolls; poll++) {
        await this.#options.sleep(1000);
        attachment = await this.#client.v1.media.$select(attachment.id).fetch();
      }
      if (!attachment.url) throw new DeliveryFailure({ kind: 'transient', message: `${this.#channel.instance} is still processing ${item.file}` });
      ids.push(attachment.id);
    }
    return ids;
  }

  async retract(parts: RemotePart[]): Promise<void> {
    for (const part of [...parts].reverse()) {
      try {
        await this.#client.v1.statuses.$select(part.id).remove();
      } catch (error) {
        // Already gone is what we wanted.
        if (!(error instanceof MastoHttpError && error.statusCode === 404)) throw error;
      }
    }
  }

  classify(error: unknown): Failure {
    if (error instanceof DeliveryFailure) return error.failure;
    if (error instanceof MastoHttpError) {
      const response = error.cause instanceof Response ? error.cause : undefined;
      const details = error.details ? Object.values(error.details).flat().map((d) => d.description).join('; ') : '';
      const message = [error.message, details].filter(Boolean).join(': ');
      return httpFailure(error.statusCode, message || 'no message', parseRetryAfter(response?.headers.get('retry-after'), this.#options.now()));
    }
    if (error instanceof MastoTimeoutError) return { kind: 'transient', message: `${this.#channel.instance} did not answer in time` };
    const connection = connectionFailure(error, this.#channel.instance);
    if (connection) return connection;
    if (error instanceof MastoUnexpectedError) return { kind: 'transient', message: `${this.#channel.instance} answered something that is not Mastodon's API (is the server down?)` };
    return { kind: 'transient', message: `${this.#channel.instance}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The same key for the same part of the same content, in every attempt of every run. */
export function idempotencyKey(request: Pick<SendRequest, 'key' | 'contentHash'>, part: number): string {
  return `herald-${createHash('sha256').update(`${request.key}\n${request.contentHash}\n${part}`).digest('hex').slice(0, 40)}`;
}
