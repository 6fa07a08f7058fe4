import { json, startServer, type FakeServer } from './server.ts';

/**
 * Bluesky's video service (video.bsky.app) at the HTTP boundary, as the Bluesky app uses it
 * (docs.bsky.app/docs/tutorials/video) and the app.bsky.video lexicons describe it:
 * - POST /xrpc/app.bsky.video.uploadVideo?did=&name=, the file as the body, with a service-auth
 *   token the user's PDS issued (com.atproto.server.getServiceAuth) for the PDS's own DID and
 *   lxm com.atproto.repo.uploadBlob, its iss the uploading account: answers the job status
 *   ({jobId, did, state: JOB_STATE_CREATED}), 401 without a valid token;
 * - GET /xrpc/app.bsky.video.getJobStatus?jobId=: {jobStatus}, JOB_STATE_ENCODING with progress
 *   for `encodingPolls` calls; then, as the real service does, it stores the file on the user's PDS
 *   with com.atproto.repo.uploadBlob under that same token and answers JOB_STATE_COMPLETED with the
 *   blob (or JOB_STATE_FAILED with `failWith`).
 * The PDS is the real one of the test, so the token and the blob are checked by the real thing.
 */
export interface FakeVideoService extends FakeServer {
  encodingPolls: number;
  /** The next job fails with this message. */
  failWith?: string;
  /** Each upload by job id: the account, the file name and the bytes. */
  jobs: Map<string, { did: string; name: string; bytes: Buffer }>;
}

export async function startVideoService(pdsUrl: string): Promise<FakeVideoService> {
  const jobs: FakeVideoService['jobs'] = new Map();
  const state = new Map<string, { token: string; left: number; failure?: string; blob?: unknown }>();
  let next = 1;
  let fake: FakeVideoService;
  const server = await startServer(async (request, response) => {
    const url = new URL(request.path, 'http://fake');
    if (request.method === 'POST' && url.pathname === '/xrpc/app.bsky.video.uploadVideo') {
      const token = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
      const claims = token ? claimsOf(token) : undefined;
      const did = url.searchParams.get('did') ?? '';
      if (
        !claims ||
        claims.lxm !== 'com.atproto.repo.uploadBlob' ||
        claims.iss !== did ||
        !claims.aud?.startsWith('did:web:')
      )
        return json(response, 401, { error: 'AuthMissing', message: 'Authentication Required' });
      if (request.body.length === 0) return json(response, 400, { error: 'InvalidRequest', message: 'empty file' });
      const jobId = `job-${next++}`;
      jobs.set(jobId, { did, name: url.searchParams.get('name') ?? '', bytes: request.body });
      state.set(jobId, { token: token!, left: fake.encodingPolls, ...(fake.failWith && { failure: fake.failWith }) });
      delete fake.failWith;
      return json(response, 200, { jobId, did, state: 'JOB_STATE_CREATED' });
    }
    if (request.method === 'GET' && url.pathname === '/xrpc/app.bsky.video.getJobStatus') {
      const jobId = url.searchParams.get('jobId') ?? '';
      const job = jobs.get(jobId);
      const now = state.get(jobId);
      if (!job || !now) return json(response, 400, { error: 'InvalidRequest', message: 'job not found' });
      const base = { jobId, did: job.did };
      if (now.failure)
        return json(response, 200, {
          jobStatus: { ...base, state: 'JOB_STATE_FAILED', error: now.failure, message: now.failure },
        });
      if (now.left > 0) {
        now.left--;
        return json(response, 200, { jobStatus: { ...base, state: 'JOB_STATE_ENCODING', progress: 50 } });
      }
      if (!now.blob) {
        const stored = await fetch(`${pdsUrl}/xrpc/com.atproto.repo.uploadBlob`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${now.token}`, 'Content-Type': 'video/mp4' },
          body: new Uint8Array(job.bytes),
        });
        const answer = (await stored.json()) as { blob?: unknown; message?: string };
        if (!stored.ok)
          return json(response, 200, { jobStatus: { ...base, state: 'JOB_STATE_FAILED', error: answer.message } });
        now.blob = answer.blob;
      }
      return json(response, 200, {
        jobStatus: { ...base, state: 'JOB_STATE_COMPLETED', progress: 100, blob: now.blob },
      });
    }
    return json(response, 404, { error: 'MethodNotImplemented', message: 'Method Not Implemented' });
  });
  fake = { ...server, jobs, encodingPolls: 2 };
  return fake;
}

/** The claims of a JWT (not verified here: the PDS verifies the token when the blob is stored). */
function claimsOf(token: string): { iss?: string; aud?: string; lxm?: string } | undefined {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      iss?: string;
      aud?: string;
      lxm?: string;
    };
  } catch {
    return undefined;
  }
}
