import { createHash } from 'node:crypto';
import { AtpAgent, XRPCError, type AppBskyEmbedVideo, type AppBskyFeedPost, type BlobRef } from '@atproto/api';
import { TID } from '@atproto/common-web';
import type { Channel } from '../../schemas/config.ts';
import type { RemotePart } from '../../schemas/ledger.ts';
import { credentialsFor } from '../credentials.ts';
import { connectionFailure, creating, DeliveryFailure, httpFailure, type Failure } from '../failure.ts';
import type { LoadedMedia } from '../media.ts';
import type { Adapter, AdapterOptions, SendRequest } from './adapter.ts';
import { blueskyText } from './bluesky-text.ts';
import { LinkError, parseLink } from './link.ts';

type BlueskyChannel = Extract<Channel, { network: 'bluesky' }>;

const collection = 'app.bsky.feed.post';

const defaultVideoService = 'https://video.bsky.app';

/** How many times to ask the video service, a second apart at least, whether a video is processed. */
const jobPolls = 300;

/** app.bsky.video.defs#jobStatus. */
interface JobStatus {
  jobId: string;
  state: string;
  blob?: BlobRef;
  error?: string;
  message?: string;
}

/**
 * Bluesky through the official @atproto/api: one login per run (the session is reused for every
 * post), images uploaded as blobs with alt text and aspect ratio, threads as reply chains. Each part
 * has a record key derived from the delivery, so a repeated send finds the record it created instead
 * of writing a second one. A record found under that key counts as ours only when it says what we
 * would send (its text and the post it replies to): a key another post holds is passed over for the
 * next one derived the same way, so no two deliveries ever share a record.
 *
 * A video goes through the video service first, as the Bluesky app does
 * (docs.bsky.app/docs/tutorials/video): a service-auth token from the PDS for its own DID and
 * com.atproto.repo.uploadBlob, the file to the service's app.bsky.video.uploadVideo, then
 * app.bsky.video.getJobStatus until JOB_STATE_COMPLETED gives the blob the service stored on the
 * PDS; the post embeds it as app.bsky.embed.video with alt text, aspect ratio and captions (uploaded
 * to the PDS as text/vtt blobs).
 */
