import { createHash } from 'node:crypto';
import { AtpAgent, XRPCError, type AppBskyFeedPost } from '@atproto/api';
import { TID } from '@atproto/common-web';
import type { Channel } from '../../schemas/config.ts';
import type { RemotePart } from '../../schemas/ledger.ts';
import { credentialsFor } from '../credentials.ts';
import { connectionFailure, DeliveryFailure, httpFailure, type Failure } from '../failure.ts';
import type { Adapter, AdapterOptions, SendRequest } from './adapter.ts';
import { blueskyText } from './bluesky-text.ts';

type BlueskyChannel = Extract<Channel, { network: 'bluesky' }>;

const collection = 'app.bsky.feed.post';

/**
 * Bluesky through the official @atproto/api: one login per run (the session is reused for every
 * post), images uploaded as blobs with alt text and aspect ratio, threads as reply chains, and a
 * record key derived from the ledger key, so a repeated send finds the record it already created
 * instead of writing a second one.
 */
export class BlueskyAdapter implements Adapter {
  readonly network = 'bluesky';
  /** See safeResendMs in index.ts. */
  static readonly safeResendMs = Number.POSITIVE_INFINITY;
  readonly #agent: AtpAgent;
  readonly #channel: BlueskyChannel;
  readonly #password: string;
  readonly #options: AdapterOptions;
  #session: Promise<string> | undefined;

  constructor(channel: BlueskyChannel, env: Record<string, string | undefined>, options: AdapterOptions) {
    this.#password = credentialsFor(channel, env).APP_PASSWORD;
    this.#channel = channel;
    this.#options = options;
    this.#agent = new AtpAgent({
      service: channel.service,
      fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(options.timeoutMs) }),
    });
  }

  /** Logs in once per run; a failed login is forgotten so the next attempt tries again. */
  #did(): Promise<string> {
    this.#session ??= this.#agent.login({ identifier: this.#channel.handle, password: this.#password }).then(
      (response) => response.data.did,
      (error: unknown) => {
        this.#session = undefined;
        throw error;
      },
    );
    return this.#session;
  }

  async send(request: SendRequest): Promise<RemotePart[]> {
    const did = await this.#did();
    const parts = [...request.sent];
    const embed = parts.length === 0 && request.media.length > 0 ? await this.#images(request) : undefined;
    for (let i = parts.length; i < request.payload.parts.length; i++) {
      const rkey = recordKey(request.key, request.scheduledAt, i);
      const root = parts[0];
      const parent = parts[i - 1];
      const record: AppBskyFeedPost.Record = {
        $type: collection,
        ...(await blueskyText(request.payload.parts[i]!, this.#agent)),
        createdAt: new Date(this.#options.now()).toISOString(),
        ...(i === 0 && embed ? { embed } : {}),
        ...(root && parent ? { reply: { root: strongRef(root), parent: strongRef(parent) } } : {}),
      };
      const created = (await this.#existing(did, rkey)) ?? (await this.#create(did, rkey, record));
      const part: RemotePart = { id: created.uri, cid: created.cid, url: `https://bsky.app/profile/${this.#channel.handle}/post/${rkey}` };
      parts.push(part);
      await request.onPart(part);
    }
    return parts;
  }

  async #existing(did: string, rkey: string): Promise<{ uri: string; cid: string } | undefined> {
    try {
      const found = await this.#agent.com.atproto.repo.getRecord({ repo: did, collection, rkey });
      return found.data.cid ? { uri: found.data.uri, cid: found.data.cid } : undefined;
    } catch (error) {
      if (error instanceof XRPCError && error.error === 'RecordNotFound') return undefined;
      throw error;
    }
  }

  async #create(did: string, rkey: string, record: AppBskyFeedPost.Record): Promise<{ uri: string; cid: string }> {
    const created = await this.#agent.com.atproto.repo.createRecord({ repo: did, collection, rkey, record, validate: true });
    return { uri: created.data.uri, cid: created.data.cid };
  }

  async #images(request: SendRequest) {
    const images = [];
    for (const item of request.media) {
      const uploaded = await this.#agent.uploadBlob(item.data, { encoding: item.mimeType });
      images.push({
        image: uploaded.data.blob,
        alt: item.alt,
        ...(item.width && item.height ? { aspectRatio: { width: item.width, height: item.height } } : {}),
      });
    }
    return { $type: 'app.bsky.embed.images', images };
  }

  async retract(parts: RemotePart[]): Promise<void> {
    const did = await this.#did();
    for (const part of [...parts].reverse()) {
      const rkey = part.id.split('/').at(-1)!;
      // Deleting a record that is already gone succeeds.
      await this.#agent.com.atproto.repo.deleteRecord({ repo: did, collection, rkey });
    }
  }

  classify(error: unknown): Failure {
    if (error instanceof DeliveryFailure) return error.failure;
    const where = this.#channel.service;
    const connection = connectionFailure(error, where);
    if (connection) return connection;
    if (error instanceof XRPCError) {
      const status = error.status >= 100 ? error.status : 0;
      if (status === 0) return { kind: 'transient', message: `${where}: ${error.message}` };
      const reset = error.headers?.['ratelimit-reset'];
      const retryAfterMs = reset ? Math.max(0, Number(reset) * 1000 - this.#options.now()) : undefined;
      const failure = httpFailure(status, `${error.error}${error.message && error.message !== error.error ? `: ${error.message}` : ''}`, retryAfterMs);
      // A wrong handle or app password answers 401 AuthenticationRequired.
      return error.error === 'AuthenticationRequired' || error.error === 'AuthFactorTokenRequired' ? { ...failure, kind: 'setup' } : failure;
    }
    return { kind: 'transient', message: `${where}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function strongRef(part: RemotePart): { uri: string; cid: string } {
  return { uri: part.id, cid: part.cid ?? '' };
}

/**
 * A record key that is the same for the same part in every attempt: a valid TID (the key type posts
 * use) whose time is the scheduled instant plus the part's index in microseconds, and whose clock id
 * comes from the ledger key, so two posts scheduled for the same minute still get different keys.
 */
export function recordKey(ledgerKey: string, scheduledAt: string, part: number): string {
  const clockId = createHash('sha256').update(ledgerKey).digest().readUInt16BE(0) % 1024;
  return TID.fromTime(Date.parse(scheduledAt) * 1000 + part, clockId).toString();
}
