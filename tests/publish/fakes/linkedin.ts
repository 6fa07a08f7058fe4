import { json, jsonOf, startServer, type FakeServer } from './server.ts';

/**
 * LinkedIn's versioned REST API at the HTTP boundary: the Images API upload (initializeUpload, then
 * a PUT of the bytes), the Posts API (201 with the post's URN in x-restli-id) and deletion.
 * Requests need the bearer token, LinkedIn-Version and X-Restli-Protocol-Version, as the real API
 * does. LinkedIn has no idempotency key: a reshare (reshareContext.parent) is a new post each time.
 * Token introspection (POST /oauth/v2/introspectToken, a
 * form with the app's client id and secret and the token) answers as LinkedIn does, with the
 * token's `expires_at` in epoch seconds; a wrong client gets 401 invalid_client.
 *
 * The Videos API: POST /rest/videos?action=initializeUpload ({owner, fileSizeBytes, uploadCaptions,
 * uploadThumbnail}) answers the video's URN and one upload instruction per 4,194,304-byte part
 * ({uploadUrl, firstByte, lastByte}); each PUT of a part answers an ETag; POST
 * /rest/videos?action=finalizeUpload ({video, uploadToken, uploadedPartIds}) answers 400 unless the
 * ETags are every part's, in order; GET /rest/videos/{urn} shows status PROCESSING for
 * `videoPolls` calls, then AVAILABLE. A post naming a video that is not AVAILABLE gets 422.
 * With uploadCaptions: true, initializeUpload also answers a captionsUploadUrl, where one PUT of the
 * captions file is kept; a PUT there for a video initialized without it gets 404, and with
 * `failCaptions` set it gets LinkedIn's 400 error document.
 */
export interface LinkedinPost {
  urn: string;
  author: string;
  commentary: string;
  content?: {
    media?: { id: string; altText: string };
    multiImage?: { images: { id: string; altText: string }[] };
    /** An article share: LinkedIn reads no page, the poster gives the card (source and title required). */
    article?: { source: string; title: string; description?: string; thumbnail?: string };
  };
  /** A reshare: the post it shares, by its share or ugcPost URN. */
  reshareContext?: { parent: string };
}

export interface FakeLinkedin extends FakeServer {
  posts: Map<string, LinkedinPost>;
  images: Map<string, number>;
  onCreate?: () => void;
  /**
   * What the next POST /rest/posts answers once it has created the post: `no-id`, 201 without the
   * x-restli-id header (LinkedIn has done so); `server-error`, a 500 (the post exists all the same).
   */
  afterCreate: ('no-id' | 'server-error')[];
  /**
   * Answers the next N POST /rest/posts with 429 and creates nothing. LinkedIn's limits are daily
   * (they reset at midnight UTC) and its 429 carries no Retry-After or reset header.
   */
  throttled: number;
  /** When the access token expires, epoch ms: what introspection reports. */
  tokenExpiresAt: number;
  /**
   * Each video by URN: its declared size, the bytes of each part put, whether finalized, polls left,
   * and whether captions were announced, with the captions file put (its bytes and Content-Type).
   */
  videos: Map<
    string,
    {
      size: number;
      parts: Buffer[];
      finalized: boolean;
      polls: number;
      uploadCaptions: boolean;
      captions?: { bytes: Buffer; contentType: string };
    }
  >;
  videoPolls: number;
  /** The captions upload is refused with this message. */
  failCaptions?: string;
}

const videoPart = 4_194_304;

export const linkedinToken = 'linkedin-access-token-456';
export const linkedinClient = { id: '86abcdefghijkl', secret: 'linkedin-client-secret-789' };