export class BlueskyAdapter implements Adapter {
  readonly network = 'bluesky';
  /** See networkTraits in index.ts. */
  static readonly traits = { safeResendMs: Number.POSITIVE_INFINITY, lookup: true };
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
    const video = request.media.find((item) => item.video);
    const embed =
      parts.length === 0 && request.media.length > 0
        ? video
          ? await this.#video(did, video)
          : await this.#images(request)
        : undefined;
    for (let i = parts.length; i < request.payload.parts.length; i++) {
      const slot = await this.#slot(did, request, i, parts);
      let record = slot.found;
      if (!record) {
        const root = parts[0];
        const parent = parts[i - 1];
        const text = await blueskyText(request.payload.parts[i]!, this.#agent);
        const created = await creating(
          () =>
            this.#agent.com.atproto.repo.createRecord({
              repo: did,
              collection,
              rkey: slot.free,
              validate: true,
              record: {
                $type: collection,
                ...text,
                createdAt: new Date(this.#options.now()).toISOString(),
                ...(i === 0 && embed ? { embed } : {}),
                ...(root && parent ? { reply: { root: strongRef(root), parent: strongRef(parent) } } : {}),
              } satisfies AppBskyFeedPost.Record,
            }),
          (error) => this.classify(error),
          { repeatable: true },
        );
        record = { uri: created.data.uri, cid: created.data.cid };
      }
      const part = this.#part(record);
      parts.push(part);
      await request.onPart(part);
    }
    return parts;
  }

  async find(request: Omit<SendRequest, 'media' | 'onPart'>): Promise<RemotePart[]> {
    const did = await this.#did();
    const parts = [...request.sent];
    for (let i = parts.length; i < request.payload.parts.length; i++) {
      const { found } = await this.#slot(did, request, i, parts);
      if (!found) break;
      parts.push(this.#part(found));
    }
    return parts;
  }

  #part(record: { uri: string; cid: string }): RemotePart {
    return {
      id: record.uri,
      cid: record.cid,
      url: `https://bsky.app/profile/${this.#channel.handle}/post/${record.uri.split('/').at(-1)}`,
    };
  }

  /**
   * Where part `i` of this delivery is or goes: the first of its record keys that is free (`free`),
   * unless one before it holds the record we would write (`found`). A key holding anything else is
   * another post's, and is passed over.
   */
  async #slot(
    did: string,
    request: Pick<SendRequest, 'key' | 'scheduledAt' | 'payload'>,
    i: number,
    parts: RemotePart[],
  ): Promise<{ found?: { uri: string; cid: string }; free: string }> {
    for (let attempt = 0; attempt < maxKeyAttempts; attempt++) {
      const rkey = recordKey(request.key, request.scheduledAt, i, attempt);
      const existing = await this.#existing(did, rkey);
      if (!existing) return { free: rkey };
      if (isOurs(existing.value, request.payload.parts[i]!, parts[0], parts[i - 1]))
        return { found: existing, free: rkey };
    }
    throw new DeliveryFailure({
      kind: 'uncertain',
      message: `${this.#channel.service}: the record keys of ${request.key} part ${i + 1} are all taken by other posts`,
    });
  }

  async #existing(did: string, rkey: string): Promise<{ uri: string; cid: string; value: unknown } | undefined> {
    try {
      const found = await this.#agent.com.atproto.repo.getRecord({ repo: did, collection, rkey });
      return found.data.cid ? { uri: found.data.uri, cid: found.data.cid, value: found.data.value } : undefined;
    } catch (error) {
      if (error instanceof XRPCError && error.error === 'RecordNotFound') return undefined;
      throw error;
    }
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

  async #video(did: string, item: LoadedMedia) {
    const pds = this.#agent.dispatchUrl.hostname;
    // The PDS judges the token's expiry by its own clock (at most an hour ahead), so it is set from
    // the time the PDS answers with; the service stores the blob only after processing, hence 30 minutes.
    const server = await this.#agent.com.atproto.server.describeServer();
    const pdsNow = Date.parse(server.headers['date'] ?? '') || this.#options.now();
    const auth = await this.#agent.com.atproto.server.getServiceAuth({
      aud: `did:web:${pds}`,
      lxm: 'com.atproto.repo.uploadBlob',
      exp: Math.floor(pdsNow / 1000) + 30 * 60,
    });
    const service = (this.#channel.videoService ?? defaultVideoService).replace(/\/$/, '');
    const name = item.file.slice(item.file.lastIndexOf('/') + 1);
    const upload = new URL(`${service}/xrpc/app.bsky.video.uploadVideo`);
    upload.searchParams.set('did', did);
    upload.searchParams.set('name', name);
    const response = await fetch(upload, {
      method: 'POST',
      headers: { Authorization: `Bearer ${auth.data.token}`, 'Content-Type': item.mimeType },
      body: item.data as Uint8Array<ArrayBuffer>,
      signal: AbortSignal.timeout(Math.max(this.#options.timeoutMs, 60_000)),
    });
    const answer = (await response.json().catch(() => ({}))) as Partial<JobStatus> & {
      jobStatus?: JobStatus;
      error?: string;
      message?: string;
    };
    // The service answers the job status itself, though the lexicon wraps it in jobStatus; a file it
    // already has is a 409 naming the same job.
    let job = answer.jobStatus ?? (answer.jobId ? (answer as JobStatus) : undefined);
    if (!job || (!response.ok && response.status !== 409)) {
      throw new DeliveryFailure(
        httpFailure(response.status, `${service}: ${answer.message ?? answer.error ?? response.statusText}`),
      );
    }
    const videoAgent = new AtpAgent({ service });
    for (let poll = 0; job.state !== 'JOB_STATE_COMPLETED' || !job.blob; poll++) {
      if (job.state === 'JOB_STATE_FAILED') {
        throw new DeliveryFailure({
          kind: 'rejected',
          message: `the Bluesky video service could not process ${item.file}: ${job.message ?? job.error ?? 'no reason given'}`,
        });
      }
      if (poll === jobPolls) {
        throw new DeliveryFailure({
          kind: 'transient',
          message: `the Bluesky video service is still processing ${item.file}`,
        });
      }
      await this.#options.sleep(1000);
      job = (await videoAgent.app.bsky.video.getJobStatus({ jobId: job.jobId })).data.jobStatus as JobStatus;
    }
    const captions = item.captions
      ? [
          {
            lang: item.captions.lang,
            file: (await this.#agent.uploadBlob(item.captions.data, { encoding: 'text/vtt' })).data.blob,
          },
        ]
      : undefined;
    return {
      $type: 'app.bsky.embed.video',
      video: job.blob,
      alt: item.alt,
      ...(item.width && item.height ? { aspectRatio: { width: item.width, height: item.height } } : {}),
      ...(captions && { captions }),
    } satisfies AppBskyEmbedVideo.Main;
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
      if (status === 0) return { kind: 'transient', message: `${where}: ${error.message}`, mayHaveArrived: true };
      const reset = error.headers?.['ratelimit-reset'];
      const retryAfterMs = reset ? Math.max(0, Number(reset) * 1000 - this.#options.now()) : undefined;
      const failure = httpFailure(
        status,
        `${error.error}${error.message && error.message !== error.error ? `: ${error.message}` : ''}`,
        retryAfterMs,
      );
      // A wrong handle or app password answers 401 AuthenticationRequired.
      return error.error === 'AuthenticationRequired' || error.error === 'AuthFactorTokenRequired'
        ? { ...failure, kind: 'setup' }
        : failure;
    }
    return {
      kind: 'transient',
      message: `${where}: ${error instanceof Error ? error.message : String(error)}`,
      mayHaveArrived: true,
    };
  }
}

function strongRef(part: RemotePart): { uri: string; cid: string } {
  return { uri: part.id, cid: part.cid ?? '' };
}

/** Whether a record is the part we would write: the same text, replying to the same posts. */
function isOurs(value: unknown, text: string, root: RemotePart | undefined, parent: RemotePart | undefined): boolean {
  const record = value as { text?: unknown; reply?: { root?: { uri?: unknown }; parent?: { uri?: unknown } } };
  if (record.text !== text) return false;
  if (!parent) return record.reply === undefined;
  return record.reply?.parent?.uri === parent.id && record.reply.root?.uri === root?.id;
}

/** Record keys tried for one part before giving up: each taken one was another post's. */
const maxKeyAttempts = 8;

/**
 * The record key of part `part` of a delivery, on its `attempt`-th try: a valid TID (the key type
 * posts use), the same in every run. Its time is the scheduled second, so records sort by when they
 * were due; the microseconds and the clock id (30 bits in all) come from a hash of the ledger key,
 * the part and the attempt, so posts due in the same second get different keys. Should two collide
 * all the same, the content check in #slot tells them apart and the next attempt's key is used.
 */
export function recordKey(ledgerKey: string, scheduledAt: string, part: number, attempt = 0): string {
  const digest = createHash('sha256').update(`${ledgerKey}\n${part}\n${attempt}`).digest();
  const second = Math.floor(Date.parse(scheduledAt) / 1000);
  return TID.fromTime(
    second * 1_000_000 + (digest.readUInt32BE(0) % 1_000_000),
    digest.readUInt16BE(4) % 1024,
  ).toString();
}

/** A post from its link on bsky.app (https://bsky.app/profile/<handle or DID>/post/<key>). */
export function blueskyPart(channel: BlueskyChannel, link: string): RemotePart {
  const url = parseLink(link, `https://bsky.app/profile/${channel.handle}/post/3lxyz...`);
  const match = /^\/profile\/([^/]+)\/post\/([234567a-z]{13})\/?$/.exec(url.pathname);
  if (!match || !TID.is(match[2]!) || (match[1] !== channel.handle && !match[1]!.startsWith('did:'))) {
    throw new LinkError(
      `"${link}" is not a post of ${channel.handle} on bsky.app; give its link as bsky.app shows it, e.g. https://bsky.app/profile/${channel.handle}/post/3lxyz...`,
    );
  }
  return { id: `at://${match[1]}/${collection}/${match[2]}`, url: url.href };
}
