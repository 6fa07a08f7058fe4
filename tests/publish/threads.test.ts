import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { json, startServer, type FakeServer } from './fakes/server.ts';
import { createAdapter } from '../../src/publish/networks/index.ts';
import { formatPayloads } from '../../src/publish/summary.ts';
import { startThreads, threadsToken, type FakeThreads } from './fakes/threads.ts';
import {
  fakeSleep,
  heraldYaml,
  ledgerOf,
  png,
  postFile,
  projectOnDisk,
  runPublish,
  type TestProject,
} from './helpers.ts';

const due = '2026-12-03T17:35:00Z';
const env = { HERALD_THREADS_ACCESS_TOKEN: threadsToken };

/** The published site: serves each image under /social/posts/<post>/<name>, as the site build does. */
async function startSite(images: Record<string, Uint8Array>): Promise<FakeServer> {
  return startServer((request, response) => {
    const bytes = images[request.path];
    if (!bytes) return json(response, 404, { error: 'Not Found' });
    response.writeHead(200, { 'Content-Type': 'image/png' }).end(bytes);
  });
}

describe('publishing to Threads', () => {
  let threads: FakeThreads;
  let site: FakeServer;
  let project: TestProject;
  let siteImages: Record<string, Uint8Array>;

  const setUp = async (post: string, files: Record<string, Uint8Array> = {}, extra = '') => {
    project = await projectOnDisk({
      'content/herald.yaml': heraldYaml(
        `  - { id: threads, network: threads, handle: riverside.assoc, api: "${threads.url}" }\n`,
        `site: ${site.url}/social/\n${extra}`,
      ),
      'content/posts/2026/12/agm.mdx': post,
      ...files,
    });
  };
  const agm = (body: string, media = '') =>
    postFile(
      `title: AGM live\npublishAt: 2026-12-03 18:30\nchannels: [threads]${media ? `\nmedia:\n${media}` : ''}`,
      body,
    );

  beforeEach(async () => {
    siteImages = {};
    site = await startSite(siteImages);
    threads = await startThreads({
      fetchMedia: async (url) => {
        const response = await fetch(url);
        return response.ok ? new Uint8Array(await response.arrayBuffer()) : undefined;
      },
    });
  });
  afterEach(async () => {
    await Promise.all([threads.close(), site.close(), project?.remove()]);
  });

  const published = () => [...threads.posts.values()];
  /** What asked Threads to create anything (a run also asks debug_token when the token expires). */
  const posted = () => threads.requests.filter((r) => r.method === 'POST');
  const publishCalls = () => threads.requests.filter((r) => r.path.endsWith('/threads_publish'));

  it('publishes a text post: a TEXT container, then threads_publish, and records its link', async () => {
    await setUp(agm('The annual meeting is live now. #riverside'));
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes.map((o) => [o.post, o.kind])).toEqual([['agm', 'published']]);
    const [post] = published();
    expect(post).toMatchObject({ text: 'The annual meeting is live now. #riverside', media_type: 'TEXT_POST' });
    expect(report.outcomes[0]!.links).toEqual([post!.permalink]);
    expect((await ledgerOf(project)).entries['agm/threads']).toMatchObject({
      state: 'published',
      network: 'threads',
      parts: [{ id: post!.id, url: post!.permalink }],
    });
    // The token goes in the form, never in the address of a POST.
    const create = threads.requests.find((r) => r.method === 'POST' && r.path === '/v1.0/me/threads')!;
    expect(create.path).not.toContain('access_token');
    expect(new URLSearchParams(create.body.toString()).get('media_type')).toBe('TEXT');
  });

  it('publishes a thread as replies, each part to the one before', async () => {
    await setUp(agm('The meeting is live.\n\n---\n\nQuestions? Reply here.\n\n---\n\nMinutes follow tomorrow.'));
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes[0]!.kind).toBe('published');
    const [first, second, third] = published();
    expect([first!.text, second!.text, third!.text]).toEqual([
      'The meeting is live.',
      'Questions? Reply here.',
      'Minutes follow tomorrow.',
    ]);
    expect(first!.replied_to).toBeUndefined();
    expect(second!.replied_to).toEqual({ id: first!.id });
    expect(third!.replied_to).toEqual({ id: second!.id });
    expect((await ledgerOf(project)).entries['agm/threads']!.parts.map((p) => p.id)).toEqual([
      first!.id,
      second!.id,
      third!.id,
    ]);
  });

  it('tells Threads who may reply, on every part of the thread (reply_control)', async () => {
    await setUp(
      postFile(
        'title: AGM live\npublishAt: 2026-12-03 18:30\nchannels: [threads]\nreplies: following',
        'The meeting is live.\n\n---\n\nQuestions? Reply here.',
      ),
    );
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes[0]!.kind).toBe('published');
    expect(published().map((p) => p.reply_control)).toEqual(['accounts_you_follow', 'accounts_you_follow']);
  });

  it.each([
    ['followers', 'followers_only'],
    ['mentioned', 'mentioned_only'],
    ['nobody', 'mentioned_only'],
  ])("sends replies: %s as %s, from the channel's default in herald.yaml", async (rule, sent) => {
    project = await projectOnDisk({
      'content/herald.yaml': heraldYaml(
        `  - { id: threads, network: threads, handle: riverside.assoc, api: "${threads.url}", replies: ${rule} }\n`,
      ),
      'content/posts/2026/12/agm.mdx': agm('A statement from the board.'),
    });
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes[0]!.kind).toBe('published');
    expect(published().map((p) => p.reply_control)).toEqual([sent]);
  });

  it('sends no reply_control for replies: everyone, what Threads does untold', async () => {
    await setUp(
      postFile('title: AGM live\npublishAt: 2026-12-03 18:30\nchannels: [threads]\nreplies: everyone', 'Open to all.'),
    );
    await runPublish(project, { now: due, env });
    const create = threads.requests.find((r) => r.method === 'POST' && r.path === '/v1.0/me/threads')!;
    expect(new URLSearchParams(create.body.toString()).has('reply_control')).toBe(false);
    expect(published()).toHaveLength(1);
  });

  it('sends a poll with the first part as poll_attachment, option_a to option_d', async () => {
    await setUp(
      postFile(
        'title: Clean-up\npublishAt: 2026-12-03 18:30\nchannels: [threads]\npoll:\n  options: [Saturday, Sunday, "Either 🙂"]\n  duration: P1D',
        'Which day suits you for the clean-up?\n\n---\n\nWe meet at the footbridge.',
      ),
    );
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes[0]!.kind).toBe('published');
    const [first, second] = published();
    expect(first).toMatchObject({
      text: 'Which day suits you for the clean-up?',
      poll_attachment: { option_a: 'Saturday', option_b: 'Sunday', option_c: 'Either 🙂' },
    });
    expect(second!.poll_attachment).toBeUndefined();
  });

  it("reports Threads' refusal of a poll, not retried, when the poll rules are turned off", async () => {
    await setUp(
      postFile(
        'title: Clean-up\npublishAt: 2026-12-03 18:30\nchannels: [threads]\npoll:\n  options: [Saturday]\n  duration: P1D',
        'Which day?',
      ),
      {},
      'rules:\n  poll/options: off\n',
    );
    const report = await runPublish(project, { now: due, env, validate: true });
    expect(report.outcomes).toMatchObject([{ post: 'agm', kind: 'failed', attempts: 1 }]);
    expect(report.outcomes[0]!.message).toContain(
      'HTTP 400: The poll_attachment object must contain at least 2 options and no more than 4 options., code 100',
    );
    expect(publishCalls()).toEqual([]);
  });

  it("sends one image as an IMAGE container from the site's copy, with its alt text", async () => {
    siteImages['/social/posts/agm/hall.png'] = png();
    await setUp(
      agm('The hall is full.', '  - { src: ./hall.png, alt: Members seated in the main hall, rights: owned }'),
      {
        'content/posts/2026/12/hall.png': png(),
      },
    );
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes[0]!.kind).toBe('published');
    expect(published()).toEqual([
      expect.objectContaining({
        media_type: 'IMAGE',
        text: 'The hall is full.',
        images: [
          { url: `${site.url}/social/posts/agm/hall.png`, bytes: png().length, alt: 'Members seated in the main hall' },
        ],
      }),
    ]);
  });

  it('sends two images as a carousel of IMAGE items', async () => {
    siteImages['/social/posts/agm/hall.png'] = png();
    siteImages['/social/posts/agm/stage.png'] = png();
    await setUp(
      agm(
        'Two views of the hall.',
        '  - { src: ./hall.png, alt: The hall, rights: owned }\n  - { src: ./stage.png, alt: The stage, rights: owned }',
      ),
      { 'content/posts/2026/12/hall.png': png(), 'content/posts/2026/12/stage.png': png() },
    );
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes[0]!.kind).toBe('published');
    const [post] = published();
    expect(post).toMatchObject({ media_type: 'CAROUSEL_ALBUM', text: 'Two views of the hall.' });
    expect(post!.images.map((i) => [i.url.replace(site.url, ''), i.alt])).toEqual([
      ['/social/posts/agm/hall.png', 'The hall'],
      ['/social/posts/agm/stage.png', 'The stage'],
    ]);
    const children = threads.requests.filter(
      (r) => new URLSearchParams(r.body.toString()).get('is_carousel_item') === 'true',
    );
    expect(children).toHaveLength(2);
  });

  it('sends nothing when the site serves another image than the reviewed one, and says what to do', async () => {
    siteImages['/social/posts/agm/hall.png'] = new Uint8Array([...png(), 0]);
    await setUp(agm('The hall is full.', '  - { src: ./hall.png, alt: The hall, rights: owned }'), {
      'content/posts/2026/12/hall.png': png(),
    });
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes).toMatchObject([{ post: 'agm', kind: 'failed' }]);
    expect(report.outcomes[0]!.message).toContain(
      `the site's copy at ${site.url}/social/posts/agm/hall.png is not the reviewed content/posts/2026/12/hall.png; Threads fetches content/posts/2026/12/hall.png from there: deploy the site (the pages workflow) and the next run sends the post`,
    );
    expect(posted()).toEqual([]);
  });

  it('refuses images of an internal post clearly: the site does not publish them', async () => {
    await setUp(
      postFile(
        'title: Rota\npublishAt: 2026-12-03 18:30\nchannels: [threads]\nlabels: [internal]\nmedia:\n  - { src: ./hall.png, alt: The hall, rights: owned }',
        'Volunteers needed.',
      ),
      { 'content/posts/2026/12/hall.png': png() },
      'privateLabels: [internal]\n',
    );
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes[0]!.message).toMatch(
      /this post is internal .* so the site does not publish content\/posts\/2026\/12\/hall\.png/,
    );
    expect(posted()).toEqual([]);
  });

  it('shows in a dry run where Threads would fetch each image from, and sends nothing', async () => {
    await setUp(agm('The hall is full.', '  - { src: ./hall.png, alt: The hall, rights: owned }'), {
      'content/posts/2026/12/hall.png': png(),
    });
    const report = await runPublish(project, { now: due, env, dryRun: true });
    expect(report.outcomes.map((o) => o.kind)).toEqual(['would-send']);
    const loaded = await project.load(Date.parse(due));
    expect(formatPayloads(report, loaded.channels)).toContain(
      `  image: content/posts/2026/12/hall.png\n    alt: The hall\n    fetched from: ${site.url}/social/posts/agm/hall.png\n`,
    );
    expect(posted()).toEqual([]);
  });

  it('says in a dry run that a post with images would fail without site: in herald.yaml', async () => {
    project = await projectOnDisk({
      'content/herald.yaml': heraldYaml(
        `  - { id: threads, network: threads, handle: riverside.assoc, api: "${threads.url}" }\n`,
      ),
      'content/posts/2026/12/agm.mdx': agm(
        'The hall is full.',
        '  - { src: ./hall.png, alt: The hall, rights: owned }',
      ),
      'content/posts/2026/12/hall.png': png(),
    });
    const report = await runPublish(project, { now: due, env, dryRun: true });
    expect(report.outcomes).toMatchObject([{ kind: 'would-fail' }]);
    expect(report.outcomes[0]!.message).toContain('herald.yaml has no site: set site: to where the site is published');
  });

  it('says to reconnect the channel when Threads refuses the token (code 190)', async () => {
    await setUp(agm('The annual meeting is live now.'));
    const report = await runPublish(project, { now: due, env: { HERALD_THREADS_ACCESS_TOKEN: 'expired-token' } });
    expect(report.outcomes).toMatchObject([{ post: 'agm', kind: 'failed', attempts: 1 }]);
    expect(report.outcomes[0]!.message).toBe(
      'reconnect threads: Threads refused the access token in HERALD_THREADS_ACCESS_TOKEN (long-lived tokens last 60 days): create a new one and store it there (HTTP 400: Error validating access token: Session has expired on Sunday, 01-Nov-26., code 190/463) (the next run tries again while the post is within its window)',
    );
    expect(threads.posts.size).toBe(0);
    const fixed = await runPublish(project, { now: '2026-12-03T17:50:00Z', env });
    expect(fixed.outcomes.map((o) => o.kind)).toEqual(['published']);
  });

  it('waits out a rate limit (code 4) and publishes once', async () => {
    await setUp(agm('The annual meeting is live now.'));
    threads.throttled = 2;
    const { sleep, waits } = fakeSleep();
    const report = await runPublish(project, {
      now: due,
      env,
      sleep,
      retry: { attempts: 4, baseDelayMs: 1000, maxDelayMs: 8000, maxRetryAfterMs: 60_000 },
    });
    expect(report.outcomes).toMatchObject([{ post: 'agm', kind: 'published', attempts: 3 }]);
    expect(waits).toEqual([1000, 2000]);
    expect(publishCalls()).toHaveLength(3);
    expect(threads.posts.size).toBe(1);
  });

  it('gives up on a rate limit that lasts the run, saying the next run tries again', async () => {
    await setUp(agm('The annual meeting is live now.'));
    threads.throttled = 4;
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes[0]!.message).toBe(
      'HTTP 400: Application request limit reached, code 4 (a Threads rate limit: wait and try again) (the next run tries again while the post is within its window)',
    );
    expect(threads.posts.size).toBe(0);
  });

  it('never posts twice when the answer to publishing is lost: the next run finds the post and adopts it', async () => {
    await setUp(agm('The meeting is live.\n\n---\n\nQuestions? Reply here.'));
    threads.dropAfterPublish = 1;
    const first = await runPublish(project, { now: due, env });
    expect(first.outcomes).toMatchObject([{ post: 'agm', kind: 'unknown' }]);
    expect(threads.posts.size).toBe(1);
    expect(publishCalls()).toHaveLength(1);

    threads.now = Date.parse('2026-12-03T17:50:00Z');
    const next = await runPublish(project, { now: '2026-12-03T17:50:00Z', env });
    expect(next.outcomes.map((o) => o.kind)).toEqual(['published']);
    const [opener, reply] = published();
    // The first part was adopted, not sent again; only the reply went out.
    expect(publishCalls()).toHaveLength(2);
    expect(reply!.replied_to).toEqual({ id: opener!.id });
    expect((await ledgerOf(project)).entries['agm/threads']!.parts.map((p) => p.id)).toEqual([opener!.id, reply!.id]);
  });

  it('a run that died after publishing leaves a claim; the next run looks the post up and records it, sending nothing', async () => {
    await setUp(agm('The annual meeting is live now.'));
    threads.dropAfterPublish = 1;
    await runPublish(project, { now: due, env });
    const requests = publishCalls().length;
    // The same as a run killed mid-send: the post is out, the ledger does not say so.
    const again = await runPublish(project, { now: '2026-12-03T18:00:00Z', env });
    expect(again.outcomes).toMatchObject([{ kind: 'published', message: 'found on the network: it had arrived' }]);
    expect(publishCalls()).toHaveLength(requests);
    expect(threads.posts.size).toBe(1);
  });

  it('finds a lost publish whose text Threads stored normalised (NFC, LF, no trailing blanks), sending nothing again', async () => {
    // Written with a decomposed é (e and U+0301) and a blank at the end of a line.
    await setUp(agm('Cafe\u0301 night at the hall.  \nBring a friend.'));
    threads.storeText = (text) =>
      text
        .normalize('NFC')
        .replace(/[^\S\n]+$/gm, '')
        .trim();
    threads.dropAfterPublish = 1;
    const first = await runPublish(project, { now: due, env });
    expect(first.outcomes).toMatchObject([{ kind: 'unknown' }]);
    expect(published()[0]!.text).toBe('Café night at the hall.\nBring a friend.');
    const next = await runPublish(project, { now: '2026-12-03T17:50:00Z', env });
    expect(next.outcomes).toMatchObject([{ kind: 'published', message: 'found on the network: it had arrived' }]);
    expect(publishCalls()).toHaveLength(1);
    expect(threads.posts.size).toBe(1);
  });

  it('leaves a post that matches only loosely for a person to settle, never sending again', async () => {
    // A no-break space, which Threads (here) stores as a plain one.
    await setUp(agm('Doors open at 18:00.\u00a0Bring a friend.'));
    threads.storeText = (text) => text.replace(/\u00a0/g, ' ');
    threads.dropAfterPublish = 1;
    await runPublish(project, { now: due, env });
    const [stored] = published();
    for (const at of ['2026-12-03T17:50:00Z', '2026-12-03T18:05:00Z']) {
      const again = await runPublish(project, { now: at, env });
      expect(again.outcomes).toMatchObject([{ kind: 'unknown' }]);
      expect(again.outcomes[0]!.message).toContain(
        `Threads has a post (${stored!.permalink}, ${stored!.timestamp}) whose text is part 1's only if spacing, case or look-alike characters are ignored, so Herald cannot tell whether this delivery arrived and sends nothing. Look at that post, then settle the delivery with herald ledger settle: published with id ${stored!.id} if it is this part, not-sent if it is not`,
      );
    }
    expect(publishCalls()).toHaveLength(1);
    expect(threads.posts.size).toBe(1);
    expect((await ledgerOf(project)).entries['agm/threads']).toMatchObject({ state: 'unknown' });
  });

  it('sends a part no post of the account matches, even loosely', async () => {
    await setUp(agm('The meeting is live.'));
    threads.dropAfterPublish = 1;
    await runPublish(project, { now: due, env });
    // Someone deleted it by hand in the meantime and posted something else.
    const [lost] = published();
    threads.posts.clear();
    threads.posts.set('18000000000000099', { ...lost!, id: '18000000000000099', text: 'The meeting is over.' });
    const next = await runPublish(project, { now: '2026-12-03T17:50:00Z', env });
    expect(next.outcomes.map((o) => o.kind)).toEqual(['published']);
    expect(publishCalls()).toHaveLength(2);
  });

  it('retracts every part, last first', async () => {
    await setUp(agm('The meeting is live.\n\n---\n\nQuestions? Reply here.'));
    await runPublish(project, { now: due, env });
    const ids = published().map((p) => p.id);
    await project.write(
      'content/posts/2026/12/agm.mdx',
      postFile(
        'title: AGM live\npublishAt: 2026-12-03 18:30\nchannels: [threads]\nretract: true',
        'The meeting is live.\n\n---\n\nQuestions? Reply here.',
      ),
    );
    const report = await runPublish(project, { now: '2026-12-03T17:50:00Z', env });
    expect(report.outcomes.map((o) => [o.post, o.kind])).toEqual([['agm', 'retracted']]);
    expect(threads.posts.size).toBe(0);
    const deletes = threads.requests.filter((r) => r.method === 'DELETE').map((r) => r.path.split('?')[0]);
    expect(deletes).toEqual([`/v1.0/${ids[1]}`, `/v1.0/${ids[0]}`]);
  });

  it('refuses a post with six links before anything is sent', async () => {
    const links = Array.from({ length: 6 }, (_, i) => `https://riverside.org/page-${i + 1}`).join('\n');
    await setUp(agm(links));
    const report = await runPublish(project, { now: due, env, validate: true });
    expect(report.outcomes).toMatchObject([{ post: 'agm', kind: 'held' }]);
    expect(report.outcomes[0]!.message).toContain(
      'line 11: This post has 6 different web addresses on Threads (threads), which refuses a post with more than 5',
    );
    expect(posted()).toEqual([]);
  });

  it('holds a thread longer than the daily quota before its first part goes out, never leaving it cut off', async () => {
    const parts = Array.from({ length: 251 }, (_, i) => `Part ${i + 1}.`).join('\n\n---\n\n');
    await setUp(agm(parts));
    const report = await runPublish(project, { now: due, env, validate: true });
    expect(report.outcomes).toMatchObject([{ post: 'agm', kind: 'held' }]);
    expect(report.outcomes[0]!.message).toContain('This thread has 251 parts for threads');
    expect(posted()).toEqual([]);
  });

  it("reports Threads' own refusal, not retried, when text/links is turned off", async () => {
    const links = Array.from({ length: 6 }, (_, i) => `https://riverside.org/page-${i + 1}`).join('\n');
    await setUp(agm(links), {}, 'rules:\n  text/links: off\n');
    const report = await runPublish(project, { now: due, env, validate: true });
    expect(report.outcomes).toMatchObject([{ post: 'agm', kind: 'failed', attempts: 1 }]);
    expect(report.outcomes[0]!.message).toContain('HTTP 400: THREADS_API__LINK_LIMIT_EXCEEDED, code 100');
    expect(publishCalls()).toEqual([]);
    expect((await ledgerOf(project)).entries['agm/threads']).toMatchObject({
      state: 'failed',
      error: { permanent: true },
    });
  });

  it('learns when the token expires from debug_token, and that a refused one has', async () => {
    const channel = { id: 'threads', network: 'threads', handle: 'riverside.assoc', api: threads.url } as const;
    const options = { timeoutMs: 500, now: () => Date.parse(due), sleep: () => Promise.resolve() };
    await expect(createAdapter(channel, env, options).credentialsExpire!()).resolves.toBe('2027-01-20T10:00:00.000Z');
    await expect(
      createAdapter(channel, { HERALD_THREADS_ACCESS_TOKEN: 'revoked' }, options).credentialsExpire!(),
    ).rejects.toThrow('code 190');
  });

  it('takes a published answer it cannot read as a send that may have arrived, never publishing again', async () => {
    await setUp(agm('The annual meeting is live now.'));
    threads.garbleAfterPublish = 1;
    const first = await runPublish(project, { now: due, env });
    expect(first.outcomes).toMatchObject([{ kind: 'unknown' }]);
    expect(publishCalls()).toHaveLength(1);
    const next = await runPublish(project, { now: '2026-12-03T17:50:00Z', env });
    expect(next.outcomes).toMatchObject([{ kind: 'published', message: 'found on the network: it had arrived' }]);
    expect(publishCalls()).toHaveLength(1);
    expect(threads.posts.size).toBe(1);
  });
});
