import type { ServerResponse } from 'node:http';
import { formOf, json, jsonOf, startServer, type FakeServer, type SeenRequest } from './server.ts';

/**
 * Mastodon's REST API at the HTTP boundary, as far as publishing uses it: media uploads (v2),
 * statuses with replies, visibility, spoiler text, sensitive media and language, deletion, and the Idempotency-Key the server
 * keeps for an hour per account; and for looking up what arrived, the account's own statuses (newest
 * first, paged with max_id and a Link header) and each status's source text, which need the read
 * scopes (a token without them gets 403, as Mastodon answers). JSON shapes and error bodies as
 * Mastodon sends them. The server's clock is `now`, which tests move; it stamps created_at and ages
 * the idempotency keys.
 *
 * Scheduled statuses as Mastodon keeps them: POST /api/v1/statuses with scheduled_at answers a
 * ScheduledStatus ({id, scheduled_at, params, media_attachments}, the Idempotency-Key kept in
 * params.idempotency) instead of a Status, and 422 "Validation failed: Scheduled at The scheduled
 * date must be in the future" when scheduled_at is less than 5 minutes ahead; GET (list and one),
 * PUT (scheduled_at only) and DELETE /api/v1/scheduled_statuses. A scheduled status becomes a status,
 * and leaves the list, once the fake's clock reaches its time (checked at every request).
 *
 * Media as Mastodon processes it: an image is ready at once (200 with its url); a video is processed
 * in the background: POST /api/v2/media answers 202 with `url: null`, GET /api/v1/media/:id answers
 * 206 with `url: null` while it is processing (`videoPolls` times) and 200 with the url once done
 * (both need only write:media). A status naming media still processing gets 422 "Cannot attach files
 * that have not finished processing. Try again in a moment!", and one with a video and other media
 * 422 "Validation failed: You cannot attach a video to a post that already contains images"
 * (PostStatusService#validate_media!).
 *
 * Statuses carry what Mastodon 4.5 keeps of a poll (poll[options][], expires_in, multiple), of
 * quote_approval_policy (as quote_approval) and of quoted_status_id (as quote); a poll beside media,
 * a poll outside PollValidator's limits and a quoted status the server does not know are refused as
 * Mastodon refuses them. GET /api/v2/search finds a status by its link: one of this server, or with
 * resolve=true one of another server added with addRemote, with `reblogged` as the account sees it.
 *
 * Boosts as Mastodon makes them: POST /api/v1/statuses/:id/reblog (visibility public, unlisted or
 * private) answers the boost, a status of its own whose `reblog` is the boosted status; asked again,
 * it answers the same boost (ReblogService). POST /api/v1/statuses/:id/unreblog removes the boost
 * and answers the boosted status, also when there was none; an unknown status is 404. Faults for
 * boosts are queued in `boostFaults`: `server-error` (500, nothing made), `reset` (the boost IS made,
 * then the connection is cut).
 *
 * Faults are queued per POST /api/v1/statuses request:
 * - `rate-limit`: 429 with Retry-After, nothing created;
 * - `server-error`: 500, nothing created;
 * - `timeout`: the status IS created, the answer never comes (the client gives up);
 * - `reset`: the status IS created, then the connection is cut;
 * - `invalid`: 422 with Mastodon's validation message.
 */
export type MastodonFault = 'rate-limit' | 'server-error' | 'timeout' | 'reset' | 'invalid';

export interface Status {
  id: string;
  account: { id: string; username: string; acct: string };
  created_at: string;
  in_reply_to_id: string | null;
  sensitive: boolean;
  spoiler_text: string;
  visibility: string;
  /** ISO 639 code; null when none was given (Mastodon then falls back to the account's). */
  language: string | null;
  uri: string;
  url: string | null;
  content: string;
  text: string;
  media_attachments: { id: string; type: string; url: string | null; description: string | null }[];
  poll: Poll | null;
  /** Mastodon 4.5: who may quote it, from quote_approval_policy (public, followers, nobody). */
  quote_approval: { automatic: string[]; manual: string[]; current_user: string };
  /** Mastodon 4.5: the status it quotes. */
  quote: { state: 'accepted'; quoted_status_id: string } | null;
}

