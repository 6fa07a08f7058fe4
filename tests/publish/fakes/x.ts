import { credentialVariable } from '../../../src/lib/networks/profiles.ts';
import type { ServerResponse } from 'node:http';
import { json, jsonOf, multipartOf, startServer, type FakeServer, type SeenRequest } from './server.ts';

/**
 * The X API v2 at the HTTP boundary, as twitter-api-v2 calls it for publishing: the chunked media
 * upload (initialize, append, finalize), media metadata for alt text, tweets with replies, deletion.
 * Requests must carry an OAuth 1.0a header for the test app's consumer key and access token.
 * X has no idempotency key: every accepted POST /2/tweets makes a new tweet. Answers carry X's
 * rate-limit headers (x-rate-limit-limit, -remaining, and -reset in epoch seconds by the fake's
 * clock `now`); errors are X's problem documents.
 *
 * Videos as X processes them: initialize takes a JSON body (media_type, total_bytes,
 * media_category), append a multipart form (segment_index, media), finalize answers 400 when the
 * segments do not add up to total_bytes, and for a video a processing_info
 * ({state: pending, check_after_secs}); GET /2/media/upload?command=STATUS&media_id= answers
 * in_progress `videoPolls` times, then succeeded (or failed, with `failVideo`). A tweet naming a
 * video that is not processed yet is refused, as X does.
 *
 * Captions as X takes them: initialize with media_category subtitles and media_type text/vtt or
 * text/srt (anything else is refused), append, finalize (no processing), then POST /2/media/subtitles
 * ({id: the video, media_category: AmplifyVideo or TweetVideo, subtitles: {id, language_code,
 * display_name}}) ties them to a video, answering the video's associated_subtitles; an unknown or
 * wrong id is refused with X's 400 problem document, and so is every request after `failSubtitles`
 * is set (X's answer to a subtitles file it cannot read).
 *
 * Tweets keep their poll, reply_settings and quote_tweet_id; a poll beside media or a quote, or
 * outside X's limits, is refused with X's 400 problem document.
 *
 * Reposts as X keeps them, one per post and account: GET /2/users/me names the account, POST
 * /2/users/:id/retweets ({tweet_id}) answers {data: {id, retweeted: true}}, the same when the post
 * is reposted already (or, with `repeatForbidden`, the 403 "You have already retweeted this Tweet."
 * of X's older API), and 403 for another user's id; DELETE /2/users/:id/retweets/:tweet_id answers
 * {data: {retweeted: false}}, also when there was none. `retweetFaults` are queued per repost
 * request: `server-error` makes the repost, then answers 503.
 *
 * Faults are queued per POST /2/tweets request (null: answered as usual):
 * - `rate-limit`: 429, nothing created, the window resets in a minute;
 * - `rate-limit-window`: 429, nothing created, the window resets in 15 minutes (X's usual window);
 * - `server-error`: 503, and whether the tweet was created is not said (here it was not).
 */
export type XFault = 'rate-limit' | 'rate-limit-window' | 'server-error';

export interface Tweet {
  id: string;
  text: string;
  reply?: { in_reply_to_tweet_id: string };
  media?: { media_ids: string[] };
  poll?: { options: string[]; duration_minutes: number };
  reply_settings?: 'following' | 'mentionedUsers' | 'subscribers' | 'verified';
  quote_tweet_id?: string;
}

export interface FakeX extends FakeServer {
  tweets: Map<string, Tweet>;
  altTexts: Map<string, string>;
  /** Called when a tweet is created, before the answer is sent. */
  onCreate?: () => void;
  /** The next POST /2/tweets creates the tweet and then never answers. */
  hangAfterCreate: boolean;
  faults: (XFault | null)[];
  /** X's clock, epoch ms: where the rate-limit windows reset from. */
  now: number;
  /** Each upload by media id: its initialize body and the bytes appended, in segment order. */
  uploads: Map<string, { media_type: string; total_bytes: number; media_category?: string; bytes: Uint8Array }>;
  /** How many STATUS answers a video stays in_progress. */
  videoPolls: number;
  /** Processing of the next video fails with this message. */
  failVideo?: string;
  /** The captions tied to each video, by its media id. */
  subtitles: Map<string, Subtitles[]>;
  /** POST /2/media/subtitles is refused with this message. */
  failSubtitles?: string;
  /** The ids of the posts the account has reposted. */
  retweets: Set<string>;
  retweetFaults: 'server-error'[];
  /** A repeated repost answers X's older 403 instead of retweeted: true. */
  repeatForbidden: boolean;
}

