import { createHash } from 'node:crypto';
import { credentialVariable } from '../../lib/networks/profiles.ts';
import { isHttpUrl } from '../../schemas/common.ts';
import type { Channel } from '../../schemas/config.ts';
import type { RemotePart } from '../../schemas/ledger.ts';
import type { Payload } from '../../lib/text/payload.ts';
import { credentialsFor } from '../credentials.ts';
import { connectionFailure, creating, DeliveryFailure, httpFailure, setupFailure, type Failure } from '../failure.ts';
import type { LoadedMedia } from '../media.ts';
import type { Adapter, AdapterOptions, SendRequest } from './adapter.ts';
import { LinkError, parseLink } from './link.ts';
import { looseForm, storedForm } from '../../lib/text/stored-text.ts';

type ThreadsChannel = Extract<Channel, { network: 'threads' }>;

/** An image or video at the address Threads fetches it from, checked to serve the reviewed bytes. */
interface Fetched {
  url: string;
  alt: string;
  video: boolean;
}

const defaultApi = 'https://graph.threads.net';
/** The Graph API version in every path. */
export const threadsVersion = 'v1.0';
/**
 * How often, and how long apart, to ask whether a container is ready. Meta advises once a minute for
 * at most 5 minutes (Troubleshooting): a video is asked about so; images take seconds, so their
 * container is asked about sooner.
 */
const imageWait = { polls: 10, everyMs: 3000 };
/** The slowest the site may serve its copy of a file to the check, on top of the request timeout. */
const servedBytesPerSecond = 5_000_000;
const videoWait = { polls: 5, everyMs: 60_000 };
/** A server's clock may be this far behind the runner's: posts are looked for from this long before the post was due. */
const clockSkewMs = 10 * 60_000;
/** Pages (100 posts each) of the account's posts or replies searched for a send that may have arrived. */
const lookupPages = 5;

/**
 * Graph API error codes (developers.facebook.com/docs/graph-api/guides/error-handling) and what
 * they mean for a delivery: 190, the token expired or was revoked; 4, 17, 32 and 613, a rate limit
 * (the app's, the user's, a page's, a custom one); 10 and 200–299, a missing permission.
 */
const tokenRefused = new Set([102, 190]);
const rateLimited = new Set([4, 17, 32, 613]);
const permission = (code: number) => code === 10 || (code >= 200 && code <= 299);

/** The error object every Graph API error answer carries. */
interface GraphError {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  error_user_msg?: string;
  fbtrace_id?: string;
}

interface ThreadsPost {
  id: string;
  text?: string;
  timestamp?: string;
  permalink?: string;
  replied_to?: { id: string };
}

/**
 * Threads (Meta) over its Graph API, with fetch: Meta publishes no JavaScript SDK for it. Each part
 * is two steps: a media container (TEXT, with a poll on the first part; IMAGE with image_url; VIDEO
 * with video_url; CAROUSEL with its IMAGE and VIDEO children), then threads_publish; later parts reply
 * to the one before (reply_to_id). Threads fetches images and videos itself, from the site's copy of
 * the post's media (SendRequest.publicMedia), which must serve
 * exactly the reviewed bytes. Threads has no idempotency key: a publish whose answer was lost is
 * reported unknown at once, and before anything of that delivery is sent again the account's own
 * posts and replies (text, time, the post replied to) are looked through and what is there adopted.
 */
export class ThreadsAdapter implements Adapter {
  readonly network = 'threads';
  /** See networkTraits in index.ts: no idempotency, but the account's posts can be read for free. */
  static readonly traits = { safeResendMs: 0, lookup: true };
  readonly #channel: ThreadsChannel;
  readonly #token: string;
  readonly #options: AdapterOptions;
  readonly #api: string;
  readonly #user: string;

  constructor(channel: ThreadsChannel, env: Record<string, string | undefined>, options: AdapterOptions) {
    this.#token = credentialsFor(channel, env).ACCESS_TOKEN;
    this.#channel = channel;
    this.#options = options;
    this.#api = `${(channel.api ?? defaultApi).replace(/\/$/, '')}/${threadsVersion}`;
    this.#user = channel.userId ?? 'me';
  }

