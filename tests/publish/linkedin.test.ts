import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkedinVersion } from '../../src/publish/networks/linkedin.ts';
import { runHerald } from '../helpers/cli.ts';
import {
  fakeSleep,
  heraldYaml,
  ledgerOf,
  png,
  postFile,
  projectOnDisk,
  runPublish,
  testLedgerKey,
  type TestProject,
} from './helpers.ts';
import { linkedinToken, startLinkedin, type FakeLinkedin } from './fakes/linkedin.ts';

const due = '2026-12-03T17:35:00Z';

describe('publishing to LinkedIn', () => {
  let linkedin: FakeLinkedin;
  let project: TestProject;
  const env = { HERALD_LINKEDIN_ACCESS_TOKEN: linkedinToken };

  beforeEach(async () => {
    linkedin = await startLinkedin();
    project = await projectOnDisk({
      'content/herald.yaml': heraldYaml(
        `  - { id: linkedin, network: linkedin, organization: "123456", api: "${linkedin.url}" }\n`,
      ),
      'content/posts/2026/12/agm.mdx': postFile(
        `title: AGM live
publishAt: 2026-12-03 18:30
channels: [linkedin]
media:
  - { src: ./hall.png, alt: Members seated in the main hall, rights: owned }`,
        'The annual meeting is live now (room 2). #riverside\n\n---\n\nQuestions? Reply to this post.',
      ),
      'content/posts/2026/12/hall.png': png(),
    });
  });
  afterEach(async () => {
    await linkedin.close();
    await project.remove();
  });

  it("shares a post with a link and no images as an article, with the card's title, description and uploaded thumbnail", async () => {
    const thumbnail = png(12, 8);
    await project.write(
      'content/posts/2026/12/agm.mdx',
      postFile(
        'title: AGM live\npublishAt: 2026-12-03 18:30\nchannels: [linkedin]',
        'Watch the annual meeting: https://riverside.org/agm',
      ),
    );
    const report = await runPublish(project, {
      now: due,
      env,
      cards: async (url) => ({
        ok: true,
        card: {
          url,
          title: 'Annual meeting',
          description: 'Watch and vote from home.',
          image: { data: thumbnail, mimeType: 'image/png' },
        },
      }),
    });
    expect(report.outcomes.map((o) => o.kind)).toEqual(['published']);
    const [post] = [...linkedin.posts.values()];
    expect(post!.content).toEqual({
      article: {
        source: 'https://riverside.org/agm',
        title: 'Annual meeting',
        description: 'Watch and vote from home.',
        thumbnail: expect.stringMatching(/^urn:li:image:/),
      },
    });
    expect(linkedin.images.get(post!.content!.article!.thumbnail!)).toBe(thumbnail.length);
  });

  it('shares the link as plain text, and says so, when its card cannot be read (LinkedIn reads no page itself)', async () => {
    await project.write(
      'content/posts/2026/12/agm.mdx',
      postFile(
        'title: AGM live\npublishAt: 2026-12-03 18:30\nchannels: [linkedin]',
        'Minutes: https://riverside.org/minutes',
      ),
    );
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes.map((o) => [o.kind, o.message])).toEqual([
      ['published', 'sent without a link card: https://riverside.org/minutes: tests reach no network'],
    ]);
    expect([...linkedin.posts.values()][0]).not.toHaveProperty('content');
  });

  const postRequests = () => linkedin.requests.filter((r) => r.method === 'POST' && r.path === '/rest/posts');

  it('publishes a thread as one post of paragraphs, as the organisation, with the uploaded image and its alt text', async () => {
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes.map((o) => [o.post, o.kind])).toEqual([['agm', 'published']]);
    const [post] = [...linkedin.posts.values()];
    // Little text: parentheses are markup and are escaped; the hashtag stays a hashtag.
    expect(post).toEqual({
      urn: post!.urn,
      author: 'urn:li:organization:123456',
      commentary: 'The annual meeting is live now \\(room 2\\). #riverside\n\nQuestions? Reply to this post.',
      content: { media: { id: expect.stringMatching(/^urn:li:image:/), altText: 'Members seated in the main hall' } },
    });
    expect(linkedin.images.get(post!.content!.media!.id)).toBe(png().length);
    const [request] = postRequests();
    expect(request!.headers).toMatchObject({
      'linkedin-version': linkedinVersion,
      'x-restli-protocol-version': '2.0.0',
      authorization: `Bearer ${linkedinToken}`,
    });
    const link = `https://www.linkedin.com/feed/update/${post!.urn}/`;
    expect(report.outcomes[0]!.links).toEqual([link]);
    expect((await ledgerOf(project)).entries['agm/linkedin']).toMatchObject({
      state: 'published',
      parts: [{ id: post!.urn, url: link }],
    });
  });

  it('sends nothing the second time: the ledger says it went out', async () => {
    await runPublish(project, { now: due, env });
    const requests = linkedin.requests.length;
    const again = await runPublish(project, { now: '2026-12-03T17:50:00Z', env });
    expect(again.outcomes).toEqual([]);
    expect(linkedin.requests.length).toBe(requests);
  });

  it('says the access token has likely expired when LinkedIn refuses it (401), and sends once it is replaced', async () => {
    const report = await runPublish(project, { now: due, env: { HERALD_LINKEDIN_ACCESS_TOKEN: 'expired-token' } });
    expect(report.outcomes).toMatchObject([{ post: 'agm', kind: 'failed', attempts: 1 }]);
    expect(report.outcomes[0]!.message).toBe(
      'reconnect linkedin: LinkedIn refused the access token in HERALD_LINKEDIN_ACCESS_TOKEN, and its tokens expire after 60 days: create a new one and store it there (HTTP 401: Invalid access token) (the next run tries again while the post is within its window)',
    );
    expect(linkedin.posts.size).toBe(0);
    expect((await ledgerOf(project)).entries['agm/linkedin']).toMatchObject({
      state: 'failed',
      error: { status: 401, permanent: false },
    });

    const fixed = await runPublish(project, { now: '2026-12-03T17:50:00Z', env });
    expect(fixed.outcomes.map((o) => [o.post, o.kind])).toEqual([['agm', 'published']]);
    expect(linkedin.posts.size).toBe(1);
  });

  it('backs off after a 429 (LinkedIn sends no reset time) and then sends the post once', async () => {
    linkedin.throttled = 2;
    const { sleep, waits } = fakeSleep();
    const report = await runPublish(project, {
      now: due,
      env,
      sleep,
      retry: { attempts: 4, baseDelayMs: 1000, maxDelayMs: 8000, maxRetryAfterMs: 60_000 },
    });
    expect(report.outcomes).toMatchObject([{ post: 'agm', kind: 'published', attempts: 3 }]);
    expect(waits).toEqual([1000, 2000]);
    expect(postRequests()).toHaveLength(3);
    expect(linkedin.posts.size).toBe(1);
  });

  it('gives up on a daily limit that lasts the whole run, and the next run sends it', async () => {
    linkedin.throttled = 4;
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes).toMatchObject([{ post: 'agm', kind: 'failed', attempts: 4 }]);
    expect(report.outcomes[0]!.message).toBe(
      'HTTP 429: Resource level throttle APPLICATION DAY limit for calls to this resource is reached. (the next run tries again while the post is within its window)',
    );
    const next = await runPublish(project, { now: '2026-12-03T17:50:00Z', env });
    expect(next.outcomes.map((o) => [o.post, o.kind])).toEqual([['agm', 'published']]);
    expect(linkedin.posts.size).toBe(1);
  });

  it('never posts twice after a server error: the post may exist, so a person settles it', async () => {
    linkedin.afterCreate.push('server-error');
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes).toMatchObject([{ post: 'agm', kind: 'unknown' }]);
    expect(report.outcomes[0]!.message).toMatch(
      /^HTTP 500: Internal Server Error; Herald cannot tell whether it arrived\. Check the account, then run herald ledger settle agm linkedin published <link\.\.\.>/,
    );
    expect((await ledgerOf(project)).entries['agm/linkedin']).toMatchObject({ state: 'unknown' });

    const next = await runPublish(project, { now: '2026-12-03T17:50:00Z', env });
    expect(next.outcomes).toEqual([]);
    expect(postRequests()).toHaveLength(1);
    expect(linkedin.posts.size).toBe(1);

    // Settled with the link people usually copy, which names the activity: LinkedIn deletes nothing by it.
    const settle = (link: string) =>
      runHerald(project.root, ['ledger', 'settle', 'agm', 'linkedin', 'published', link], {
        HERALD_LEDGER_KEY: testLedgerKey,
      });
    const activity = await settle('https://www.linkedin.com/feed/update/urn:li:activity:7100000000000000099/');
    expect(activity.code).toBe(2);
    expect(activity.stderr).toContain('names an activity, which LinkedIn cannot delete a post by');
    const [urn] = [...linkedin.posts.keys()];
    expect((await settle(`https://www.linkedin.com/feed/update/${urn}/`)).code).toBe(0);
    expect((await ledgerOf(project)).entries['agm/linkedin']).toMatchObject({
      state: 'published',
      parts: [{ id: urn }],
    });
  });
});