export interface Subtitles {
  id: string;
  language_code: string;
  display_name: string;
}

/** The test account's user id on X, which its access token begins with. */
export const xUserId = '1500000000000000001';

/** An access token of the same account that does not begin with its id, which X also accepts here. */
export const xOpaqueAccessToken = 'x-opaque-access-token';

export const xKeys = {
  API_KEY: 'x-consumer-key',
  API_SECRET: 'x-consumer-secret',
  // As X issues them: the account's user id, a hyphen, then the token proper.
  ACCESS_TOKEN: '1500000000000000001-xaccesstoken',
  ACCESS_SECRET: 'x-access-secret',
};

/** The environment variables of an X channel with id `channel` holding the fake's keys, as a user sets them. */
export function xEnv(channel = 'x'): Record<string, string> {
  return Object.fromEntries(Object.entries(xKeys).map(([name, value]) => [credentialVariable(channel, name), value]));
}

export async function startX(): Promise<FakeX> {
  const tweets = new Map<string, Tweet>();
  const altTexts = new Map<string, string>();
  const uploads: FakeX['uploads'] = new Map();
  const segments = new Map<string, Map<number, Uint8Array>>();
  /** STATUS answers left before each video is processed, or a failure. */
  const processing = new Map<string, { left: number; failure?: string }>();
  let next = 1_860_000_000_000_000_000n;
  let fake: FakeX;
  const server = await startServer((request, response) => {
    const auth = String(request.headers.authorization ?? '');
    if (
      !auth.startsWith('OAuth ') ||
      !auth.includes(`oauth_consumer_key="${xKeys.API_KEY}"`) ||
      !(auth.includes(`oauth_token="${xKeys.ACCESS_TOKEN}"`) || auth.includes(`oauth_token="${xOpaqueAccessToken}"`))
    ) {
      return json(response, 401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
    }
    const path = request.path.split('?')[0]!;
    const resetIn = (seconds: number) => ({
      'x-rate-limit-limit': '100',
      'x-rate-limit-remaining': '0',
      'x-rate-limit-reset': String(Math.floor(fake.now / 1000) + seconds),
    });
    if (request.method === 'POST' && path === '/2/tweets') {
      const fault = fake.faults.shift();
      if (fault === 'rate-limit' || fault === 'rate-limit-window') {
        return json(
          response,
          429,
          { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
          resetIn(fault === 'rate-limit' ? 60 : 15 * 60),
        );
      }
      if (fault === 'server-error')
        return json(response, 503, {
          title: 'Service Unavailable',
          detail: 'Service Unavailable',
          type: 'about:blank',
          status: 503,
        });
    }
    if (request.method === 'GET' && path === '/2/users/me')
      return json(response, 200, { data: { id: xUserId, name: 'Riverside', username: 'riverside' } });
    const reposting = /^\/2\/users\/(\d+)\/retweets(?:\/(\d+))?$/.exec(path);
    if (reposting) return repost(request, response, reposting[1]!, reposting[2]);
    if (request.method === 'POST' && path === '/2/media/upload/initialize') {
      const mediaId = String(next++);
      const body = jsonOf<{ media_type: string; total_bytes: number; media_category?: string }>(request);
      if (body.media_category === 'subtitles' && !['text/vtt', 'text/srt'].includes(body.media_type))
        return json(
          response,
          400,
          invalid(`media_type ${body.media_type} is not allowed for media_category subtitles`),
        );
      uploads.set(mediaId, { ...body, bytes: new Uint8Array(0) });
      segments.set(mediaId, new Map());
      return json(response, 200, { data: { id: mediaId, media_key: `3_${mediaId}`, expires_after_secs: 86400 } });
    }
    const append = /^\/2\/media\/upload\/(\d+)\/(append|finalize)$/.exec(path);
    if (request.method === 'POST' && append) {
      const mediaId = append[1]!;
      const upload = uploads.get(mediaId);
      if (!upload) return json(response, 400, invalid('Invalid media_id'));
      if (append[2] === 'append') {
        const form = multipartOf(request);
        const media = form.get('media');
        if (!media) return json(response, 400, invalid('media is required'));
        segments.get(mediaId)!.set(Number(form.get('segment_index')?.toString('utf8')), new Uint8Array(media));
        return json(response, 200, {});
      }
      const parts = [...segments.get(mediaId)!.entries()].sort(([a], [b]) => a - b).map(([, bytes]) => bytes);
      upload.bytes = new Uint8Array(Buffer.concat(parts));
      if (upload.bytes.length !== upload.total_bytes)
        return json(response, 400, invalid('File size does not match the total_bytes given at initialize'));
      const video = upload.media_type.startsWith('video/');
      if (video) {
        processing.set(mediaId, { left: fake.videoPolls, ...(fake.failVideo && { failure: fake.failVideo }) });
        delete fake.failVideo;
      }
      return json(response, 200, {
        data: {
          id: mediaId,
          media_key: `${video ? 7 : 3}_${mediaId}`,
          size: upload.total_bytes,
          expires_after_secs: 86400,
          ...(video && { processing_info: { state: 'pending', check_after_secs: 1 } }),
        },
      });
    }
    if (request.method === 'GET' && path === '/2/media/upload') {
      const query = new URL(request.path, 'http://fake').searchParams;
      const mediaId = query.get('media_id') ?? '';
      const state = processing.get(mediaId);
      if (query.get('command') !== 'STATUS' || !uploads.has(mediaId))
        return json(response, 400, invalid('Invalid media_id'));
      const data = { id: mediaId, media_key: `7_${mediaId}` };
      if (!state) return json(response, 200, { data });
      if (state.failure)
        return json(response, 200, {
          data: {
            ...data,
            processing_info: {
              state: 'failed',
              progress_percent: 0,
              error: { code: 1, name: 'InvalidMedia', message: state.failure },
            },
          },
        });
      if (state.left > 0) {
        state.left--;
        return json(response, 200, {
          data: { ...data, processing_info: { state: 'in_progress', check_after_secs: 5, progress_percent: 50 } },
        });
      }
      processing.delete(mediaId);
      return json(response, 200, { data: { ...data, processing_info: { state: 'succeeded', progress_percent: 100 } } });
    }
    if (request.method === 'POST' && path === '/2/media/subtitles') {
      const body = jsonOf<{ id: string; media_category: string; subtitles?: Partial<Subtitles> }>(request);
      const video = uploads.get(body.id);
      const file = body.subtitles?.id ? uploads.get(body.subtitles.id) : undefined;
      const category = { AmplifyVideo: 'amplify_video', TweetVideo: 'tweet_video' }[body.media_category];
      if (!video || !category || video.media_category !== category)
        return json(response, 400, invalid('Invalid media_id'));
      if (!file || file.media_category !== 'subtitles' || !body.subtitles?.language_code)
        return json(response, 400, invalid('Invalid subtitles'));
      if (fake.failSubtitles) return json(response, 400, invalid(fake.failSubtitles));
      const tied = [
        ...(fake.subtitles.get(body.id) ?? []),
        {
          id: body.subtitles.id!,
          language_code: body.subtitles.language_code,
          display_name: body.subtitles.display_name ?? '',
        },
      ];
      fake.subtitles.set(body.id, tied);
      return json(response, 200, {
        data: { associated_subtitles: tied, id: body.id, media_category: body.media_category },
      });
    }
    if (request.method === 'POST' && path === '/2/media/metadata') {
      const body = jsonOf<{ id: string; metadata: { alt_text: { text: string } } }>(request);
      altTexts.set(body.id, body.metadata.alt_text.text);
      return json(response, 200, { data: { id: body.id, associated_metadata: body.metadata } });
    }
    if (request.method === 'POST' && path === '/2/tweets') {
      const body = jsonOf<Omit<Tweet, 'id'>>(request);
      const unready = body.media?.media_ids.find((m) => processing.has(m) || !uploads.has(m));
      if (unready) return json(response, 400, invalid('Your media IDs are invalid.'));
      // X's answers to a poll it refuses: beside media, or outside its limits.
      if (body.poll && body.media)
        return json(response, 400, invalid('Your request cannot contain both media and poll.'));
      if (body.poll && body.quote_tweet_id)
        return json(response, 400, invalid('Your request cannot contain both poll and quote_tweet_id.'));
      if (body.poll && (body.poll.options.length < 2 || body.poll.options.length > 4))
        return json(response, 400, invalid('The poll must have between 2 and 4 options.'));
      if (body.poll && (body.poll.duration_minutes < 5 || body.poll.duration_minutes > 10_080))
        return json(response, 400, invalid('The poll duration must be between 5 and 10080 minutes.'));
      if (body.text.length > 280)
        return json(response, 400, {
          title: 'Invalid Request',
          detail: 'One or more parameters to your request was invalid.',
          type: 'https://api.twitter.com/2/problems/invalid-request',
          errors: [{ message: 'Your Tweet text is too long.' }],
        });
      const id = String(next++);
      tweets.set(id, { id, ...body });
      fake.onCreate?.();
      if (fake.hangAfterCreate) {
        fake.hangAfterCreate = false;
        return;
      }
      return json(response, 201, { data: { id, text: body.text, edit_history_tweet_ids: [id] } });
    }
    const remove = /^\/2\/tweets\/(\d+)$/.exec(path);
    if (request.method === 'DELETE' && remove) {
      const deleted = tweets.delete(remove[1]!);
      return json(response, 200, { data: { deleted } });
    }
    return json(response, 404, {
      title: 'Not Found Error',
      detail: `Could not find ${path}`,
      type: 'https://api.twitter.com/2/problems/resource-not-found',
    });
  });
  function repost(request: SeenRequest, response: ServerResponse, user: string, undo: string | undefined) {
    if (user !== xUserId)
      return json(response, 403, {
        title: 'Forbidden',
        detail: 'You are not permitted to perform this action.',
        type: 'about:blank',
        status: 403,
      });
    if (request.method === 'DELETE' && undo) {
      fake.retweets.delete(undo);
      return json(response, 200, { data: { retweeted: false } });
    }
    if (request.method !== 'POST' || undo) return json(response, 405, { title: 'Method Not Allowed', status: 405 });
    const tweetId = jsonOf<{ tweet_id: string }>(request).tweet_id;
    if (fake.retweets.has(tweetId) && fake.repeatForbidden)
      return json(response, 403, {
        title: 'Forbidden',
        detail: 'You have already retweeted this Tweet.',
        type: 'about:blank',
        status: 403,
      });
    fake.retweets.add(tweetId);
    if (fake.retweetFaults.shift() === 'server-error')
      return json(response, 503, {
        title: 'Service Unavailable',
        detail: 'Service Unavailable',
        type: 'about:blank',
        status: 503,
      });
    return json(response, 200, { data: { id: tweetId, retweeted: true } });
  }

  fake = {
    ...server,
    retweets: new Set(),
    retweetFaults: [],
    repeatForbidden: false,
    tweets,
    altTexts,
    uploads,
    videoPolls: 2,
    subtitles: new Map(),
    hangAfterCreate: false,
    faults: [],
    now: Date.parse('2026-12-03T17:31:00Z'),
  };
  return fake;
}

/** X's problem document for a request it refuses. */
function invalid(message: string) {
  return {
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: 'https://api.twitter.com/2/problems/invalid-request',
    errors: [{ message }],
  };
}