  /**
   * When the access token expires, from Threads' debug_token (the token inspecting itself, which a
   * Threads tester of the app may do): `expires_at` in epoch seconds, or now when it is no longer
   * valid. The run warns the notify webhooks 14 and 3 days ahead, as for herald.yaml's credentialsExpire.
   */
  async credentialsExpire(): Promise<string | undefined> {
    const { data } = await this.#call<{ data?: { is_valid?: boolean; expires_at?: number } }>('GET', '/debug_token', {
      input_token: this.#token,
    });
    if (data?.is_valid === false) return new Date(this.#options.now()).toISOString();
    // 0 is Graph's "never expires".
    return data?.expires_at ? new Date(data.expires_at * 1000).toISOString() : undefined;
  }

  /** One Graph API call: the token as access_token (in the form for POST, else in the query), the error object read into a Failure. */
  async #call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, params: Record<string, string> = {}): Promise<T> {
    const form = new URLSearchParams({ ...params, access_token: this.#token });
    const url = method === 'POST' ? `${this.#api}${path}` : `${this.#api}${path}?${form}`;
    const response = await fetch(url, {
      method,
      ...(method === 'POST' && {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form,
      }),
      signal: AbortSignal.timeout(this.#options.timeoutMs),
    });
    const text = await response.text();
    if (!response.ok) throw new DeliveryFailure(this.#failure(response.status, text));
    try {
      return (text ? JSON.parse(text) : {}) as T;
    } catch {
      // A 2xx was carried out: what it did is unknown, so a publish must not be repeated blindly.
      throw new DeliveryFailure({
        kind: 'transient',
        status: response.status,
        message: `${this.#api}${path} answered HTTP ${response.status} with something that is not JSON`,
        mayHaveArrived: true,
      });
    }
  }

  #failure(status: number, body: string): Failure {
    let error: GraphError = {};
    try {
      error = ((JSON.parse(body) as { error?: GraphError }).error ?? {}) as GraphError;
    } catch {
      // Not Meta's error object (a proxy's page): the status says what there is to say.
    }
    const said = [error.error_user_msg ?? error.message ?? (body.trim().slice(0, 300) || 'no message')];
    if (error.code !== undefined)
      said.push(`code ${error.code}${error.error_subcode ? `/${error.error_subcode}` : ''}`);
    const message = `HTTP ${status}: ${said.join(', ')}`;
    const code = error.code ?? -1;
    if (tokenRefused.has(code) || (error.type === 'OAuthException' && status === 401))
      return {
        kind: 'setup',
        status,
        message,
        reconnect: `Threads refused the access token in ${credentialVariable(this.#channel.id, 'ACCESS_TOKEN')} (long-lived tokens last 60 days): create a new one and store it there`,
      };
    if (rateLimited.has(code))
      return { kind: 'transient', status, message: `${message} (a Threads rate limit: wait and try again)` };
    if (permission(code))
      return {
        kind: 'setup',
        status,
        message: `${message} (the token lacks a permission: it needs threads_basic, threads_content_publish and, to retract, threads_delete)`,
      };
    return {
      ...httpFailure(status, said.join(', ')),
      ...(error.code !== undefined && status < 500 && { kind: 'rejected' }),
    };
  }

  async send(request: SendRequest): Promise<RemotePart[]> {
    const parts = [...request.sent];
    const media = parts.length === 0 ? await this.#media(request) : [];
    for (let i = parts.length; i < request.payload.parts.length; i++) {
      const container = await this.#container(request.payload, i, i === 0 ? media : [], parts[i - 1]?.id);
      // The container is only a draft; publishing it is what creates the post, so only that may be uncertain.
      const { id } = await creating(
        () => this.#call<{ id?: string }>('POST', `/${this.#user}/threads_publish`, { creation_id: container }),
        (error) => this.classify(error),
      );
      // The post exists; only its id is missing. Publishing again would make a second one.
      if (!id)
        throw new DeliveryFailure({
          kind: 'uncertain',
          message: `Threads accepted part ${i + 1} but did not say its id`,
        });
      const part: RemotePart = { id, ...(await this.#permalink(id)) };
      parts.push(part);
      await request.onPart(part);
    }
    return parts;
  }

  /**
   * The public address of each image or video, checked to serve exactly the reviewed bytes: Threads
   * takes what the address serves when it fetches it, and an approval covers the reviewed file only.
   */
  async #media(request: SendRequest): Promise<Fetched[]> {
    return Promise.all(
      request.media.map(async (item, i) => {
        const where = request.publicMedia?.[i];
        if (!where)
          throw setupFailure(`Herald has no public address for ${item.file}, which Threads needs to fetch it`);
        if ('refused' in where) throw setupFailure(where.refused);
        await this.#checkServed(item, where.url);
        return { url: where.url, alt: item.alt, video: item.video !== undefined };
      }),
    );
  }

  /** Reads the site's copy through a running digest, so a video of a gigabyte is never held whole. */
  async #checkServed(item: LoadedMedia, url: string): Promise<void> {
    const redeploy = `Threads fetches ${item.file} from there: deploy the site (the pages workflow) and the next run sends the post`;
    const served = createHash('sha256');
    try {
      // The whole file is read: a video of a gigabyte needs longer than one request's timeout.
      const budget = this.#options.timeoutMs + Math.ceil(item.data.length / servedBytesPerSecond) * 1000;
      const response = await fetch(url, { signal: AbortSignal.timeout(budget) });
      if (!response.ok || !response.body)
        throw setupFailure(`the site does not serve ${url} (HTTP ${response.status}); ${redeploy}`);
      for await (const chunk of response.body) served.update(chunk);
    } catch (error) {
      if (error instanceof DeliveryFailure) throw error;
      throw setupFailure(`the site could not be reached at ${url} (${genericMessage(error)}); ${redeploy}`);
    }
    if (served.digest('hex') !== digest(item.data))
      throw setupFailure(`the site's copy at ${url} is not the reviewed ${item.file}; ${redeploy}`);
  }

  /**
   * A media container for part `index`: TEXT (with the poll on the first part), IMAGE, VIDEO, or a
   * CAROUSEL of IMAGE and VIDEO items, replying to `replyTo`.
   */
  async #container(payload: Payload, index: number, media: Fetched[], replyTo: string | undefined): Promise<string> {
    const text = payload.parts[index]!;
    const reply: Record<string, string> = {
      ...(replyTo && { reply_to_id: replyTo }),
      ...replyControl(payload.replies),
    };
    const item = (fetched: Fetched, extra: Record<string, string>) =>
      this.#call<{ id: string }>('POST', `/${this.#user}/threads`, {
        ...(fetched.video
          ? { media_type: 'VIDEO', video_url: fetched.url }
          : { media_type: 'IMAGE', image_url: fetched.url }),
        ...(fetched.alt && { alt_text: fetched.alt }),
        ...extra,
      });
    let id: string;
    if (media.length === 0) {
      ({ id } = await this.#call<{ id: string }>('POST', `/${this.#user}/threads`, {
        media_type: 'TEXT',
        text,
        ...reply,
        ...(index === 0 && payload.poll && { poll_attachment: pollAttachment(payload.poll.options) }),
      }));
      return id;
    }
    if (media.length === 1) {
      ({ id } = await item(media[0]!, { text, ...reply }));
      await this.#ready(id, media[0]!.video);
      return id;
    }
    // Every item is created first, so Threads processes the videos side by side, then each is awaited.
    const children: string[] = [];
    for (const fetched of media) children.push((await item(fetched, { is_carousel_item: 'true' })).id);
    for (const [i, child] of children.entries()) await this.#ready(child, media[i]!.video);
    ({ id } = await this.#call<{ id: string }>('POST', `/${this.#user}/threads`, {
      media_type: 'CAROUSEL',
      children: children.join(','),
      text,
      ...reply,
    }));
    await this.#ready(
      id,
      media.some((fetched) => fetched.video),
    );
    return id;
  }

  /**
   * Waits until Threads has fetched and processed a container's media (status FINISHED): an image
   * takes seconds, a video longer, for which Meta advises asking once a minute for at most 5 minutes.
   * ERROR is a refusal with Threads' reason, except a failed download, which a later run may get past.
   */
  async #ready(container: string, video: boolean): Promise<void> {
    const { polls, everyMs } = video ? videoWait : imageWait;
    const what = video ? 'the video' : 'the images';
    for (let poll = 0; ; poll++) {
      const { status, error_message } = await this.#call<{ status?: string; error_message?: string }>(
        'GET',
        `/${container}`,
        { fields: 'status,error_message' },
      );
      if (status === 'FINISHED' || status === 'PUBLISHED') return;
      if (status === 'ERROR' && error_message === 'FAILED_DOWNLOADING_VIDEO')
        throw new DeliveryFailure({
          kind: 'transient',
          message: `Threads could not download the video from the site (FAILED_DOWNLOADING_VIDEO); the next run tries again`,
        });
      if (status === 'ERROR' || status === 'EXPIRED')
        throw new DeliveryFailure({
          kind: 'rejected',
          message: video
            ? `Threads could not take the video (${error_message ?? status}): check it against Threads' limits (MP4 with H.264 or HEVC video and AAC sound, at most 5 minutes, 1 GB and 1920 pixels wide, 23 to 60 frames a second), export it again and change the post`
            : `Threads could not take the images (${error_message ?? status}): check that they are JPEG or PNG of at most 8 MB`,
        });
      if (poll === polls) break;
      await this.#options.sleep(everyMs);
    }
    throw new DeliveryFailure({
      kind: 'transient',
      message: `Threads was still processing ${what} after ${Math.round((polls * everyMs) / 1000)} seconds; the next run tries again`,
    });
  }

  /** The post's link; the post exists whatever this answers, so a failure only leaves the link out. */
  async #permalink(id: string): Promise<{ url?: string }> {
    try {
      const { permalink } = await this.#call<{ permalink?: string }>('GET', `/${id}`, { fields: 'permalink' });
      return permalink && isHttpUrl(permalink) ? { url: permalink } : {};
    } catch {
      return {};
    }
  }

  /**
   * The parts of the delivery already on the account: the first among its posts (GET /{user}/threads),
   * each later one among its replies (GET /{user}/replies), matched by the post it replies to, a time
   * no earlier than the post was due, and its text as stored (storedForm: NFC, LF, no trailing blanks).
   * A post that matches only loosely (looseForm) is neither taken nor sent past: the delivery stays
   * unknown, for a person to settle.
   */
  async find(request: Omit<SendRequest, 'media' | 'onPart'>): Promise<RemotePart[]> {
    const parts = [...request.sent];
    const since = Math.floor((Date.parse(request.scheduledAt) - clockSkewMs) / 1000);
    const lists = new Map<string, ThreadsPost[]>();
    const listOf = async (edge: 'threads' | 'replies') => {
      let list = lists.get(edge);
      if (!list) lists.set(edge, (list = await this.#list(edge, since)));
      return list;
    };
    for (let i = parts.length; i < request.payload.parts.length; i++) {
      const parent = parts[i - 1]?.id;
      const part = request.payload.parts[i]!;
      const candidates = (await listOf(parent ? 'replies' : 'threads')).filter(
        (post) =>
          (parent ? post.replied_to?.id === parent : !post.replied_to) &&
          Date.parse(post.timestamp ?? '') >= since * 1000,
      );
      const found = candidates.find((post) => storedForm(post.text ?? '') === storedForm(part));
      if (!found) {
        const near = candidates.find((post) => looseForm(post.text ?? '') === looseForm(part));
        // Perhaps this part as Threads rewrote it, perhaps another post: sending it again could post it twice.
        if (near)
          throw new DeliveryFailure({
            kind: 'uncertain',
            message: `Threads has a post (${near.permalink ?? `id ${near.id}`}, ${near.timestamp}) whose text is part ${i + 1}'s only if spacing, case or look-alike characters are ignored, so Herald cannot tell whether this delivery arrived and sends nothing. Look at that post, then settle the delivery with herald ledger settle: published with id ${near.id} if it is this part, not-sent if it is not`,
          });
        break;
      }
      parts.push({ id: found.id, ...(found.permalink && isHttpUrl(found.permalink) && { url: found.permalink }) });
    }
    return parts;
  }

  async #list(edge: 'threads' | 'replies', since: number): Promise<ThreadsPost[]> {
    const posts: ThreadsPost[] = [];
    let after: string | undefined;
    for (let page = 0; page < lookupPages; page++) {
      const answer = await this.#call<{
        data: ThreadsPost[];
        paging?: { cursors?: { after?: string }; next?: string };
      }>('GET', `/${this.#user}/${edge}`, {
        fields: `id,text,timestamp,permalink${edge === 'replies' ? ',replied_to' : ''}`,
        since: String(since),
        limit: '100',
        ...(after && { after }),
      });
      posts.push(...answer.data);
      after = answer.paging?.next ? answer.paging.cursors?.after : undefined;
      if (!after) return posts;
    }
    throw new DeliveryFailure({
      kind: 'uncertain',
      message: `Threads: the account has more than ${lookupPages * 100} ${edge === 'replies' ? 'replies' : 'posts'} since the post was due, too many to look through`,
    });
  }

  async retract(parts: RemotePart[]): Promise<void> {
    for (const part of [...parts].reverse()) {
      try {
        await this.#call('DELETE', `/${encodeURIComponent(part.id)}`);
      } catch (error) {
        // Already gone is what we wanted: Graph answers a missing object with code 100, subcode 33.
        const failure = this.classify(error);
        if (!(failure.status === 404 || /code 100\/33\b/.test(failure.message))) throw error;
      }
    }
  }

  classify(error: unknown): Failure {
    if (error instanceof DeliveryFailure) return error.failure;
    return (
      connectionFailure(error, this.#api) ?? {
        kind: 'transient',
        message: `${this.#api}: ${genericMessage(error)}`,
      }
    );
  }
}

