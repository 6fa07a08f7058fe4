import { Agent as HttpAgent } from 'node:http';
import {
  ApiPartialResponseError,
  ApiRequestError,
  ApiResponseError,
  TwitterApi,
  type ITwitterApiClientPlugin,
} from 'twitter-api-v2';
import type { Payload } from '../../lib/text/payload.ts';
import type { Channel } from '../../schemas/config.ts';
import type { RemotePart } from '../../schemas/ledger.ts';
import { credentialVariables } from '../../lib/networks/profiles.ts';
import { credentialsFor } from '../credentials.ts';
import { connectionFailure, creating, DeliveryFailure, fileFailure, httpFailure, type Failure } from '../failure.ts';
import type { LoadedMedia } from '../media.ts';
import { captionsFormat } from '../../lib/networks/video-formats.ts';
import type { Adapter, AdapterOptions, SendRequest } from './adapter.ts';
import { LinkError, parseLink } from './link.ts';

type XChannel = Extract<Channel, { network: 'x' }>;

const defaultApi = 'https://api.x.com';

/** Bytes per APPEND of a video or captions: X takes segments of up to 5 MB (docs.x.com media upload). */
const videoSegment = 4 * 1024 * 1024;
/** How many STATUS answers to wait through before a video still processing is left for a retry. */
const statusPolls = 60;

interface ProcessingInfo {
  state: 'pending' | 'in_progress' | 'succeeded' | 'failed';
  check_after_secs?: number;
  error?: { message?: string };
}

/**
 * X through twitter-api-v2 with OAuth 1.0a user context (the four keys of the app and the account):
 * images through the v2 chunked upload with alt text, the thread as replies. A video goes through
 * the same v2 endpoints step by step (initialize with media_category amplify_video, append in
 * segments, finalize, then GET STATUS as often as check_after_secs says, through the adapter's
 * sleep) until X has processed it: the client's own uploadMedia waits with a timer of its own and
 * stops asking when X gives no wait. Its captions take the same steps as media of category
 * subtitles and are tied to the video before the post goes out. X has no idempotency key: a send
 * interrupted before it was recorded cannot be checked, so the run reports it as unknown instead of
 * posting again. A repost is the exception: X keeps one per post, so it is asked again; undone with
 * unretweet.
 */
export class XAdapter implements Adapter {
  readonly network = 'x';
  /** See networkTraits in index.ts: reading the account's posts back is not free on X. */
  static readonly traits = { safeResendMs: 0, lookup: false };
  readonly #client: TwitterApi;
  readonly #channel: XChannel;
  readonly #options: AdapterOptions;
  readonly #accessToken: string;
  #me: Promise<string> | undefined;

