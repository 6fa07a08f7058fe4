import type { Channel } from '../../schemas/config.ts';
import type { RemotePart } from '../../schemas/ledger.ts';
import { credentialVariable, partSeparator } from '../../lib/networks/profiles.ts';
import { credentialsFor } from '../credentials.ts';
import { connectionFailure, creating, DeliveryFailure, fileFailure, type Failure } from '../failure.ts';
import type { Adapter, AdapterOptions, LoadedCard, SendRequest } from './adapter.ts';
import { request } from './http.ts';
import { LinkError, parseLink } from './link.ts';
import { littleText } from './linkedin-text.ts';
import type { LoadedMedia } from '../media.ts';

type LinkedinChannel = Extract<Channel, { network: 'linkedin' }>;

const defaultApi = 'https://api.linkedin.com';
/** Token introspection lives on LinkedIn's sign-in host, not the API's. */
const defaultOauth = 'https://www.linkedin.com';
/** LinkedIn's versioned REST API answers only for versions of the last year: raise this yearly. */
export const linkedinVersion = '202511';
/** How many times to ask, two seconds apart, whether an uploaded video is AVAILABLE. */
const videoPolls = 150;

/**
 * LinkedIn's REST Posts API, called with fetch: LinkedIn publishes no maintained JavaScript SDK for
 * it. Posts go out as the organisation (company page); images are uploaded through the Images API
 * and carry their alt text. LinkedIn has no threads: the parts become paragraphs of one post. It has
 * no idempotency key either, so an interrupted send is reported as unknown, never repeated. A
 * repost is a reshare: a post of the page's own whose reshareContext names the shared post, taken
 * down like any post.
 */
export class LinkedinAdapter implements Adapter {
  readonly network = 'linkedin';
  /** See networkTraits in index.ts: reading the page's posts back needs another permission. */
  static readonly traits = { safeResendMs: 0, lookup: false };
  readonly #channel: LinkedinChannel;
  readonly #token: string;
  readonly #options: AdapterOptions;
  readonly #api: string;
  readonly #client: { id: string; secret: string } | undefined;

  constructor(channel: LinkedinChannel, env: Record<string, string | undefined>, options: AdapterOptions) {
    this.#token = credentialsFor(channel, env).ACCESS_TOKEN;
    this.#channel = channel;
    this.#options = options;
    this.#api = (channel.api ?? defaultApi).replace(/\/$/, '');
    const id = env[credentialVariable(channel.id, 'CLIENT_ID')]?.trim();
    const secret = env[credentialVariable(channel.id, 'CLIENT_SECRET')]?.trim();
    this.#client = id && secret ? { id, secret } : undefined;
  }

  /**
   * When the access token expires, from LinkedIn's token introspection
   * (POST /oauth/v2/introspectToken with the app's client id and secret, answering `expires_at` in
   * epoch seconds). Only when HERALD_<CHANNEL>_CLIENT_ID and _CLIENT_SECRET are set; without them,
   * herald.yaml's credentialsExpire is all there is.
   */
  async credentialsExpire(): Promise<string | undefined> {
    if (!this.#client) return undefined;
    const base = (this.#channel.api ?? defaultOauth).replace(/\/$/, '');
    const response = await request(
      `${base}/oauth/v2/introspectToken`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_id: this.#client.id,
          client_secret: this.#client.secret,
          token: this.#token,
        }),
      },
      {
        ...this.#options,
        messageOf: linkedinMessage,
        refused: `LinkedIn refused the app's client id and secret in ${credentialVariable(this.#channel.id, 'CLIENT_ID')} and ${credentialVariable(this.#channel.id, 'CLIENT_SECRET')}`,
      },
    );
    const body = (await response.json()) as { active?: boolean; expires_at?: number };
    if (body.active === false) return new Date(this.#options.now()).toISOString();
    return typeof body.expires_at === 'number' ? new Date(body.expires_at * 1000).toISOString() : undefined;
  }