/**
 * A poll as Threads takes it: a JSON object of option_a to option_d. Threads takes no duration (its
 * polls stay open 24 hours, which the rules hold a post's duration to) and no multiple choice.
 */
function pollAttachment(options: string[]): string {
  return JSON.stringify(Object.fromEntries(options.map((option, i) => [`option_${'abcd'[i]}`, option])));
}

/**
 * Who may reply to each post of the thread (reply_control). Threads has no setting for no one: the
 * rules refuse "nobody" on a post that mentions someone, and on one that mentions no one
 * mentioned_only leaves only the account itself.
 */
function replyControl(replies: Payload['replies']): { reply_control?: string } {
  if (replies === 'following') return { reply_control: 'accounts_you_follow' };
  if (replies === 'followers') return { reply_control: 'followers_only' };
  if (replies === 'mentioned' || replies === 'nobody') return { reply_control: 'mentioned_only' };
  return {};
}

const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const genericMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * A post a person found on the account, for `herald ledger settle`: its numeric media id, as the
 * API lists it (GET /me/threads?fields=id,permalink). A link as Threads shows it
 * (https://www.threads.com/@user/post/<code>) names the post by a short code, not by the id Herald
 * needs to reply under it or retract it, so it is refused with how to find the id.
 */
export function threadsPart(channel: ThreadsChannel, link: string): RemotePart {
  if (/^\d+$/.test(link.trim())) return { id: link.trim() };
  const example = `https://www.threads.com/@${channel.handle.replace(/^@/, '')}/post/DAbCdEfGhIj`;
  parseLink(link, example);
  throw new LinkError(
    `give the post's numeric id instead of "${link}": Threads' links name a post by a short code, and Herald needs the id to reply under it or retract it. GET https://graph.threads.net/v1.0/me/threads?fields=id,permalink with the channel's token lists both`,
  );
}