/** A status's poll as Mastodon shows it. */
export interface Poll {
  id: string;
  expires_at: string;
  expired: boolean;
  multiple: boolean;
  votes_count: number;
  options: { title: string; votes_count: number }[];
}

/** What POST /api/v1/statuses takes (masto.js sends it as JSON). */
interface StatusBody {
  status: string;
  visibility?: string;
  spoiler_text?: string;
  sensitive?: boolean;
  language?: string;
  media_ids?: string[];
  in_reply_to_id?: string;
  poll?: { options: string[]; expires_in: number; multiple?: boolean };
  quote_approval_policy?: 'public' | 'followers' | 'nobody';
  quoted_status_id?: string;
}

export interface ScheduledStatus {
  id: string;
  scheduled_at: string;
  params: {
    text: string;
    poll: StatusBody['poll'] | null;
    media_ids: string[] | null;
    sensitive: boolean | null;
    visibility: string | null;
    language: string | null;
    idempotency: string | null;
    scheduled_at: null;
    spoiler_text: string | null;
    application_id: number;
    in_reply_to_id: string | null;
    with_rate_limit: boolean;
    quote_approval_policy?: StatusBody['quote_approval_policy'] | null;
    quoted_status_id?: string | null;
  };
  media_attachments: Status['media_attachments'];
}

export interface FakeMastodon extends FakeServer {
  statuses: Map<string, Status>;
  scheduled: Map<string, ScheduledStatus>;
  faults: MastodonFault[];
  /** The server's clock, epoch ms. */
  now: number;
  /** Called when a status is created, before the answer is sent (the crash test kills the client here). */
  onCreate?: () => void;
  /** What the server says a new status's uri and url are; a hostile server may say anything. */
  addresses?: (statusId: string) => { uri: string; url: string | null };
  /** The Idempotency-Key of every POST /api/v1/statuses, in order. */
  keys(): string[];
  /** How many GET /api/v1/media/:id a video takes before it is processed. */
  videoPolls: number;
  /** The bytes of each upload, by media id. */
  uploads: Map<string, Uint8Array>;
  /** Statuses of other servers that a search with resolve=true finds: their link → the local id (see addRemote). */
  remote: Record<string, string>;
  /** A status on another server, which this one fetches when searched for by its link; returns its local id. */
  addRemote(link: string, text: string): string;
  /** The account's boosts: the boosted status's id → the boost. */
  boosts: Map<string, Boost>;
  boostFaults: ('server-error' | 'reset')[];
}

/** A boost as Mastodon answers it: a status of the account's own, around the boosted one. */
export interface Boost {
  id: string;
  created_at: string;
  visibility: string;
  uri: string;
  url: string;
  reblog: Status & { reblogged: true };
}

export const mastodonToken = 'mastodon-secret-token-123';
/** A token with the write scopes only (write:statuses write:media): it cannot read the account's statuses back. */
export const mastodonWriteOnlyToken = 'mastodon-write-only-token-456';

const account = {
  id: '1',
  username: 'riverside',
  acct: 'riverside',
  display_name: 'Riverside',
  url: 'https://mastodon.example/@riverside',
};
const keptMs = 60 * 60_000;
/** Mastodon's ScheduledStatus::MINIMUM_OFFSET. */
const minimumOffsetMs = 5 * 60_000;
const tooSoon = { error: 'Validation failed: Scheduled at The scheduled date must be in the future' };