  constructor(channel: XChannel, env: Record<string, string | undefined>, options: AdapterOptions) {
    const keys = credentialsFor(channel, env);
    this.#channel = channel;
    this.#options = options;
    this.#accessToken = keys.ACCESS_TOKEN;
    const api = channel.api ?? defaultApi;
    this.#client = new TwitterApi(
      {
        appKey: keys.API_KEY,
        appSecret: keys.API_SECRET,
        accessToken: keys.ACCESS_TOKEN,
        accessSecret: keys.ACCESS_SECRET,
      },
      {
        plugins: [requestsTo(api, options.timeoutMs)],
        ...(api.startsWith('http:') ? { httpAgent: new HttpAgent() } : {}),
      },
    );
  }

  async send(request: SendRequest): Promise<RemotePart[]> {
    if (request.payload.repost) return this.#repost(request, request.payload.repost);
    const parts = [...request.sent];
    const mediaIds = parts.length === 0 ? await this.#upload(request) : [];
    for (let i = parts.length; i < request.payload.parts.length; i++) {
      const text = request.payload.parts[i]!;
      const tweet = await creating(
        () =>
          this.#client.v2.tweet({
            text,
            ...(i === 0 && mediaIds.length > 0 ? { media: { media_ids: mediaIds as [string] } } : {}),
            ...(i === 0 && request.payload.poll
              ? {
                  poll: {
                    options: request.payload.poll.options,
                    // X counts a poll's time in whole minutes.
                    duration_minutes: Math.round(request.payload.poll.seconds / 60),
                  },
                }
              : {}),
            ...(i > 0 ? { reply: { in_reply_to_tweet_id: parts[i - 1]!.id } } : {}),
            ...(i === 0 && request.payload.quote ? { quote_tweet_id: xPart(request.payload.quote).id } : {}),
            ...replySettings(request.payload.replies),
          }),
        (error) => this.classify(error),
      );
      const part: RemotePart = {
        id: tweet.data.id,
        url: `https://x.com/${this.#channel.handle ?? 'i/web'}/status/${tweet.data.id}`,
      };
      parts.push(part);
      await request.onPart(part);
    }
    return parts;
  }

  /**
   * Reposts the post the link names (POST /2/users/:id/retweets). X keeps one repost of a post per
   * account: asked again, it answers retweeted: true (the v1.1 API answered 403 "You have already
   * retweeted this Tweet"), so a lost answer is asked again, and either answer counts as done.
   */
  async #repost(request: SendRequest, link: string): Promise<RemotePart[]> {
    if (request.sent.length > 0) return [...request.sent];
    const part = xRepostPart(link);
    const me = await this.#userId();
    try {
      await creating(
        () => this.#client.v2.retweet(me, part.id),
        (error) => this.classify(error),
        { repeatable: true },
      );
    } catch (error) {
      if (!alreadyReposted(error)) throw error;
    }
    await request.onPart(part);
    return [part];
  }

  /**
   * The account's user id, which the repost endpoints name: the number its access token begins
   * with, as X's guide to managing reposts says; else asked once per run (GET /2/users/me, which
   * X charges as a "User: Read").
   */
  #userId(): Promise<string> {
    const fromToken = /^(\d+)-/.exec(this.#accessToken)?.[1];
    if (fromToken) return Promise.resolve(fromToken);
    this.#me ??= this.#client.v2.me().then(
      (user) => user.data.id,
      (error: unknown) => {
        this.#me = undefined;
        throw error;
      },
    );
    return this.#me;
  }

  async #upload(request: SendRequest): Promise<string[]> {
    const ids: string[] = [];
    for (const item of request.media) {
      const id = item.video
        ? await this.#uploadInSegments(item.file, item.data, item.mimeType, 'amplify_video')
        : await this.#client.v2.uploadMedia(Buffer.from(item.data), { media_type: item.mimeType as 'image/jpeg' });
      await this.#client.v2.createMediaMetadata(id, { alt_text: { text: item.alt } });
      if (item.captions) await this.#addCaptions(id, item.captions);
      ids.push(id);
    }
    return ids;
  }

  /**
   * A video's captions, before the post names the video: the WebVTT file goes up as media of
   * category subtitles, then POST /2/media/subtitles ties it to the video with its language.
   */
  async #addCaptions(videoId: string, captions: NonNullable<LoadedMedia['captions']>): Promise<void> {
    try {
      const id = await this.#uploadInSegments(captions.file, captions.data, captionsFormat.mimeType, 'subtitles');
      await this.#client.v2.post('media/subtitles', {
        id: videoId,
        media_category: 'AmplifyVideo',
        subtitles: { id, ...subtitlesLanguage(captions.lang) },
      });
    } catch (error) {
      throw fileFailure(this.classify(error), `X refused the captions ${captions.file}`);
    }
  }

  /** A file through the chunked upload, then STATUS until X has processed it (videos; captions need none). */
  async #uploadInSegments(
    file: string,
    data: Uint8Array,
    mediaType: string,
    category: 'amplify_video' | 'subtitles',
  ): Promise<string> {
    const v2 = this.#client.v2;
    const init = await v2.post<{ data: { id: string } }>('media/upload/initialize', {
      media_type: mediaType,
      total_bytes: data.length,
      media_category: category,
    });
    const id = init.data.id;
    for (let start = 0, segment = 0; start < data.length; start += videoSegment, segment++) {
      const media = Buffer.from(data.subarray(start, start + videoSegment));
      await v2.post(`media/upload/${id}/append`, { segment_index: segment, media }, { forceBodyMode: 'form-data' });
    }
    const finalized = await v2.post<{ data: { processing_info?: ProcessingInfo } }>(`media/upload/${id}/finalize`);
    let info = finalized.data.processing_info;
    for (let poll = 0; info && info.state !== 'succeeded'; poll++) {
      if (info.state === 'failed') {
        throw new DeliveryFailure({
          kind: 'rejected',
          message: `X could not process ${file}: ${info.error?.message ?? 'no reason given'}`,
        });
      }
      if (poll === statusPolls) {
        throw new DeliveryFailure({ kind: 'transient', message: `X is still processing ${file}` });
      }
      await this.#options.sleep(Math.max(1, info.check_after_secs ?? 1) * 1000);
      const status = await v2.get<{ data: { processing_info?: ProcessingInfo } }>('media/upload', {
        command: 'STATUS',
        media_id: id,
      });
      info = status.data.processing_info;
    }
    return id;
  }

  async retract(parts: RemotePart[]): Promise<void> {
    for (const part of [...parts].reverse()) {
      try {
        // A repost is undone on the reposted post (DELETE /2/users/:id/retweets/:source_tweet_id).
        if (part.repostOf) await this.#client.v2.unretweet(await this.#userId(), part.repostOf);
        else await this.#client.v2.deleteTweet(part.id);
      } catch (error) {
        if (!(error instanceof ApiResponseError && error.code === 404)) throw error;
      }
    }
  }

  /** What to do when X refuses the keys: any of the four can be the wrong one. */
  #refused(): string {
    const names = credentialVariables(this.#channel);
    return `X refused the keys in ${names.slice(0, -1).join(', ')} and ${names.at(-1)}: check that they are the app's and the account's current ones`;
  }

  classify(error: unknown): Failure {
    if (error instanceof DeliveryFailure) return error.failure;
    const where = this.#channel.api ?? defaultApi;
    if (error instanceof ApiResponseError) {
      const data = error.data as { detail?: string; title?: string; errors?: { message?: string; detail?: string }[] };
      // `detail` is X's generic sentence; the errors say what was wrong with this request.
      const specific = data.errors
        ?.map((e) => e.message ?? e.detail)
        .filter(Boolean)
        .join('; ');
      const message = specific || data.detail || data.title || error.message;
      const reset = error.rateLimit?.reset;
      return httpFailure(
        error.code,
        message,
        reset ? Math.max(0, reset * 1000 - this.#options.now()) : undefined,
        this.#refused(),
      );
    }
    if (error instanceof ApiRequestError) {
      const cause = requestErrorOf(error);
      return (
        connectionFailure(cause, where) ?? {
          kind: 'transient',
          message: `${where}: ${cause instanceof Error ? cause.message : error.message}`,
        }
      );
    }
    if (error instanceof ApiPartialResponseError)
      return { kind: 'transient', message: `${where}: the answer was cut off` };
    return (
      connectionFailure(error, where) ?? {
        kind: 'transient',
        message: `${where}: ${error instanceof Error ? error.message : String(error)}`,
      }
    );
  }
}