  get #author(): string {
    const id = this.#channel.organization;
    return id.startsWith('urn:') ? id : `urn:li:organization:${id}`;
  }

  #call(path: string, init: RequestInit): Promise<Response> {
    const url = path.startsWith('http') ? path : `${this.#api}${path}`;
    return request(
      url,
      {
        ...init,
        headers: {
          Authorization: `Bearer ${this.#token}`,
          'LinkedIn-Version': linkedinVersion,
          'X-Restli-Protocol-Version': '2.0.0',
          ...init.headers,
        },
      },
      {
        ...this.#options,
        messageOf: linkedinMessage,
        // The usual cause: LinkedIn's access tokens expire after 60 days.
        refused: `LinkedIn refused the access token in ${credentialVariable(this.#channel.id, 'ACCESS_TOKEN')}, and its tokens expire after 60 days: create a new one and store it there`,
      },
    );
  }

  /**
   * The Videos API: initializeUpload gives the video's URN and where to PUT each part; each PUT
   * answers an ETag, which finalizeUpload takes in order; the post may name the video once GET
   * /rest/videos/{urn} says AVAILABLE. Captions are announced with uploadCaptions, which adds a
   * captionsUploadUrl where the WebVTT file is put before finalizeUpload.
   */
  async #uploadVideo(item: LoadedMedia): Promise<string> {
    const started = await this.#call('/rest/videos?action=initializeUpload', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        initializeUploadRequest: {
          owner: this.#author,
          fileSizeBytes: item.data.length,
          uploadCaptions: item.captions !== undefined,
          uploadThumbnail: false,
        },
      }),
    });
    const { value } = (await started.json()) as {
      value: {
        video: string;
        uploadToken: string;
        uploadInstructions: { uploadUrl: string; firstByte: number; lastByte: number }[];
        captionsUploadUrl?: string;
      };
    };
    const etags: string[] = [];
    for (const part of value.uploadInstructions) {
      const put = await this.#call(part.uploadUrl, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/octet-stream' },
        body: item.data.subarray(part.firstByte, part.lastByte + 1) as Uint8Array<ArrayBuffer>,
      });
      etags.push(put.headers.get('etag') ?? '');
    }
    if (item.captions) {
      if (!value.captionsUploadUrl)
        throw new DeliveryFailure({
          kind: 'rejected',
          message: `LinkedIn gave no address for the captions ${item.captions.file}`,
        });
      try {
        await this.#call(value.captionsUploadUrl, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/octet-stream' },
          body: item.captions.data as Uint8Array<ArrayBuffer>,
        });
      } catch (error) {
        throw fileFailure(this.classify(error), `LinkedIn refused the captions ${item.captions.file}`);
      }
    }
    await this.#call('/rest/videos?action=finalizeUpload', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        finalizeUploadRequest: { video: value.video, uploadToken: value.uploadToken, uploadedPartIds: etags },
      }),
    });
    for (let poll = 0; ; poll++) {
      const answer = await this.#call(`/rest/videos/${encodeURIComponent(value.video)}`, { method: 'GET' });
      const { status } = (await answer.json()) as { status?: string };
      if (status === 'AVAILABLE') return value.video;
      if (status === 'PROCESSING_FAILED')
        throw new DeliveryFailure({ kind: 'rejected', message: `LinkedIn could not process ${item.file}` });
      if (poll === videoPolls)
        throw new DeliveryFailure({ kind: 'transient', message: `LinkedIn is still processing ${item.file}` });
      await this.#options.sleep(2000);
    }
  }

  /** An image uploaded through the Images API; answers its urn:li:image. */
  async #upload(data: Uint8Array, mimeType: string): Promise<string> {
    const started = await this.#call('/rest/images?action=initializeUpload', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ initializeUploadRequest: { owner: this.#author } }),
    });
    const { value } = (await started.json()) as { value: { uploadUrl: string; image: string } };
    await this.#call(value.uploadUrl, {
      method: 'PUT',
      headers: { 'Content-Type': mimeType },
      body: data as Uint8Array<ArrayBuffer>,
    });
    return value.image;
  }

  /**
   * An article share (the Posts API's content.article): LinkedIn reads no page for it, so the card's
   * title, description and thumbnail (an uploaded image) go with it.
   */
  async #article(card: LoadedCard) {
    const thumbnail = card.image ? await this.#upload(card.image.data, card.image.mimeType) : undefined;
    return {
      source: card.url,
      title: card.title,
      ...(card.description && { description: card.description }),
      ...(thumbnail && { thumbnail }),
    };
  }

  async send(request: SendRequest): Promise<RemotePart[]> {
    if (request.sent.length > 0) return request.sent;
    const { repost } = request.payload;
    if (repost)
      return this.#publish(request, { commentary: '', reshareContext: { parent: linkedinPart(repost).id } }, repost);
    const images = [];
    for (const item of request.media.filter((media) => !media.video))
      images.push({ id: await this.#upload(item.data, item.mimeType), altText: item.alt });
    const video = request.media.find((media) => media.video);
    const content = video
      ? { media: { id: await this.#uploadVideo(video), altText: video.alt } }
      : images.length === 1
        ? { media: images[0] }
        : images.length > 1
          ? { multiImage: { images } }
          : request.card
            ? { article: await this.#article(request.card) }
            : undefined;
    return this.#publish(request, {
      commentary: request.payload.parts.map(littleText).join(partSeparator),
      ...(content ? { content } : {}),
    });
  }

  /**
   * Creates the post (POST /rest/posts) as the organisation: its commentary and content, or for a
   * repost, the post it reshares (reshareContext.parent) and no commentary.
   */
  async #publish(request: SendRequest, fields: Record<string, unknown>, reposted?: string): Promise<RemotePart[]> {
    const post = () =>
      this.#call('/rest/posts', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          author: this.#author,
          visibility: 'PUBLIC',
          distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
          lifecycleState: 'PUBLISHED',
          isReshareDisabledByAuthor: false,
          ...fields,
        }),
      });
    const response = await creating(post, (error) => this.classify(error));
    const urn = response.headers.get('x-restli-id');
    // The post exists; only its id is missing. Sending again would make a second one.
    if (!urn)
      throw new DeliveryFailure({
        kind: 'uncertain',
        message: `${this.#api} accepted the post (HTTP ${response.status}) but did not say its id`,
      });
    const part: RemotePart = {
      id: urn,
      url: `https://www.linkedin.com/feed/update/${urn}/`,
      ...(reposted && { repostOf: linkedinPart(reposted).id }),
    };
    await request.onPart(part);
    return [part];
  }

  async retract(parts: RemotePart[]): Promise<void> {
    for (const part of parts) {
      try {
        await this.#call(`/rest/posts/${encodeURIComponent(part.id)}`, { method: 'DELETE' });
      } catch (error) {
        if (!(error instanceof DeliveryFailure && error.failure.status === 404)) throw error;
      }
    }
  }

  classify(error: unknown): Failure {
    if (error instanceof DeliveryFailure) return error.failure;
    return (
      connectionFailure(error, this.#api) ?? {
        kind: 'transient',
        message: `${this.#api}: ${error instanceof Error ? error.message : String(error)}`,
      }
    );
  }
}

/** A post from its link (https://www.linkedin.com/feed/update/urn:li:share:123/). */
export function linkedinPart(link: string): RemotePart {
  const url = parseLink(link, 'https://www.linkedin.com/feed/update/urn:li:share:7100000000000000000/');
  const urn = /^\/feed\/update\/(urn:li:(?:share|ugcPost|activity):\d+)\/?$/.exec(
    decodeURIComponent(url.pathname),
  )?.[1];
  if (!/^(?:www\.)?linkedin\.com$/.test(url.host) || !urn) {
    throw new LinkError(
      `"${link}" is not a post on linkedin.com; give its link as LinkedIn shows it, e.g. https://www.linkedin.com/feed/update/urn:li:share:7100000000000000000/`,
    );
  }
  return { id: urn, url: `https://www.linkedin.com/feed/update/${urn}/` };
}

/** LinkedIn's error body: { "message": "...", "status": 422, "serviceErrorCode": ... }. */
function linkedinMessage(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message : undefined;
  } catch {
    return undefined;
  }
}