export async function startMastodon(): Promise<FakeMastodon> {
  const statuses = new Map<string, Status>();
  const scheduled = new Map<string, ScheduledStatus>();
  const media = new Map<string, Status['media_attachments'][number]>();
  const idempotency = new Map<string, { id: string; at: number }>();
  const uploads = new Map<string, Uint8Array>();
  /** Polls left until each video is processed. */
  const processing = new Map<string, number>();
  /** Statuses of other servers this one has fetched, by id. */
  const remote = new Map<string, Status>();
  const boosts = new Map<string, Boost>();
  let next = 109_000_000_000_000_000n;
  const id = () => String(next++);
  let fake: FakeMastodon;

  const server = await startServer(async (request, response) => {
    const url = new URL(request.path, 'http://fake');
    const path = url.pathname;
    const token = request.headers.authorization;
    if (token !== `Bearer ${mastodonToken}` && token !== `Bearer ${mastodonWriteOnlyToken}`)
      return json(response, 401, { error: 'The access token is invalid' });
    const reading = request.method === 'GET';
    const attachment = /^\/api\/v1\/media\/(\d+)$/.exec(path);
    if (reading && attachment) return poll(attachment[1]!, response);
    if (reading && token !== `Bearer ${mastodonToken}`)
      return json(response, 403, { error: 'This action is outside the authorized scopes' });
    publishDue();
    if (reading && path === '/api/v1/scheduled_statuses') {
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 20), 40);
      return json(
        response,
        200,
        [...scheduled.values()].sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1)).slice(0, limit),
      );
    }
    const one = /^\/api\/v1\/scheduled_statuses\/(\d+)$/.exec(path);
    if (one) {
      const item = scheduled.get(one[1]!);
      if (!item) return json(response, 404, { error: 'Record not found' });
      if (request.method === 'DELETE') {
        scheduled.delete(item.id);
        return json(response, 200, {});
      }
      if (request.method === 'PUT') {
        const at = jsonOf<{ scheduled_at?: string }>(request).scheduled_at;
        if (!at || Date.parse(at) < fake.now + minimumOffsetMs) return json(response, 422, tooSoon);
        item.scheduled_at = new Date(at).toISOString();
      }
      return json(response, 200, item);
    }
    if (request.method === 'POST' && path === '/api/v2/media') return upload(request, response);
    if (request.method === 'POST' && path === '/api/v1/statuses') return create(request, response);
    if (reading && path === '/api/v1/accounts/verify_credentials')
      return json(response, 200, { ...account, source: { privacy: 'public', note: '' } });
    if (reading && path === `/api/v1/accounts/${account.id}/statuses`) return list(url, response);
    if (reading && path === '/api/v2/search') {
      // resolve=true: a status of this server by its url or uri, or a remote one the server fetches.
      const q = url.searchParams.get('q') ?? '';
      const local = [...statuses.values()].find((s) => s.url === q || s.uri === q);
      const found =
        local ?? (url.searchParams.get('resolve') === 'true' ? remote.get(fake.remote[q] ?? '') : undefined);
      return json(response, 200, {
        accounts: [],
        hashtags: [],
        statuses: found ? [{ ...found, reblogged: boosts.has(found.id) }] : [],
      });
    }
    const boosting = /^\/api\/v1\/statuses\/(\d+)\/(reblog|unreblog)$/.exec(path);
    if (request.method === 'POST' && boosting) return boost(request, response, boosting[1]!, boosting[2] === 'reblog');
    const source = /^\/api\/v1\/statuses\/(\d+)\/source$/.exec(path);
    if (reading && source) {
      const status = statuses.get(source[1]!);
      return status
        ? json(response, 200, { id: status.id, text: status.text, spoiler_text: status.spoiler_text })
        : json(response, 404, { error: 'Record not found' });
    }
    const match = /^\/api\/v1\/statuses\/(\d+)$/.exec(path);
    if (match) {
      const status = statuses.get(match[1]!);
      if (!status) return json(response, 404, { error: 'Record not found' });
      if (request.method === 'DELETE') statuses.delete(status.id);
      return json(response, 200, status);
    }
    return json(response, 404, { error: 'Record not found' });
  });

  /** ReblogService and the unreblog action, as the Mastodon API answers them. */
  function boost(request: SeenRequest, response: ServerResponse, statusId: string, make: boolean) {
    const status = statuses.get(statusId) ?? remote.get(statusId);
    if (!status) return json(response, 404, { error: 'Record not found' });
    if (!make) {
      boosts.delete(statusId);
      return json(response, 200, { ...status, reblogged: false });
    }
    const fault = fake.boostFaults.shift();
    if (fault === 'server-error')
      return json(response, 500, { error: "We're sorry, but something went wrong on our end." });
    const visibility = jsonOf<{ visibility?: string }>(request).visibility ?? 'public';
    if (!['public', 'unlisted', 'private'].includes(visibility))
      return json(response, 422, { error: 'Validation failed: Visibility is not included in the list' });
    let made = boosts.get(statusId);
    if (!made) {
      const boostId = id();
      made = {
        id: boostId,
        created_at: new Date(fake.now).toISOString(),
        visibility,
        uri: `${server.url}/users/riverside/statuses/${boostId}/activity`,
        url: `${server.url}/users/riverside/statuses/${boostId}/activity`,
        reblog: { ...status, reblogged: true },
      };
      boosts.set(statusId, made);
    }
    if (fault === 'reset') {
      response.socket?.destroy();
      return;
    }
    json(response, 200, made);
  }

  /** The account's statuses, newest first, `limit` at a time before `max_id`. */
  function list(url: URL, response: ServerResponse) {
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 20), 40);
    const maxId = url.searchParams.get('max_id');
    const all = [...statuses.values()]
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
      .filter((s) => !maxId || BigInt(s.id) < BigInt(maxId));
    const page = all.slice(0, limit);
    const next: Record<string, string> =
      all.length > limit
        ? {
            Link: `<${server.url}/api/v1/accounts/${account.id}/statuses?limit=${limit}&max_id=${page.at(-1)!.id}>; rel="next"`,
          }
        : {};
    json(
      response,
      200,
      page.map(({ text: _text, ...status }) => status),
      next,
    );
  }

  async function upload(request: SeenRequest, response: ServerResponse) {
    const form = await formOf(request);
    const file = form.get('file');
    if (!(file instanceof Blob) || file.size === 0)
      return json(response, 422, { error: 'Validation failed: File could not be processed' });
    const video = file.type.startsWith('video/');
    const attachment = {
      id: id(),
      type: video ? 'video' : 'image',
      url: video ? null : `${server.url}/system/media/${media.size}.png`,
      preview_url: `${server.url}/system/media/${media.size}-small.png`,
      description: (form.get('description') as string | null) ?? null,
      blurhash: 'UBL_:rOpGG-;~qRjWBay',
    };
    media.set(attachment.id, attachment);
    uploads.set(attachment.id, new Uint8Array(await file.arrayBuffer()));
    if (video) processing.set(attachment.id, fake.videoPolls);
    json(response, video ? 202 : 200, attachment);
  }

  function poll(mediaId: string, response: ServerResponse) {
    const attachment = media.get(mediaId);
    if (!attachment) return json(response, 404, { error: 'Record not found' });
    const left = processing.get(mediaId);
    if (left !== undefined && left > 0) {
      processing.set(mediaId, left - 1);
      return json(response, 206, attachment);
    }
    if (left !== undefined) {
      processing.delete(mediaId);
      attachment.url = `${server.url}/system/media/${mediaId}.mp4`;
    }
    json(response, 200, attachment);
  }

  /** Mastodon's own refusals of media_ids (PostStatusService#validate_media!), or undefined. */
  function mediaRefusal(ids: string[] | undefined): string | undefined {
    const attached = (ids ?? []).map((m) => media.get(m)).filter((m) => m !== undefined);
    if (attached.some((m) => m.type === 'video') && attached.length > 1)
      return 'Validation failed: You cannot attach a video to a post that already contains images';
    if (attached.some((m) => processing.has(m.id) || m.url === null))
      return 'Cannot attach files that have not finished processing. Try again in a moment!';
    return undefined;
  }

  /** What the server's scheduler does: each scheduled status whose time has come becomes a status. */
  function publishDue() {
    for (const item of [...scheduled.values()].filter((s) => Date.parse(s.scheduled_at) <= fake.now)) {
      scheduled.delete(item.id);
      const statusId = id();
      statuses.set(statusId, {
        id: statusId,
        account: { id: account.id, username: account.username, acct: account.acct },
        created_at: item.scheduled_at,
        in_reply_to_id: item.params.in_reply_to_id,
        sensitive: Boolean(item.params.sensitive) || Boolean(item.params.spoiler_text),
        spoiler_text: item.params.spoiler_text ?? '',
        visibility: item.params.visibility ?? 'public',
        language: item.params.language,
        uri: `${server.url}/users/riverside/statuses/${statusId}`,
        url: `${server.url}/@riverside/${statusId}`,
        content: `<p>${item.params.text}</p>`,
        text: item.params.text,
        media_attachments: item.media_attachments,
        poll: pollOf(item.params.poll ?? undefined, Date.parse(item.scheduled_at)),
        quote_approval: quoteApproval(item.params.quote_approval_policy ?? undefined),
        quote: item.params.quoted_status_id
          ? { state: 'accepted', quoted_status_id: item.params.quoted_status_id }
          : null,
      });
    }
  }

  function schedule(request: SeenRequest, response: ServerResponse, at: string) {
    const body = jsonOf<StatusBody>(request);
    const refused = refusal(body);
    if (refused) return json(response, 422, refused);
    const key = request.headers['idempotency-key'];
    const known = typeof key === 'string' ? idempotency.get(key) : undefined;
    const again = known && fake.now - known.at < keptMs ? scheduled.get(known.id) : undefined;
    if (again) return json(response, 200, again);
    if (Date.parse(at) < fake.now + minimumOffsetMs) return json(response, 422, tooSoon);
    const item: ScheduledStatus = {
      id: id(),
      scheduled_at: new Date(at).toISOString(),
      params: {
        text: body.status,
        poll: body.poll ?? null,
        media_ids: body.media_ids ?? null,
        sensitive: body.sensitive ?? null,
        visibility: body.visibility ?? null,
        language: body.language ?? null,
        idempotency: typeof key === 'string' ? key : null,
        scheduled_at: null,
        spoiler_text: body.spoiler_text ?? null,
        application_id: 1,
        in_reply_to_id: body.in_reply_to_id ?? null,
        with_rate_limit: false,
        quote_approval_policy: body.quote_approval_policy ?? null,
        quoted_status_id: body.quoted_status_id ?? null,
      },
      media_attachments: (body.media_ids ?? []).map((m) => media.get(m)!).filter(Boolean),
    };
    scheduled.set(item.id, item);
    if (typeof key === 'string') idempotency.set(key, { id: item.id, at: fake.now });
    fake.onCreate?.();
    json(response, 200, item);
  }

  function create(request: SeenRequest, response: ServerResponse) {
    const at = jsonOf<{ scheduled_at?: string }>(request).scheduled_at;
    if (at) return schedule(request, response, at);
    const fault = fake.faults.shift();
    if (fault === 'rate-limit') return json(response, 429, { error: 'Too many requests' }, { 'Retry-After': '7' });
    if (fault === 'server-error')
      return json(response, 500, { error: "We're sorry, but something went wrong on our end." });
    if (fault === 'invalid')
      return json(response, 422, { error: 'Validation failed: Text character limit of 500 exceeded' });
    const body = jsonOf<StatusBody>(request);
    const refused = refusal(body);
    if (refused) return json(response, 422, refused);
    const key = request.headers['idempotency-key'];
    const known = typeof key === 'string' ? idempotency.get(key) : undefined;
    let status = known && fake.now - known.at < keptMs ? statuses.get(known.id) : undefined;
    if (!status) {
      const statusId = id();
      status = {
        id: statusId,
        account: { id: account.id, username: account.username, acct: account.acct },
        created_at: new Date(fake.now).toISOString(),
        in_reply_to_id: body.in_reply_to_id ?? null,
        // As PostStatusService: a content warning makes the media sensitive too.
        sensitive: Boolean(body.sensitive) || Boolean(body.spoiler_text),
        spoiler_text: body.spoiler_text ?? '',
        visibility: body.visibility ?? 'public',
        language: body.language ?? null,
        ...(fake.addresses?.(statusId) ?? {
          uri: `${server.url}/users/riverside/statuses/${statusId}`,
          url: `${server.url}/@riverside/${statusId}`,
        }),
        content: `<p>${body.status.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('\n', '<br />')}</p>`,
        text: body.status,
        media_attachments: (body.media_ids ?? []).map((m) => media.get(m)!).filter(Boolean),
        poll: pollOf(body.poll, fake.now),
        quote_approval: quoteApproval(body.quote_approval_policy),
        quote: body.quoted_status_id ? { state: 'accepted', quoted_status_id: body.quoted_status_id } : null,
      };
      statuses.set(statusId, status);
      if (typeof key === 'string') idempotency.set(key, { id: statusId, at: fake.now });
      fake.onCreate?.();
    }
    if (fault === 'timeout') return; // created, never answered
    if (fault === 'reset') {
      response.socket?.destroy();
      return;
    }
    json(response, 200, status);
  }

  /**
   * Mastodon's own checks of a status: PostStatusService refuses a poll beside media ("too_many", the
   * message it uses for both), and PollValidator a poll of fewer than 2 options or open less than 5
   * minutes or more than a month.
   */
  function refusal(body: StatusBody): { error: string } | undefined {
    const media = mediaRefusal(body.media_ids);
    if (media) return { error: media };
    if (body.poll && (body.media_ids ?? []).length > 0) return { error: 'Cannot attach more than 4 files' };
    if (body.quoted_status_id && !statuses.has(body.quoted_status_id) && !remote.has(body.quoted_status_id))
      return { error: 'Record not found' };
    if (body.poll && body.poll.options.length < 2)
      return { error: 'Validation failed: Poll must have at least 2 options' };
    if (body.poll && (body.poll.expires_in < 300 || body.poll.expires_in > 2_629_746))
      return { error: 'Validation failed: Poll expiration date is invalid' };
    return undefined;
  }

  /** A status's quote_approval as Mastodon 4.5 shows it; without a policy, the account's default (public here). */
  function quoteApproval(policy: StatusBody['quote_approval_policy']): Status['quote_approval'] {
    const automatic = policy === 'nobody' ? [] : [policy ?? 'public'];
    return { automatic, manual: [], current_user: 'automatic' };
  }

  function pollOf(poll: StatusBody['poll'], from: number): Poll | null {
    if (!poll) return null;
    return {
      id: id(),
      expires_at: new Date(from + poll.expires_in * 1000).toISOString(),
      expired: false,
      multiple: poll.multiple ?? false,
      votes_count: 0,
      options: poll.options.map((title) => ({ title, votes_count: 0 })),
    };
  }

  fake = {
    ...server,
    statuses,
    scheduled,
    faults: [],
    videoPolls: 2,
    uploads,
    now: Date.parse('2026-12-03T17:31:00Z'),
    remote: {},
    boosts,
    boostFaults: [],
    addRemote(link, text) {
      const statusId = id();
      remote.set(statusId, {
        id: statusId,
        account: { id: '99', username: 'ada', acct: `ada@${new URL(link).host}` },
        created_at: new Date(fake.now).toISOString(),
        in_reply_to_id: null,
        sensitive: false,
        spoiler_text: '',
        visibility: 'public',
        language: 'en',
        uri: link,
        url: link,
        content: `<p>${text}</p>`,
        text,
        media_attachments: [],
        poll: null,
        quote_approval: quoteApproval(undefined),
        quote: null,
      });
      fake.remote[link] = statusId;
      return statusId;
    },
    keys: () =>
      server.requests
        .filter((r) => r.method === 'POST' && r.path === '/api/v1/statuses')
        .map((r) => String(r.headers['idempotency-key'])),
  };
  return fake;
}
