import { json, startServer, type FakeServer, type SeenRequest } from './server.ts';

/**
 * The Threads Graph API (graph.threads.net/v1.0) at the HTTP boundary, as its documentation shows
 * it: POST /{user}/threads creates a media container from form fields (TEXT; IMAGE, fetching
 * image_url itself; VIDEO, fetching video_url; CAROUSEL from IMAGE and VIDEO children marked
 * is_carousel_item), GET /{container}?fields=status,error_message says IN_PROGRESS while a video is
 * processed, then FINISHED or ERROR with a reason (FAILED_DOWNLOADING_VIDEO, INVALID_DURATION...), and
 * threads_publish refuses a container not yet FINISHED (code 9007), POST /{user}/threads_publish with creation_id publishes it, GET
 * /{media}?fields=permalink, GET /{user}/threads and /{user}/replies list the account's posts
 * (newest first, with `since`, `limit` and cursor paging), DELETE /{media} deletes one, and GET
 * /debug_token says when the token expires (`expires_at`, epoch seconds). The
 * token travels as access_token (in the query, or in the form of a POST). Errors are Graph's error
 * object, {error: {message, type, code, error_subcode, fbtrace_id}}: 190 for a refused token, 4 for
 * the app's rate limit, 100/33 for an object that does not exist, and THREADS_API__LINK_LIMIT_EXCEEDED
 * for a text with more than 5 links; a reply_control it does not know, and a poll_attachment that is
 * not 2 to 4 options (option_a...) of 1 to 25 characters on a TEXT container, are refused (code 100). It has no
 * idempotency key.
 */
export interface ThreadsMedia {
  id: string;
  text: string;
  media_type: 'TEXT_POST' | 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  timestamp: string;
  permalink: string;
  replied_to?: { id: string };
  /** Who may reply (reply_control), where the container said. */
  reply_control?: string;
  /** The poll's options, as GET /{media}?fields=poll_attachment returns them. */
  poll_attachment?: Record<string, string>;
  /** The images as Threads fetched them: their bytes' length and alt text. */
  images: { url: string; bytes: number; alt?: string }[];
  /** The videos likewise. */
  videos: { url: string; bytes: number; alt?: string }[];
}

interface Container {
  id: string;
  media_type: string;
  text: string;
  reply_to_id?: string;
  reply_control?: string;
  poll_attachment?: Record<string, string>;
  images: { url: string; bytes: number; alt?: string }[];
  videos: { url: string; bytes: number; alt?: string }[];
  /** Status answers still to give as IN_PROGRESS before FINISHED (a video being processed). */
  processing: number;
  /** Set when processing fails: the status is ERROR with this error_message. */
  failed?: string;
  published?: string;
}

export interface FakeThreads extends FakeServer {
  posts: Map<string, ThreadsMedia>;
  /** The instant the server's clock says, epoch ms: the posts' timestamps. */
  now: number;
  /** Answers the next N threads_publish calls with Graph's rate-limit error (code 4) and publishes nothing. */
  throttled: number;
  /** Publishes the next threads_publish and answers 200 with a page that is not JSON (a proxy's). */
  garbleAfterPublish: number;
  /** When the access token expires, epoch ms: what debug_token reports. */
  tokenExpiresAt: number;
  /** Publishes the next threads_publish, then drops the connection before answering. */
  dropAfterPublish: number;
  /** How many status answers a new VIDEO container gives as IN_PROGRESS before FINISHED. */
  videoPolls: number;
  /** The error_message a VIDEO container's status gives, as ERROR, once processed (INVALID_DURATION...). */
  videoError: string | undefined;
  /** How Threads stores a post's text (the identity unless a test says otherwise): what reads give back. */
  storeText(text: string): string;
  /** What a fetch of an image or video address returns; tests serve the site's copies here. */
  fetchMedia(url: string): Promise<Uint8Array | undefined>;
}

/** The values reply_control takes (Reply Management: Control Who Can Reply). */
const replyControls = [
  'everyone',
  'accounts_you_follow',
  'mentioned_only',
  'parent_post_author_only',
  'followers_only',
];

export const threadsToken = 'threads-long-lived-token-123';
export const threadsUser = '17841400000000001';

