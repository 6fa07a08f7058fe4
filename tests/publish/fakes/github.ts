import { createHash } from 'node:crypto';
import { json, jsonOf, startServer, type FakeServer } from './server.ts';

/**
 * The parts of GitHub's REST API the ledger branch uses, with real response shapes and errors:
 * contents (GET, PUT with the blob sha as compare-and-swap: 409 on a stale sha, 422 when the sha is
 * missing for an existing file), git refs, trees, commits and blobs. Shas are git's own (sha1 of
 * "blob <size>\0<content>"), so a client cannot tell it from the real thing by its ids.
 */
export interface FakeGitHub extends FakeServer {
  /** branch → path → file content */
  branches: Map<string, Map<string, string>>;
  /** Answers the next N PUTs to contents with 409, as when another writer got there first. */
  conflicts: number;
  /** Carries out the next N PUTs to contents, then cuts the connection: the writer never hears it worked. */
  lostAnswers: number;
  /** GitHub's clock, epoch ms: every answer's Date header. */
  now: number;
}

export const githubToken = 'ghs_test-installation-token';

function blobSha(content: string): string {
  const bytes = Buffer.from(content);
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

const notFound = { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' };

export async function startGitHub(owner = 'example', repo = 'riverside-social'): Promise<FakeGitHub> {
  const branches = new Map<string, Map<string, string>>();
  const trees = new Map<string, Map<string, string>>();
  const commits = new Map<string, string>();
  const blobs = new Map<string, string>();
  let fake: FakeGitHub;
  const prefix = `/repos/${owner}/${repo}`;
  const server = await startServer((request, response) => {
    response.setHeader('Date', new Date(fake.now).toUTCString());
    if (request.headers.authorization !== `token ${githubToken}` && request.headers.authorization !== `Bearer ${githubToken}`) {
      return json(response, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    }
    const url = new URL(request.path, server.url);
    if (!url.pathname.startsWith(prefix)) return json(response, 404, notFound);
    const path = url.pathname.slice(prefix.length);
    const contents = /^\/contents\/(.+)$/.exec(path);
    if (contents) {
      const file = decodeURIComponent(contents[1]!);
      if (request.method === 'GET') {
        const branch = branches.get(url.searchParams.get('ref') ?? 'main');
        const content = branch?.get(file);
        if (content === undefined) return json(response, 404, notFound);
        const sha = blobSha(content);
        blobs.set(sha, content);
        const base64 = Buffer.from(content).toString('base64').replace(/.{60}/g, '$&\n');
        return json(response, 200, { type: 'file', encoding: 'base64', size: Buffer.byteLength(content), name: file.split('/').at(-1), path: file, content: base64, sha, url: `${server.url}${prefix}/contents/${file}`, html_url: `https://github.com/${owner}/${repo}/blob/${url.searchParams.get('ref')}/${file}`, _links: {} });
      }
      if (request.method === 'PUT') {
        const body = jsonOf<{ message: string; content: string; sha?: string; branch: string }>(request);
        const branch = branches.get(body.branch);
        if (!branch) return json(response, 404, { message: `Branch ${body.branch} not found`, documentation_url: 'https://docs.github.com/rest/repos/contents#create-or-update-file-contents', status: '404' });
        const current = branch.get(file);
        if (fake.conflicts > 0) {
          fake.conflicts--;
          return json(response, 409, { message: `${file} does not match ${body.sha ?? ''}`, documentation_url: 'https://docs.github.com/rest/repos/contents#create-or-update-file-contents', status: '409' });
        }
        if (current !== undefined && !body.sha) return json(response, 422, { message: 'Invalid request.\n\n"sha" wasn\'t supplied.', documentation_url: 'https://docs.github.com/rest/repos/contents#create-or-update-file-contents', status: '422' });
        if (current !== undefined && body.sha !== blobSha(current)) return json(response, 409, { message: `${file} does not match ${body.sha}`, documentation_url: 'https://docs.github.com/rest/repos/contents#create-or-update-file-contents', status: '409' });
        const content = Buffer.from(body.content, 'base64').toString('utf8');
        branch.set(file, content);
        const sha = blobSha(content);
        if (fake.lostAnswers > 0) {
          fake.lostAnswers--;
          response.socket?.destroy();
          return;
        }
        return json(response, current === undefined ? 201 : 200, { content: { name: file, path: file, sha, size: Buffer.byteLength(content), type: 'file' }, commit: { sha: createHash('sha1').update(`${sha}${Date.now()}`).digest('hex'), message: body.message } });
      }
    }
    const ref = /^\/git\/ref\/heads\/(.+)$/.exec(path);
    if (request.method === 'GET' && ref) {
      if (!branches.has(ref[1]!)) return json(response, 404, notFound);
      return json(response, 200, { ref: `refs/heads/${ref[1]}`, node_id: 'REF_1', url: '', object: { sha: '0'.repeat(40), type: 'commit', url: '' } });
    }
    if (request.method === 'POST' && path === '/git/trees') {
      const body = jsonOf<{ tree: { path: string; mode: string; type: string; content: string }[] }>(request);
      const files = new Map(body.tree.map((entry) => [entry.path, entry.content]));
      const sha = createHash('sha1').update(JSON.stringify([...files])).digest('hex');
      trees.set(sha, files);
      return json(response, 201, { sha, url: '', truncated: false, tree: body.tree.map((entry) => ({ path: entry.path, mode: entry.mode, type: 'blob', sha: blobSha(entry.content), size: Buffer.byteLength(entry.content) })) });
    }
    if (request.method === 'POST' && path === '/git/commits') {
      const body = jsonOf<{ message: string; tree: string; parents: string[] }>(request);
      if (!trees.has(body.tree)) return json(response, 422, { message: 'Tree SHA does not exist', status: '422' });
      const sha = createHash('sha1').update(`${body.tree}${body.message}${body.parents.join()}`).digest('hex');
      commits.set(sha, body.tree);
      return json(response, 201, { sha, message: body.message, tree: { sha: body.tree }, parents: [] });
    }
    if (request.method === 'POST' && path === '/git/refs') {
      const body = jsonOf<{ ref: string; sha: string }>(request);
      const name = body.ref.replace(/^refs\/heads\//, '');
      if (branches.has(name)) return json(response, 422, { message: 'Reference already exists', documentation_url: 'https://docs.github.com/rest/git/refs#create-a-reference', status: '422' });
      const tree = commits.get(body.sha);
      if (!tree) return json(response, 422, { message: 'Object does not exist', status: '422' });
      branches.set(name, new Map(trees.get(tree)));
      return json(response, 201, { ref: body.ref, object: { sha: body.sha, type: 'commit' } });
    }
    const blob = /^\/git\/blobs\/([0-9a-f]{40})$/.exec(path);
    if (request.method === 'GET' && blob) {
      const content = blobs.get(blob[1]!);
      if (content === undefined) return json(response, 404, notFound);
      return json(response, 200, { sha: blob[1], size: Buffer.byteLength(content), encoding: 'base64', content: Buffer.from(content).toString('base64') });
    }
    return json(response, 404, notFound);
  });
  fake = { ...server, branches, conflicts: 0, lostAnswers: 0, now: Date.parse('2026-12-03T17:31:00Z') };
  return fake;
}