export async function startLinkedin(): Promise<FakeLinkedin> {
  const posts = new Map<string, LinkedinPost>();
  const images = new Map<string, number>();
  const videos: FakeLinkedin['videos'] = new Map();
  let next = 7_100_000_000_000_000_000n;
  let fake: FakeLinkedin;
  const server = await startServer((request, response) => {
    const path = request.path.split('?')[0]!;
    if (request.method === 'POST' && path === '/oauth/v2/introspectToken') {
      const form = new URLSearchParams(request.body.toString());
      if (form.get('client_id') !== linkedinClient.id || form.get('client_secret') !== linkedinClient.secret) {
        return json(response, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
      }
      if (form.get('token') !== linkedinToken) return json(response, 200, { active: false });
      const issued = Math.floor((fake.tokenExpiresAt - 60 * 24 * 3600_000) / 1000);
      return json(response, 200, {
        active: true,
        client_id: linkedinClient.id,
        authorized_at: issued,
        created_at: issued,
        status: 'active',
        expires_at: Math.floor(fake.tokenExpiresAt / 1000),
        scope: 'r_organization_social,w_organization_social',
        auth_type: '3L',
      });
    }
    if (request.headers.authorization !== `Bearer ${linkedinToken}`) {
      return json(response, 401, {
        status: 401,
        serviceErrorCode: 65600,
        code: 'INVALID_ACCESS_TOKEN',
        message: 'Invalid access token',
      });
    }
    const part = /^\/upload-video\/([^/]+)\/(\d+)$/.exec(path);
    if (request.method === 'PUT' && part) {
      const video = videos.get(`urn:li:video:${part[1]}`);
      if (!video) return json(response, 404, { status: 404, message: 'Upload not found' });
      video.parts[Number(part[2])] = request.body;
      response.writeHead(200, { ETag: etagOf(part[1]!, Number(part[2]), request.body) }).end();
      return;
    }
    const captions = /^\/upload-captions\/([^/]+)$/.exec(path);
    if (request.method === 'PUT' && captions) {
      const video = videos.get(`urn:li:video:${captions[1]}`);
      if (!video?.uploadCaptions) return json(response, 404, { status: 404, message: 'Upload not found' });
      if (fake.failCaptions) return json(response, 400, { status: 400, message: fake.failCaptions });
      video.captions = { bytes: request.body, contentType: String(request.headers['content-type']) };
      response.writeHead(201).end();
      return;
    }
    if (request.method === 'PUT' && path.startsWith('/upload/')) {
      images.set(`urn:li:image:${path.slice('/upload/'.length)}`, request.body.length);
      response.writeHead(201).end();
      return;
    }
    if (!request.headers['linkedin-version'] || request.headers['x-restli-protocol-version'] !== '2.0.0') {
      return json(response, 426, {
        status: 426,
        code: 'NONEXISTENT_VERSION',
        message: 'Requested version is not active',
      });
    }
    if (request.method === 'POST' && request.path === '/rest/images?action=initializeUpload') {
      const id = `D4E10AQ${next++}`;
      return json(response, 200, {
        value: {
          uploadUrlExpiresAt: Date.now() + 3_600_000,
          uploadUrl: `${server.url}/upload/${id}`,
          image: `urn:li:image:${id}`,
        },
      });
    }
    if (request.method === 'POST' && request.path === '/rest/videos?action=initializeUpload') {
      const { initializeUploadRequest: init } = jsonOf<{
        initializeUploadRequest: { owner: string; fileSizeBytes: number; uploadCaptions?: boolean };
      }>(request);
      const id = `D5610AQ${next++}`;
      const urn = `urn:li:video:${id}`;
      const uploadCaptions = init.uploadCaptions === true;
      videos.set(urn, {
        size: init.fileSizeBytes,
        parts: [],
        finalized: false,
        polls: fake.videoPolls,
        uploadCaptions,
      });
      const count = Math.ceil(init.fileSizeBytes / videoPart);
      return json(response, 200, {
        value: {
          uploadUrlsExpireAt: Date.now() + 3_600_000,
          video: urn,
          uploadInstructions: Array.from({ length: count }, (_, i) => ({
            uploadUrl: `${server.url}/upload-video/${id}/${i}`,
            firstByte: i * videoPart,
            lastByte: Math.min(init.fileSizeBytes, (i + 1) * videoPart) - 1,
          })),
          uploadToken: '',
          ...(uploadCaptions && { captionsUploadUrl: `${server.url}/upload-captions/${id}` }),
        },
      });
    }
    if (request.method === 'POST' && request.path === '/rest/videos?action=finalizeUpload') {
      const { finalizeUploadRequest: done } = jsonOf<{
        finalizeUploadRequest: { video: string; uploadToken: string; uploadedPartIds: string[] };
      }>(request);
      const video = videos.get(done.video);
      const id = done.video.split(':').at(-1)!;
      const expected = video?.parts.map((bytes, i) => etagOf(id, i, bytes));
      const total = video?.parts.reduce((sum, bytes) => sum + bytes.length, 0);
      if (!video || JSON.stringify(expected) !== JSON.stringify(done.uploadedPartIds) || total !== video.size)
        return json(response, 400, { status: 400, message: 'Upload is incomplete or the part ids do not match' });
      video.finalized = true;
      response.writeHead(200).end();
      return;
    }
    const videoInfo = /^\/rest\/videos\/(.+)$/.exec(path);
    if (request.method === 'GET' && videoInfo) {
      const urn = decodeURIComponent(videoInfo[1]!);
      const video = videos.get(urn);
      if (!video?.finalized) return json(response, 404, { status: 404, message: `Video ${urn} not found` });
      const status = video.polls > 0 ? 'PROCESSING' : 'AVAILABLE';
      video.polls = Math.max(0, video.polls - 1);
      return json(response, 200, { id: urn, owner: '', status, duration: 40_000 });
    }
    if (request.method === 'POST' && path === '/rest/posts') {
      const body = jsonOf<
        Omit<LinkedinPost, 'urn'> & { lifecycleState: string; distribution: unknown; visibility: string }
      >(request);
      const missing = ['author', 'commentary', 'visibility', 'distribution', 'lifecycleState'].filter(
        (key) => !(key in body),
      );
      if (missing.length)
        return json(response, 422, {
          status: 422,
          message: missing
            .map((key) => `ERROR :: /${key} :: field is required but not found and has no default value`)
            .join('\n'),
        });
      const mediaId = body.content?.media?.id;
      const video = mediaId ? videos.get(mediaId) : undefined;
      if (mediaId?.startsWith('urn:li:video:') && (!video?.finalized || video.polls > 0))
        return json(response, 422, { status: 422, message: `Video ${mediaId} is not available yet` });
      const article = body.content?.article;
      const wrong = !article
        ? undefined
        : !article.source
          ? '/content/article/source'
          : !article.title
            ? '/content/article/title'
            : article.thumbnail && !images.has(article.thumbnail)
              ? '/content/article/thumbnail'
              : undefined;
      if (wrong)
        return json(response, 422, {
          status: 422,
          message: `ERROR :: ${wrong} :: ${wrong.endsWith('thumbnail') ? 'image not found' : 'field is required but not found and has no default value'}`,
        });
      if (fake.throttled > 0) {
        fake.throttled--;
        return json(response, 429, {
          status: 429,
          serviceErrorCode: 101,
          code: 'TOO_MANY_REQUESTS',
          message: 'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.',
        });
      }
      const urn = `urn:li:share:${next++}`;
      posts.set(urn, {
        urn,
        author: body.author,
        commentary: body.commentary,
        ...(body.content ? { content: body.content } : {}),
        ...(body.reshareContext ? { reshareContext: body.reshareContext } : {}),
      });
      fake.onCreate?.();
      const after = fake.afterCreate.shift();
      if (after === 'server-error') return json(response, 500, { status: 500, message: 'Internal Server Error' });
      response.writeHead(201, after === 'no-id' ? {} : { 'x-restli-id': urn, 'x-linkedin-id': urn }).end();
      return;
    }
    const remove = /^\/rest\/posts\/(.+)$/.exec(path);
    if (request.method === 'DELETE' && remove) {
      const urn = decodeURIComponent(remove[1]!);
      if (!posts.delete(urn)) return json(response, 404, { status: 404, message: `Post ${urn} not found` });
      response.writeHead(204).end();
      return;
    }
    return json(response, 404, { status: 404, message: `No route for ${request.method} ${path}` });
  });
  fake = {
    ...server,
    posts,
    images,
    videos,
    videoPolls: 2,
    afterCreate: [],
    throttled: 0,
    tokenExpiresAt: Date.parse('2027-01-20T10:00:00Z'),
  };
  return fake;
}

/** The ETag LinkedIn's upload answers for a part: any stable string the finalize step must repeat. */
function etagOf(id: string, part: number, bytes: Buffer): string {
  return `/ambry-video/signedId/${id}-${part}-${bytes.length}`;
}
