import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
import { startX, xEnv, type FakeX } from './fakes/x.ts';

const due = '2026-12-03T17:35:00Z';

describe('publishing to X', () => {
  let x: FakeX;
  let project: TestProject;
  const env = xEnv();

  beforeEach(async () => {
    x = await startX();
    x.now = Date.parse(due);
    project = await projectOnDisk({
      'content/herald.yaml': heraldYaml(`  - { id: x, network: x, handle: RiversideRA, api: "${x.url}" }\n`),
      'content/posts/2026/12/agm.mdx': postFile(
        `title: AGM live
publishAt: 2026-12-03 18:30
channels: [x]
media:
  - { src: ./hall.png, alt: Members seated in the main hall, rights: owned }`,
        'The annual meeting is live now.\n\n---\n\nQuestions? Reply to this post.',
      ),
      'content/posts/2026/12/hall.png': png(),
    });
  });
  afterEach(async () => {
    await x.close();
    await project.remove();
  });

  const tweetPosts = () => x.requests.filter((r) => r.method === 'POST' && r.path === '/2/tweets');

  it('publishes a thread as replies, the image uploaded in chunks with its alt text on the first tweet', async () => {
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes.map((o) => [o.post, o.kind])).toEqual([['agm', 'published']]);
    const [first, second] = [...x.tweets.values()];
    expect(first).toMatchObject({
      text: 'The annual meeting is live now.',
      media: { media_ids: [expect.any(String)] },
    });
    expect(first!.reply).toBeUndefined();
    expect(x.altTexts.get(first!.media!.media_ids[0]!)).toBe('Members seated in the main hall');
    expect(second).toEqual({
      id: second!.id,
      text: 'Questions? Reply to this post.',
      reply: { in_reply_to_tweet_id: first!.id },
    });
    const uploads = x.requests
      .filter((r) => r.path.startsWith('/2/media/upload'))
      .map((r) => r.path.replace(/\/\d{6,}\//, '/ID/'));
    expect(uploads).toEqual(['/2/media/upload/initialize', '/2/media/upload/ID/append', '/2/media/upload/ID/finalize']);
    const links = [`https://x.com/RiversideRA/status/${first!.id}`, `https://x.com/RiversideRA/status/${second!.id}`];
    expect(report.outcomes[0]!.links).toEqual(links);
    expect((await ledgerOf(project)).entries['agm/x']).toMatchObject({
      state: 'published',
      parts: [
        { id: first!.id, url: links[0] },
        { id: second!.id, url: links[1] },
      ],
    });
  });

  it('sends a poll with the first tweet, its duration in minutes', async () => {
    await project.write(
      'content/posts/2026/12/agm.mdx',
      postFile(
        'title: AGM\npublishAt: 2026-12-03 18:30\nchannels: [x]\npoll:\n  options: [Saturday, Sunday]\n  duration: P1DT2H',
        'Which day suits you for the clean-up?\n\n---\n\nReply with other ideas.',
      ),
    );
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes.map((o) => [o.post, o.kind])).toEqual([['agm', 'published']]);
    const [first, second] = [...x.tweets.values()];
    expect(first!.poll).toEqual({ options: ['Saturday', 'Sunday'], duration_minutes: 26 * 60 });
    expect(second!.poll).toBeUndefined();
  });

  it('sends who may reply on every tweet: nobody as mentioned users, on a post that mentions no one', async () => {
    await project.write(
      'content/posts/2026/12/agm.mdx',
      postFile(
        'title: AGM\npublishAt: 2026-12-03 18:30\nchannels: [x]\nreplies: nobody',
        'Statement from the board.\n\n---\n\nMore on our site.',
      ),
    );
    await runPublish(project, { now: due, env });
    expect([...x.tweets.values()].map((t) => t.reply_settings)).toEqual(['mentionedUsers', 'mentionedUsers']);
  });

  it('quotes a post by the id in its link', async () => {
    await project.write(
      'content/posts/2026/12/agm.mdx',
      postFile(
        'title: AGM\npublishAt: 2026-12-03 18:30\nchannels: [x]\nquote: https://x.com/AdaLovelace/status/1859000000000000001',
        'Come and help!',
      ),
    );
    await runPublish(project, { now: due, env });
    expect([...x.tweets.values()]).toMatchObject([{ text: 'Come and help!', quote_tweet_id: '1859000000000000001' }]);
  });

  it('sends nothing the second time: the ledger says it went out', async () => {
    await runPublish(project, { now: due, env });
    const requests = x.requests.length;
    const again = await runPublish(project, { now: '2026-12-03T17:50:00Z', env });
    expect(again.outcomes).toEqual([]);
    expect(x.requests.length).toBe(requests);
    expect(x.tweets.size).toBe(2);
  });

  it('says which keys to check when X refuses them (401), and the next run sends once they are fixed', async () => {
    const wrong = { ...env, HERALD_X_ACCESS_TOKEN: 'revoked-token' };
    const report = await runPublish(project, { now: due, env: wrong });
    expect(report.outcomes).toMatchObject([{ post: 'agm', kind: 'failed', attempts: 1 }]);
    expect(report.outcomes[0]!.message).toBe(
      "reconnect x: X refused the keys in HERALD_X_API_KEY, HERALD_X_API_SECRET, HERALD_X_ACCESS_TOKEN and HERALD_X_ACCESS_SECRET: check that they are the app's and the account's current ones (HTTP 401: Unauthorized) (the next run tries again while the post is within its window)",
    );
    expect(x.tweets.size).toBe(0);
    expect((await ledgerOf(project)).entries['agm/x']).toMatchObject({
      state: 'failed',
      error: { status: 401, permanent: false },
    });

    const fixed = await runPublish(project, { now: '2026-12-03T17:50:00Z', env });
    expect(fixed.outcomes.map((o) => [o.post, o.kind])).toEqual([['agm', 'published']]);
    expect(x.tweets.size).toBe(2);
  });

  it('waits until x-rate-limit-reset after a 429, then sends the thread once', async () => {
    x.faults.push('rate-limit');
    const { sleep, waits } = fakeSleep();
    const report = await runPublish(project, { now: due, env, sleep });
    expect(report.outcomes).toMatchObject([{ post: 'agm', kind: 'published', attempts: 2 }]);
    expect(waits).toEqual([60_000]);
    expect(x.tweets.size).toBe(2);
    expect([...x.tweets.values()].filter((t) => t.media)).toHaveLength(1);
  });

  it('does not wait out a 15-minute rate-limit window: the run moves on and the next run sends it', async () => {
    x.faults.push('rate-limit-window');
    const { sleep, waits } = fakeSleep();
    const report = await runPublish(project, { now: due, env, sleep });
    expect(report.outcomes).toMatchObject([{ post: 'agm', kind: 'failed', attempts: 1 }]);
    expect(report.outcomes[0]!.message).toBe(
      'HTTP 429: Too Many Requests (the next run tries again while the post is within its window)',
    );
    expect(waits).toEqual([]);
    expect(x.tweets.size).toBe(0);

    x.now = Date.parse('2026-12-03T17:51:00Z');
    const next = await runPublish(project, { now: '2026-12-03T17:51:00Z', env });
    expect(next.outcomes.map((o) => [o.post, o.kind])).toEqual([['agm', 'published']]);
    expect(x.tweets.size).toBe(2);
  });

  it('never sends a part twice after a server error: X cannot say whether it was created, so a person settles it', async () => {
    x.faults.push(null, 'server-error');
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes).toMatchObject([{ post: 'agm', kind: 'unknown' }]);
    expect(report.outcomes[0]!.message).toMatch(
      /^HTTP 503: Service Unavailable; Herald cannot tell whether it arrived\. Herald knows of 1 of its 2 parts\. Check the account, then run herald ledger settle agm x published <link\.\.\.>/,
    );
    const [first] = [...x.tweets.values()];
    expect((await ledgerOf(project)).entries['agm/x']).toMatchObject({ state: 'unknown', parts: [{ id: first!.id }] });

    const next = await runPublish(project, { now: '2026-12-03T17:50:00Z', env });
    expect(next.outcomes).toEqual([]);
    expect(tweetPosts()).toHaveLength(2);
    expect(x.tweets.size).toBe(1);
  });
});