export async function startThreads(options: { fetchMedia?: FakeThreads['fetchMedia'] } = {}): Promise<FakeThreads> {
  const posts = new Map<string, ThreadsMedia>();
  const containers = new Map<string, Container>();
  let next = 18_000_000_000_000_001n;
  let fake: FakeThreads;
  const error = (
    response: Parameters<typeof json>[0],
    status: number,
    code: number,
    message: string,
    extra: { type?: string; error_subcode?: number; error_user_msg?: string } = {},
  ) =>
    json(response, status, {
      error: { message, type: extra.type ?? 'THApiException', code, ...extra, fbtrace_id: 'AbCdEfGhIjKlMnOp' },
    });
  const server = await startServer(async (request, response, raw) => {
    const url = new URL(request.path, 'http://fake');
    const params = paramsOf(request, url);
    if (params.get('access_token') !== threadsToken) {
      return error(response, 400, 190, 'Error validating access token: Session has expired on Sunday, 01-Nov-26.', {
        type: 'OAuthException',
        error_subcode: 463,
      });
    }
    const path = url.pathname.replace(/^\/v1\.0/, '');
    if (request.method === 'GET' && path === '/debug_token') {
      const valid = params.get('input_token') === threadsToken;
      return json(response, 200, {
        data: {
          type: 'USER',
          application: 'Riverside Herald',
          data_access_expires_at: Math.floor(fake.tokenExpiresAt / 1000) + 30 * 86400,
          expires_at: valid ? Math.floor(fake.tokenExpiresAt / 1000) : 0,
          is_valid: valid,
          issued_at: Math.floor(fake.tokenExpiresAt / 1000) - 60 * 86400,
          scopes: ['threads_basic', 'threads_content_publish', 'threads_delete'],
          user_id: threadsUser,
        },
      });
    }
    const user = (segment: string) => segment === 'me' || segment === threadsUser;
    const [, first, edge] = path.split('/');
    if (request.method === 'POST' && first && user(first) && edge === 'threads') {
      const type = params.get('media_type') ?? '';
      const text = params.get('text') ?? '';
      if (!['TEXT', 'IMAGE', 'VIDEO', 'CAROUSEL'].includes(type))
        return error(response, 400, 100, 'Param media_type must be one of {TEXT, IMAGE, VIDEO, CAROUSEL}');
      const links = new Set(text.match(/\bhttps?:\/\/\S+/g) ?? []);
      if (links.size > 5)
        return error(response, 400, 100, 'The post contains more than 5 links.', {
          error_user_msg: 'THREADS_API__LINK_LIMIT_EXCEEDED',
        });
      const replyControl = params.get('reply_control');
      if (replyControl !== null && !replyControls.includes(replyControl))
        return error(response, 400, 100, `Param reply_control must be one of {${replyControls.join(', ')}}`);
      let poll: Record<string, string> | undefined;
      if (params.has('poll_attachment')) {
        if (type !== 'TEXT') return error(response, 400, 100, 'Polls can only be attached to text-only posts.');
        try {
          poll = JSON.parse(params.get('poll_attachment')!) as Record<string, string>;
        } catch {
          return error(response, 400, 100, 'Invalid parameter', {
            error_user_msg: 'poll_attachment is not valid JSON',
          });
        }
        const options = Object.entries(poll);
        const known = options.every(([key, value]) => /^option_[abcd]$/.test(key) && typeof value === 'string');
        if (!known || !poll.option_a || !poll.option_b || options.length > 4)
          return error(response, 400, 100, 'Invalid parameter', {
            error_user_msg: 'The poll_attachment object must contain at least 2 options and no more than 4 options.',
          });
        if (options.some(([, value]) => [...value].length < 1 || [...value].length > 25))
          return error(response, 400, 100, 'Invalid parameter', {
            error_user_msg: 'Each option must be between 1 and 25 characters long.',
          });
      }
      const id = String(next++);
      const container: Container = {
        id,
        media_type: type,
        text,
        images: [],
        videos: [],
        processing: 0,
        ...(params.get('reply_to_id') && { reply_to_id: params.get('reply_to_id')! }),
        ...(replyControl && { reply_control: replyControl }),
        ...(poll && { poll_attachment: poll }),
      };
      if (type === 'IMAGE') {
        const address = params.get('image_url');
        const bytes = address ? await fake.fetchMedia(address) : undefined;
        if (!bytes)
          return error(response, 400, 100, `Media download has failed. The media URI doesn't meet our requirements.`, {
            error_subcode: 2207052,
          });
        container.images.push({
          url: address!,
          bytes: bytes.length,
          ...(params.get('alt_text') && { alt: params.get('alt_text')! }),
        });
      }
      if (type === 'VIDEO') {
        const address = params.get('video_url');
        const bytes = address ? await fake.fetchMedia(address) : undefined;
        // Threads downloads a video while it processes it: a failed download shows in the status.
        container.processing = fake.videoPolls;
        if (!bytes) container.failed = 'FAILED_DOWNLOADING_VIDEO';
        else {
          if (fake.videoError) container.failed = fake.videoError;
          container.videos.push({
            url: address!,
            bytes: bytes.length,
            ...(params.get('alt_text') && { alt: params.get('alt_text')! }),
          });
        }
      }
      if (type === 'CAROUSEL') {
        const children = (params.get('children') ?? '').split(',').map((child) => containers.get(child));
        if (
          children.length < 2 ||
          children.length > 20 ||
          children.some((child) => !child || !['IMAGE', 'VIDEO'].includes(child.media_type))
        )
          return error(response, 400, 100, 'A carousel needs 2 to 20 image or video children');
        container.images.push(...children.flatMap((child) => child!.images));
        container.videos.push(...children.flatMap((child) => child!.videos));
      }
      containers.set(id, container);
      return json(response, 200, { id });
    }
    if (request.method === 'POST' && first && user(first) && edge === 'threads_publish') {
      const container = containers.get(params.get('creation_id') ?? '');
      if (!container) return error(response, 400, 100, 'Unsupported post request', { error_subcode: 33 });
      if (fake.throttled > 0) {
        fake.throttled--;
        return error(response, 400, 4, 'Application request limit reached', { type: 'OAuthException' });
      }
      if (container.published) return error(response, 400, 24, 'The media has already been published');
      if (container.processing > 0 || container.failed)
        return error(response, 400, 9007, 'Media ID is not available', {
          error_subcode: 2207027,
          error_user_msg: 'The media is not ready for publishing, please wait for a moment',
        });
      const id = String(next++);
      container.published = id;
      const shortcode = Buffer.from(id).toString('base64url').slice(0, 11);
      posts.set(id, {
        id,
        text: fake.storeText(container.text),
        media_type:
          container.media_type === 'TEXT'
            ? 'TEXT_POST'
            : container.media_type === 'CAROUSEL'
              ? 'CAROUSEL_ALBUM'
              : (container.media_type as 'IMAGE' | 'VIDEO'),
        timestamp: new Date(fake.now).toISOString().replace('.000Z', '+0000'),
        permalink: `https://www.threads.com/@riverside.assoc/post/${shortcode}`,
        ...(container.reply_to_id && { replied_to: { id: container.reply_to_id } }),
        ...(container.reply_control && { reply_control: container.reply_control }),
        ...(container.poll_attachment && { poll_attachment: container.poll_attachment }),
        images: container.images,
        videos: container.videos,
      });
      if (fake.garbleAfterPublish > 0) {
        fake.garbleAfterPublish--;
        response.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>OK</body></html>');
        return;
      }
      if (fake.dropAfterPublish > 0) {
        fake.dropAfterPublish--;
        raw.socket.destroy();
        return;
      }
      return json(response, 200, { id });
    }
    if (request.method === 'GET' && first && user(first) && (edge === 'threads' || edge === 'replies')) {
      const since = Number(params.get('since') ?? 0) * 1000;
      const limit = Number(params.get('limit') ?? 25);
      const all = [...posts.values()]
        .filter((post) => (edge === 'replies') === Boolean(post.replied_to) && Date.parse(post.timestamp) >= since)
        .reverse();
      const from = Number(params.get('after') ?? 0);
      const page = all.slice(from, from + limit);
      const fields = (params.get('fields') ?? 'id').split(',');
      return json(response, 200, {
        data: page.map((post) =>
          Object.fromEntries(fields.filter((f) => f in post).map((f) => [f, post[f as keyof ThreadsMedia]])),
        ),
        paging: {
          cursors: { before: String(from), after: String(from + limit) },
          ...(from + limit < all.length && { next: `${server.url}${url.pathname}?after=${from + limit}` }),
        },
      });
    }
    if (first && !edge && request.method === 'GET') {
      const container = containers.get(first);
      if (container && params.get('fields')?.includes('status')) {
        if (container.published) return json(response, 200, { status: 'PUBLISHED', id: first });
        if (container.processing > 0) {
          container.processing--;
          return json(response, 200, { status: 'IN_PROGRESS', id: first });
        }
        if (container.failed)
          return json(response, 200, { status: 'ERROR', id: first, error_message: container.failed });
        return json(response, 200, { status: 'FINISHED', id: first });
      }
      const post = posts.get(first);
      if (post) return json(response, 200, { id: post.id, permalink: post.permalink });
    }
    if (first && !edge && request.method === 'DELETE') {
      if (!posts.delete(first))
        return error(response, 400, 100, `Unsupported delete request. Object with ID '${first}' does not exist`, {
          error_subcode: 33,
        });
      return json(response, 200, { success: true, deleted_id: first });
    }
    return error(response, 400, 100, `Unknown path components: ${path}`);
  });
  fake = {
    ...server,
    posts,
    now: Date.parse('2026-12-03T17:35:00Z'),
    throttled: 0,
    dropAfterPublish: 0,
    garbleAfterPublish: 0,
    tokenExpiresAt: Date.parse('2027-01-20T10:00:00Z'),
    storeText: (text) => text,
    videoPolls: 0,
    videoError: undefined,
    fetchMedia: options.fetchMedia ?? (() => Promise.resolve(undefined)),
  };
  return fake;
}

/** Graph takes parameters from the query and, for a POST, from a form body. */
function paramsOf(request: SeenRequest, url: URL): URLSearchParams {
  const params = new URLSearchParams(url.search);
  if (
    request.method === 'POST' &&
    String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded')
  )
    for (const [key, value] of new URLSearchParams(request.body.toString('utf8'))) params.set(key, value);
  return params;
}
