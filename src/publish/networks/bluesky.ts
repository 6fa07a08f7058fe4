import { createHash } from 'node:crypto';
import {
  AtpAgent,
  XRPCError,
  type $Typed,
  type AppBskyEmbedExternal,
  type AppBskyFeedPost,
  type AppBskyFeedRepost,
  type ComAtprotoLabelDefs,
  type AppBskyFeedPostgate,
  type AppBskyFeedThreadgate,
  type AppBskyEmbedVideo,
  type BlobRef,
} from '@atproto/api';
import { TID } from '@atproto/common-web';
import type { Payload } from '../../lib/text/payload.ts';
import type { Channel } from '../../schemas/config.ts';
import type { RemotePart } from '../../schemas/ledger.ts';
import { credentialsFor } from '../credentials.ts';
import { connectionFailure, creating, DeliveryFailure, httpFailure, type Failure } from '../failure.ts';
import type { Adapter, AdapterOptions, LoadedCard, SendRequest } from './adapter.ts';
import { blueskyText } from './bluesky-text.ts';
import { LinkError, parseLink } from './link.ts';
import type { LoadedMedia } from '../media.ts';

type BlueskyChannel = Extract<Channel, { network: 'bluesky' }>;

const collection = 'app.bsky.feed.post';
const repostCollection = 'app.bsky.feed.repost';
const threadgate = 'app.bsky.feed.threadgate';
const postgate = 'app.bsky.feed.postgate';

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
 * A repost is an app.bsky.feed.repost record of the post's at-uri and cid, under a record key from
 * the delivery too, and undone by deleting that record.
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
  #logins = 0;

  constructor(channel: BlueskyChannel, env: Record<string, string | undefined>, options: AdapterOptions) {
    this.#password = credentialsFor(channel, env).APP_PASSWORD;
    this.#channel = channel;
    this.#options = options;
    this.#agent = new AtpAgent({
      service: channel.service,
      fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(options.timeoutMs) }),
    });
  }

  /**
   * Logs in once per run; a failed login is forgotten so the next attempt tries again. Every attempt
   * counts against Bluesky's 300 logins a day, so each is counted (see logins).
   */
  #did(): Promise<string> {
    if (!this.#session) this.#logins++;
    this.#session ??= this.#agent.login({ identifier: this.#channel.handle, password: this.#password }).then(
      (response) => response.data.did,
      (error: unknown) => {
        this.#session = undefined;
        throw error;
      },
    );
    return this.#session;
  }

  logins(): number {
    return this.#logins;
  }

  async send(request: SendRequest): Promise<RemotePart[]> {
    const did = await this.#did();
    if (request.payload.repost) return this.#repost(did, request, request.payload.repost);
    const parts = [...request.sent];
    const embed = parts.length === 0 ? await this.#embed(request, did) : undefined;
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
                ...(request.payload.language ? { langs: [request.payload.language] } : {}),
                ...(i === 0 && request.payload.contentLabels
                  ? { labels: selfLabels(request.payload.contentLabels) }
                  : {}),
                ...(i === 0 && embed ? { embed } : {}),
                ...(root && parent ? { reply: { root: strongRef(root), parent: strongRef(parent) } } : {}),
              } satisfies AppBskyFeedPost.Record,
            }),
          (error) => this.classify(error),
          { repeatable: true },
        );
        record = { uri: created.data.uri, cid: created.data.cid };
      }
      await this.#gate(did, request.payload, i, record.uri);
      const part = this.#part(record);
      parts.push(part);
      await request.onPart(part);
    }
    return parts;
  }

  async find(request: Omit<SendRequest, 'media' | 'onPart'>): Promise<RemotePart[]> {
    const did = await this.#did();
    if (request.payload.repost) {
      if (request.sent.length > 0) return [...request.sent];
      const subject = await this.#subject(request.payload.repost, 'repost');
      const { found } = await this.#repostSlot(did, request, subject);
      return found ? [this.#repostPart(found, request.payload.repost, subject)] : [];
    }
    const parts = [...request.sent];
    for (let i = parts.length; i < request.payload.parts.length; i++) {
      const { found } = await this.#slot(did, request, i, parts);
      if (!found) break;
      // A run may have died between the post and its gates: what is found gets them now.
      await this.#gate(did, request.payload, i, found.uri);
      parts.push(this.#part(found));
    }
    return parts;
  }

  /**
   * Reposts the post the link names: an app.bsky.feed.repost record whose subject is the post's
   * at-uri and cid, under a record key from the delivery (as a post's parts), so a repeated send
   * finds the repost it made instead of making a second one.
   */
  async #repost(did: string, request: SendRequest, link: string): Promise<RemotePart[]> {
    if (request.sent.length > 0) return [...request.sent];
    const subject = await this.#subject(link, 'repost');
    const slot = await this.#repostSlot(did, request, subject);
    let record = slot.found;
    if (!record) {
      const created = await creating(
        () =>
          this.#agent.com.atproto.repo.createRecord({
            repo: did,
            collection: repostCollection,
            rkey: slot.free,
            validate: true,
            record: {
              $type: repostCollection,
              subject,
              createdAt: new Date(this.#options.now()).toISOString(),
            } satisfies AppBskyFeedRepost.Record,
          }),
        (error) => this.classify(error),
        { repeatable: true },
      );
      record = { uri: created.data.uri, cid: created.data.cid };
    }
    const part = this.#repostPart(record, link, subject);
    await request.onPart(part);
    return [part];
  }

  /** The repost as the ledger keeps it: its record, the link people open, and the post it reposts. */
  #repostPart(record: { uri: string; cid: string }, link: string, subject: { uri: string }): RemotePart {
    return { id: record.uri, cid: record.cid, url: link, repostOf: subject.uri };
  }

  /** Where the repost of this delivery is or goes, as #slot finds a part's: a key holding another record is passed over. */
  async #repostSlot(
    did: string,
    request: Pick<SendRequest, 'key' | 'scheduledAt'>,
    subject: { uri: string },
  ): Promise<{ found?: { uri: string; cid: string }; free: string }> {
    for (let attempt = 0; attempt < maxKeyAttempts; attempt++) {
      const rkey = recordKey(request.key, request.scheduledAt, 0, attempt);
      const existing = await this.#existing(did, rkey, repostCollection);
      if (!existing) return { free: rkey };
      if ((existing.value as { subject?: { uri?: unknown } }).subject?.uri === subject.uri)
        return { found: existing, free: rkey };
    }
    throw new DeliveryFailure({
      kind: 'uncertain',
      message: `${this.#channel.service}: the record keys of ${request.key} are all taken by other records`,
    });
  }

  /**
   * Who may reply to and quote part `i`: a threadgate on the thread's first post (it governs the
   * whole thread; the author may always reply), a postgate on every post. Each is put under the
   * post's own record key, as the lexicons require, so putting it again changes nothing.
   */
  async #gate(did: string, payload: Payload, i: number, uri: string): Promise<void> {
    const rkey = uri.split('/').at(-1)!;
    const createdAt = new Date(this.#options.now()).toISOString();
    const put = (gate: string, record: AppBskyFeedThreadgate.Record | AppBskyFeedPostgate.Record) =>
      this.#agent.com.atproto.repo.putRecord({ repo: did, collection: gate, rkey, validate: true, record });
    if (i === 0 && payload.replies && payload.replies !== 'everyone')
      await put(threadgate, { $type: threadgate, post: uri, allow: allowOf(payload.replies), createdAt });
    if (payload.quotes === 'nobody')
      await put(postgate, {
        $type: postgate,
        post: uri,
        embeddingRules: [{ $type: 'app.bsky.feed.postgate#disableRule' }],
        createdAt,
      });
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

  async #existing(
    did: string,
    rkey: string,
    of = collection,
  ): Promise<{ uri: string; cid: string; value: unknown } | undefined> {
    try {
      const found = await this.#agent.com.atproto.repo.getRecord({ repo: did, collection: of, rkey });
      return found.data.cid ? { uri: found.data.uri, cid: found.data.cid, value: found.data.value } : undefined;
    } catch (error) {
      if (error instanceof XRPCError && error.error === 'RecordNotFound') return undefined;
      throw error;
    }
  }

  /**
   * A post has one embed: its images or its video, else its link card, with the quoted post around
   * them (recordWithMedia).
   */
  async #embed(request: SendRequest, did: string) {
    const video = request.media.find((item) => item.video);
    const media = video
      ? await this.#video(did, video)
      : request.media.length > 0
        ? await this.#images(request)
        : request.card
          ? await this.#external(request.card)
          : undefined;
    if (!request.payload.quote) return media;
    const record = { $type: 'app.bsky.embed.record', record: await this.#subject(request.payload.quote, 'quote') };
    return media ? { $type: 'app.bsky.embed.recordWithMedia', record, media } : record;
  }

  /**
   * The at-uri and cid of the post a bsky.app link names, to quote or repost: its handle resolved
   * to a DID, then the record read from the repository through this PDS, or where the PDS does not
   * hold it, from the AppView the PDS passes app.bsky reads to.
   */
  async #subject(link: string, to: 'quote' | 'repost'): Promise<{ uri: string; cid: string }> {
    const [, actor, rkey] = /^\/profile\/([^/]+)\/post\/([^/]+)\/?$/.exec(new URL(link).pathname)!;
    const notFound = () =>
      new DeliveryFailure({
        kind: 'rejected',
        message: `cannot find the post to ${to}, ${link}: check the link, or that the post is still there`,
      });
    let did = actor!;
    if (!did.startsWith('did:')) {
      try {
        did = (await this.#agent.resolveHandle({ handle: did })).data.did;
      } catch (error) {
        if (error instanceof XRPCError && error.status === 400) throw notFound();
        throw error;
      }
    }
    const unanswered = (error: unknown) => {
      if (error instanceof XRPCError) return undefined;
      throw error;
    };
    const found = await this.#existing(did, rkey!).catch(unanswered);
    if (found) return { uri: found.uri, cid: found.cid };
    const uri = `at://${did}/${collection}/${rkey}`;
    const posts = await this.#agent.app.bsky.feed.getPosts({ uris: [uri] }).catch(unanswered);
    const post = posts?.data.posts[0];
    if (!post) throw notFound();
    return { uri: post.uri, cid: post.cid };
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

  /** A link card (app.bsky.embed.external), its picture uploaded as the thumb blob. */
  async #external(card: LoadedCard): Promise<$Typed<AppBskyEmbedExternal.Main>> {
    const thumb = card.image
      ? (await this.#agent.uploadBlob(card.image.data, { encoding: card.image.mimeType })).data.blob
      : undefined;
    return {
      $type: 'app.bsky.embed.external',
      external: { uri: card.url, title: card.title, description: card.description, ...(thumb && { thumb }) },
    };
  }

  async retract(parts: RemotePart[]): Promise<void> {
    const did = await this.#did();
    for (const part of [...parts].reverse()) {
      const rkey = part.id.split('/').at(-1)!;
      // A repost is undone by deleting its record (at://did/app.bsky.feed.repost/rkey).
      if (part.repostOf) {
        await this.#agent.com.atproto.repo.deleteRecord({ repo: did, collection: repostCollection, rkey });
        continue;
      }
      // Deleting a record that is already gone succeeds; the gates go with their post.
      await this.#agent.com.atproto.repo.deleteRecord({ repo: did, collection, rkey });
      for (const gate of [threadgate, postgate])
        await this.#agent.com.atproto.repo.deleteRecord({ repo: did, collection: gate, rkey });
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

/** The post's content labels as the record carries them (com.atproto.label.defs#selfLabels). */
function selfLabels(values: string[]): $Typed<ComAtprotoLabelDefs.SelfLabels> {
  return { $type: 'com.atproto.label.defs#selfLabels', values: values.map((val) => ({ val })) };
}

/** A threadgate's allow rules: an empty list lets no one reply. */
function allowOf(replies: 'following' | 'followers' | 'mentioned' | 'nobody'): AppBskyFeedThreadgate.Record['allow'] {
  if (replies === 'following') return [{ $type: 'app.bsky.feed.threadgate#followingRule' }];
  if (replies === 'followers') return [{ $type: 'app.bsky.feed.threadgate#followerRule' }];
  if (replies === 'mentioned') return [{ $type: 'app.bsky.feed.threadgate#mentionRule' }];
  return [];
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