/** X's answer that the account has reposted the post already (the v1.1 API's code 327). */
function alreadyReposted(error: unknown): boolean {
  if (!(error instanceof ApiResponseError) || error.code !== 403) return false;
  return /already retweeted|already reposted/i.test(JSON.stringify(error.data));
}

/**
 * How X names a captions track: its language as X's examples write it (the language subtag in
 * capitals, "EN"), and the name viewers pick it by, the language's own name for itself ("British
 * English" for en-GB, "português" for pt).
 */
function subtitlesLanguage(tag: string): { language_code: string; display_name: string } {
  const language = new Intl.Locale(tag).language;
  return {
    language_code: language.toUpperCase(),
    display_name: new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag,
  };
}

/**
 * Who may reply to each post of the thread (reply_settings). X has no setting for no one: the rules
 * allow "nobody" only on a post that mentions no one, where "mentioned users" leaves no one else.
 */
function replySettings(replies: Payload['replies']): { reply_settings?: 'following' | 'mentionedUsers' } {
  if (replies === 'following') return { reply_settings: 'following' };
  if (replies === 'mentioned' || replies === 'nobody') return { reply_settings: 'mentionedUsers' };
  return {};
}

/**
 * Sends every request to `api` instead of api.x.com (a proxy, or a test server) and gives each a
 * timeout, through the client's own plugin hook.
 */
function requestsTo(api: string, timeoutMs: number): ITwitterApiClientPlugin {
  const base = api.replace(/\/$/, '');
  return {
    onBeforeRequestConfig({ params }) {
      params.url = params.url.replace(/^https:\/\/(?:api|upload)\.x\.com/, base);
      params.timeout = timeoutMs;
    },
  };
}

/**
 * The network error behind an ApiRequestError. twitter-api-v2 1.29 keeps it as `_options.error`
 * while its `requestError` getter reads `_options.requestError`, which is never set.
 */
function requestErrorOf(error: ApiRequestError): unknown {
  return error.requestError ?? (error as unknown as { _options?: { error?: unknown } })._options?.error;
}

/**
 * A repost as the ledger keeps it, from a run or from `herald ledger settle`: the reposted post's
 * id, which undoing the repost names (X gives a repost no id of its own to delete), and the link
 * as the post writes it.
 */
export function xRepostPart(link: string): RemotePart {
  const { id } = xPart(link);
  return { id, url: link, repostOf: id };
}

/** A post from its link (https://x.com/<handle>/status/<id>, or twitter.com). */
export function xPart(link: string): RemotePart {
  const url = parseLink(link, 'https://x.com/account/status/1860000000000000000');
  const id = /^\/(?:[A-Za-z0-9_]+|i\/web)\/status\/(\d+)\/?$/.exec(url.pathname)?.[1];
  if (!/^(?:www\.|mobile\.)?(?:x|twitter)\.com$/.test(url.host) || !id) {
    throw new LinkError(
      `"${link}" is not a post on x.com; give its link as X shows it, e.g. https://x.com/account/status/1860000000000000000`,
    );
  }
  return { id, url: `https://x.com/${url.pathname.split('/')[1]}/status/${id}` };
}
