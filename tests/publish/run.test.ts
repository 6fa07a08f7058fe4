import { readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  GitHubLedgerStore,
  SealedLedgerStore,
  updateLedger,
  type LedgerStore,
} from '../../src/publish/ledger/index.ts';
import { FakeGitHub, githubToken } from './fakes/github.ts';
import { linkedinClient, linkedinToken, startLinkedin, type FakeLinkedin } from './fakes/linkedin.ts';
import { mastodonToken, startMastodon, type FakeMastodon } from './fakes/mastodon.ts';
import { jsonOf } from './fakes/server.ts';
import { startWebhook, webhookPath, type FakeWebhook } from './fakes/webhook.ts';
import { startX, xEnv, type FakeX } from './fakes/x.ts';
import {
  heraldYaml,
  ledgerOf,
  png,
  postFile,
  projectOnDisk,
  runPublish,
  sealedStore,
  testLedgerKey,
  type TestProject,
} from './helpers.ts';

/** A port on this machine that nothing listens on: connecting to it is refused at once. */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe('a publish run', () => {
  let mastodon: FakeMastodon;
  let x: FakeX;
  let linkedin: FakeLinkedin;
  let webhook: FakeWebhook;
  let project: TestProject;
  let env: Record<string, string>;

  const channels = (mastodonUrl = mastodon.url) =>
    [
      `  - { id: mastodon, network: mastodon, instance: "${mastodonUrl}" }`,
      `  - { id: x, network: x, handle: RiversideRA, api: "${x.url}" }`,
      `  - { id: linkedin, network: linkedin, organization: "123456", api: "${linkedin.url}" }`,
      `  - { id: team-chat, network: webhook, format: slack, notify: true }`,
      '',
    ].join('\n');

  beforeEach(async () => {
    [mastodon, x, linkedin, webhook] = await Promise.all([startMastodon(), startX(), startLinkedin(), startWebhook()]);
    env = {
      HERALD_MASTODON_TOKEN: mastodonToken,
      ...xEnv(),
      HERALD_LINKEDIN_ACCESS_TOKEN: linkedinToken,
      HERALD_TEAM_CHAT_URL: `${webhook.url}${webhookPath}`,
    };
    project = await projectOnDisk({
      'content/herald.yaml': heraldYaml(channels()),
      'content/posts/2026/12/agm.mdx': postFile(
        `title: AGM live
publishAt: 2026-12-03 18:30
channels: [mastodon, x, linkedin]
media:
  - { src: ./hall.png, alt: Members seated in the main hall, rights: owned }`,
        'The annual meeting (online too) is live: https://riverside.example/agm #riverside\n\n---\n\nQuestions? Reply here.',
      ),
      'content/posts/2026/12/hall.png': png(),
    });
  });
  afterEach(async () => {
    await Promise.all([mastodon.close(), x.close(), linkedin.close(), webhook.close(), project.remove()]);
  });

  const due = '2026-12-03T17:35:00Z';

  it('sends X a thread with the image and its alt text, and LinkedIn one post in its own text format', async () => {
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes.map((o) => [o.channel, o.kind])).toEqual([
      ['mastodon', 'published'],
      ['x', 'published'],
      ['linkedin', 'published'],
    ]);

    const [first, second] = [...x.tweets.values()];
    expect(first).toMatchObject({
      text: 'The annual meeting (online too) is live: https://riverside.example/agm #riverside',
      media: { media_ids: [expect.any(String)] },
    });
    expect(x.altTexts.get(first!.media!.media_ids[0]!)).toBe('Members seated in the main hall');
    expect(second).toEqual({
      id: second!.id,
      text: 'Questions? Reply here.',
      reply: { in_reply_to_tweet_id: first!.id },
    });
    expect(report.outcomes[1]!.links).toEqual([
      `https://x.com/RiversideRA/status/${first!.id}`,
      `https://x.com/RiversideRA/status/${second!.id}`,
    ]);

    const [post] = [...linkedin.posts.values()];
    expect(post).toMatchObject({
      author: 'urn:li:organization:123456',
      commentary:
        'The annual meeting \\(online too\\) is live: https://riverside.example/agm #riverside\n\nQuestions? Reply here.',
      content: { media: { altText: 'Members seated in the main hall' } },
    });
    expect(linkedin.images.get(post!.content!.media!.id)).toBe(png().length);
    expect(report.outcomes[2]!.links).toEqual([`https://www.linkedin.com/feed/update/${post!.urn}/`]);
  });

  it('publishes each post once when two runs go at the same time against one ledger file', async () => {
    for (const n of [1, 2, 3]) {
      await project.write(
        `content/posts/2026/12/p${n}.mdx`,
        postFile(`title: P${n}\npublishAt: 2026-12-03 18:30\nchannels: [mastodon, x, linkedin]`, `Post number ${n}.`),
      );
    }
    const [a, b] = await Promise.all([
      runPublish(project, { now: due, env, runId: 'run-a', store: sealedStore(project.root) }),
      runPublish(project, { now: due, env, runId: 'run-b', store: sealedStore(project.root) }),
    ]);
    const published = [...a.outcomes, ...b.outcomes]
      .filter((o) => o.kind === 'published')
      .map((o) => o.key)
      .sort();
    expect(published).toEqual([
      'agm/linkedin',
      'agm/mastodon',
      'agm/x',
      'p1/linkedin',
      'p1/mastodon',
      'p1/x',
      'p2/linkedin',
      'p2/mastodon',
      'p2/x',
      'p3/linkedin',
      'p3/mastodon',
      'p3/x',
    ]);
    expect([...a.outcomes, ...b.outcomes].filter((o) => o.kind !== 'published').every((o) => o.kind === 'busy')).toBe(
      true,
    );
    expect(x.tweets.size).toBe(5); // agm is a thread of two
    expect(linkedin.posts.size).toBe(4);
    expect(mastodon.statuses.size).toBe(5);
  });

  it('publishes each post once when two runs go at the same time against the ledger branch on GitHub', async () => {
    const github = await new FakeGitHub({ repository: 'example/riverside-social' }).start();
    try {
      const store = () =>
        new SealedLedgerStore(
          new GitHubLedgerStore({ token: githubToken, repository: 'example/riverside-social', apiUrl: github.url }),
          testLedgerKey,
        );
      await updateLedger(store(), (ledger) => ({ ledger, result: undefined }), { create: true });
      const [a, b] = await Promise.all([
        runPublish(project, { now: due, env, runId: 'run-a', store: store() }),
        runPublish(project, { now: due, env, runId: 'run-b', store: store() }),
      ]);
      expect([...a.outcomes, ...b.outcomes].filter((o) => o.kind === 'published')).toHaveLength(3);
      expect(x.tweets.size).toBe(2);
      expect(linkedin.posts.size).toBe(1);
      expect(JSON.parse(github.file('herald-ledger', 'ledger.json')!).entries['agm/x'].state).toBe('published');
    } finally {
      await github.close();
    }
  });

  it('fails one channel clearly without stopping the others: bad credentials, an unreachable instance, a missing image, a missing secret', async () => {
    const unreachable = await closedPort();
    await project.write('content/herald.yaml', heraldYaml(`${channels(unreachable)}  - { id: x-fr, network: x }\n`));
    await project.write(
      'content/posts/2026/12/agm.mdx',
      postFile(
        'title: AGM\npublishAt: 2026-12-03 18:30\nchannels: [mastodon, x, x-fr, linkedin, team-chat]',
        'The annual meeting is live.',
      ),
    );
    await project.write(
      'content/posts/2026/12/photo.mdx',
      postFile(
        'title: Photo\npublishAt: 2026-12-03 18:30\nchannels: [linkedin]\nmedia:\n  - { src: ./missing.jpg, alt: The river at dawn, rights: owned }',
        'The river this morning.',
      ),
    );
    const report = await runPublish(project, {
      now: due,
      env: { ...env, HERALD_X_ACCESS_SECRET: 'wrong-secret', HERALD_X_ACCESS_TOKEN: 'revoked-token' },
    });

    const byKey = Object.fromEntries(report.outcomes.map((o) => [o.key, o]));
    expect(byKey['agm/linkedin']!.kind).toBe('published');
    expect(byKey['agm/team-chat']!.kind).toBe('published');
    expect(byKey['agm/mastodon']).toMatchObject({ kind: 'failed', attempts: 4 });
    expect(byKey['agm/mastodon']!.message).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+: the server refused the connection \(ECONNREFUSED\) \(the next run tries again/,
    );
    expect(byKey['agm/x']).toMatchObject({ kind: 'failed', attempts: 1 });
    expect(byKey['agm/x']!.message).toMatch(
      /^reconnect x: X refused the keys in HERALD_X_API_KEY.*\(HTTP 401: Unauthorized\)/,
    );
    expect(byKey['agm/x-fr']!.message).toMatch(
      /^channel "x-fr" has no credentials: set HERALD_X_FR_API_KEY, HERALD_X_FR_API_SECRET, HERALD_X_FR_ACCESS_TOKEN, HERALD_X_FR_ACCESS_SECRET/,
    );
    expect(byKey['photo/linkedin']!.message).toMatch(
      /^the image content\/posts\/2026\/12\/missing\.jpg does not exist: add the file or fix media\.src in the post/,
    );
    expect(x.tweets.size).toBe(0);
    expect(linkedin.posts.size).toBe(1);
    expect(JSON.stringify(report)).not.toMatch(/wrong-secret|revoked-token/);

    // The people watching the team chat hear about every failure.
    const notice = webhook.messages().find((m) => String(m['text']).startsWith('Herald publish run'));
    expect(String(notice!['text'])).toContain('failed: agm → x: reconnect x: ');
    expect(String(notice!['text'])).toContain(
      'failed: photo → linkedin: the image content/posts/2026/12/missing.jpg does not exist',
    );

    // Fixing the secret is enough: the next run sends what failed for want of it.
    const next = await runPublish(project, { now: '2026-12-03T17:50:00Z', env: { ...env } });
    const kinds = new Map(next.outcomes.map((o) => [o.key, o.kind]));
    expect(kinds.get('agm/x')).toBe('published');
    expect(kinds.has('agm/linkedin')).toBe(false);
    expect(x.tweets.size).toBe(1);
  });

  it('refuses to send a file that is not an image, naming it, and sends nothing for that post', async () => {
    await project.write('content/posts/2026/12/hall.png', 'This is a text file saved with the wrong name.');
    const report = await runPublish(project, { now: due, env, only: 'x' });
    expect(report.outcomes).toMatchObject([
      {
        key: 'agm/x',
        kind: 'failed',
        message:
          'content/posts/2026/12/hall.png is not an image Herald can send (use JPEG, PNG, GIF or WebP) (the next run tries again while the post is within its window)',
      },
    ]);
    expect(x.requests).toEqual([]);
  });

  it('never sends to X twice when the request timed out after X created the tweet: it reports unknown', async () => {
    x.hangAfterCreate = true;
    const report = await runPublish(project, { now: due, env, only: 'x' });
    expect(report.outcomes).toMatchObject([{ key: 'agm/x', kind: 'unknown' }]);
    expect(report.outcomes[0]!.message).toMatch(
      /did not answer in time; Herald cannot tell whether it arrived\. Check the account, then run herald ledger settle agm x published <link\.\.\.> if it is there, or not-sent if it is not/,
    );
    expect(x.tweets.size).toBe(1);
    expect(x.requests.filter((r) => r.method === 'POST' && r.path === '/2/tweets')).toHaveLength(1);
    expect((await ledgerOf(project)).entries['agm/x']).toMatchObject({ state: 'unknown' });
  });

  it('records each part of an X thread before sending the next, so a failure in the middle continues the thread later', async () => {
    const agm = postFile(
      'title: AGM\npublishAt: 2026-12-03 18:30\nchannels: [x]',
      `Part one.\n\n---\n\n${'Too long. '.repeat(40)}`,
    );
    await project.write('content/posts/2026/12/agm.mdx', agm);
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes[0]).toMatchObject({ kind: 'failed', links: [expect.stringMatching(/status\/\d+$/)] });
    expect(report.outcomes[0]!.message).toContain('HTTP 400: Your Tweet text is too long.');
    const entry = (await ledgerOf(project)).entries['agm/x']!;
    expect(entry).toMatchObject({
      state: 'failed',
      parts: [{ id: [...x.tweets.keys()][0] }],
      error: { permanent: true },
    });

    await project.write('content/posts/2026/12/agm.mdx', agm.replace(/(Too long\. )+/, 'Shorter now.'));
    const next = await runPublish(project, { now: '2026-12-03T17:50:00Z', env });
    expect(next.outcomes[0]!.kind).toBe('published');
    const [first, second] = [...x.tweets.values()];
    expect(x.tweets.size).toBe(2);
    expect(second).toMatchObject({ text: 'Shorter now.', reply: { in_reply_to_tweet_id: first!.id } });
  });

  it('never continues a thread under parts that say something else after an edit: it holds it, saying what to do', async () => {
    const agm = (body: string) => postFile('title: AGM\npublishAt: 2026-12-03 18:30\nchannels: [x]', body);
    await project.write('content/posts/2026/12/agm.mdx', agm(`Part one.\n\n---\n\n${'Too long. '.repeat(40)}`));
    await runPublish(project, { now: due, env });
    expect([...x.tweets.values()].map((tweet) => tweet.text)).toEqual(['Part one.']);

    // A part added before the one that went out: continuing would send "Part one." a second time.
    await project.write(
      'content/posts/2026/12/agm.mdx',
      agm('Update first.\n\n---\n\nPart one.\n\n---\n\nShorter now.'),
    );
    const added = await runPublish(project, { now: '2026-12-03T17:50:00Z', env });
    expect(added.outcomes).toMatchObject([{ key: 'agm/x', kind: 'held' }]);
    expect(added.outcomes[0]!.message).toBe(
      'part 1 went out before the rest failed, and the post no longer says what part 1 said: Herald does not continue a thread under parts that say something else. Put back the text that went out to finish the thread, or take it down with retract: true.',
    );
    // The part that went out, edited: the rest would answer a tweet that says something else.
    await project.write('content/posts/2026/12/agm.mdx', agm('Part one, edited.\n\n---\n\nShorter now.'));
    expect((await runPublish(project, { now: '2026-12-03T17:55:00Z', env })).outcomes).toMatchObject([
      { kind: 'held' },
    ]);
    expect([...x.tweets.values()].map((tweet) => tweet.text)).toEqual(['Part one.']);

    // Put back as it went out, with the refused part fixed: the thread is finished under it.
    await project.write('content/posts/2026/12/agm.mdx', agm('Part one.\n\n---\n\nShorter now.'));
    expect((await runPublish(project, { now: '2026-12-03T18:00:00Z', env })).outcomes).toMatchObject([
      { kind: 'published' },
    ]);
    const [first, second] = [...x.tweets.values()];
    expect(second).toMatchObject({ text: 'Shorter now.', reply: { in_reply_to_tweet_id: first!.id } });
    expect(x.tweets.size).toBe(2);
  });

  it('sends nothing while paused, and still takes down a post marked retract', async () => {
    await runPublish(project, { now: due, env, only: 'linkedin' });
    await project.write(
      'content/posts/2026/12/agm.mdx',
      postFile(
        'title: AGM\npublishAt: 2026-12-03 18:30\nchannels: [mastodon, x, linkedin]\nretract: true',
        'The annual meeting is live.',
      ),
    );
    await project.write(
      'content/posts/2026/12/next.mdx',
      postFile('title: Next\npublishAt: 2026-12-03 18:40\nchannels: [mastodon]', 'Coming up.'),
    );
    const report = await runPublish(project, { now: '2026-12-03T17:45:00Z', env, paused: true });
    expect(report.paused).toBe(true);
    expect(report.outcomes.map((o) => [o.key, o.kind])).toEqual([['agm/linkedin', 'retracted']]);
    expect(linkedin.posts.size).toBe(0);
    expect(mastodon.statuses.size).toBe(0);
    expect(x.tweets.size).toBe(0);
  });

  it('takes a thread down from X and says plainly that a webhook message cannot be deleted', async () => {
    await project.write(
      'content/posts/2026/12/agm.mdx',
      postFile('title: AGM\npublishAt: 2026-12-03 18:30\nchannels: [x, team-chat]', 'Part one.\n\n---\n\nPart two.'),
    );
    await runPublish(project, { now: due, env });
    expect(x.tweets.size).toBe(2);
    await project.write(
      'content/posts/2026/12/agm.mdx',
      postFile(
        'title: AGM\npublishAt: 2026-12-03 18:30\nchannels: [x, team-chat]\nretract: true',
        'Part one.\n\n---\n\nPart two.',
      ),
    );
    const report = await runPublish(project, { now: '2026-12-03T19:00:00Z', env });
    expect(report.outcomes.map((o) => [o.key, o.kind])).toEqual([
      ['agm/x', 'retracted'],
      ['agm/team-chat', 'failed'],
    ]);
    expect(report.outcomes[1]!.message).toBe(
      'could not take it down: a message sent to the webhook "team-chat" cannot be deleted; remove it by hand where it was posted',
    );
    expect(x.tweets.size).toBe(0);
    const entries = (await ledgerOf(project)).entries;
    expect(entries['agm/x']!.state).toBe('retracted');
    expect(entries['agm/team-chat']).toMatchObject({ state: 'published', error: { permanent: true } });
    // Reported once: the next run does not fail over it again.
    expect((await runPublish(project, { now: '2026-12-03T19:30:00Z', env })).outcomes).toEqual([]);
  });

  it('prints in a dry run exactly what would go, and touches neither the networks nor the ledger', async () => {
    const before = await readFile(join(project.root, '.herald', 'ledger.json'), 'utf8');
    const report = await runPublish(project, { now: due, env, dryRun: true });
    expect(report.outcomes.map((o) => [o.channel, o.kind])).toEqual([
      ['mastodon', 'would-send'],
      ['x', 'would-send'],
      ['linkedin', 'would-send'],
    ]);
    expect(report.outcomes[0]!.message).toBe('cleared: approved in the test; credentials set');
    expect(report.outcomes[0]!.payload).toEqual({
      parts: [
        'The annual meeting (online too) is live: https://riverside.example/agm #riverside',
        'Questions? Reply here.',
      ],
      media: [{ file: 'content/posts/2026/12/hall.png', alt: 'Members seated in the main hall' }],
      visibility: 'public',
      // herald.yaml's locale, as the post has no lang of its own.
      language: 'en',
    });
    for (const server of [mastodon, x, linkedin, webhook]) expect(server.requests).toEqual([]);
    expect(await readFile(join(project.root, '.herald', 'ledger.json'), 'utf8')).toBe(before);
  });

  it('records a post whose window passed as missed, once, and tells the team chat', async () => {
    const report = await runPublish(project, { now: '2026-12-03T20:00:00Z', env });
    expect(report.outcomes.map((o) => [o.key, o.kind])).toEqual([
      ['agm/mastodon', 'missed'],
      ['agm/x', 'missed'],
      ['agm/linkedin', 'missed'],
    ]);
    expect(report.outcomes[0]!.message).toBe('not published within 2 hours of 2026-12-03T17:30:00Z');
    expect(mastodon.statuses.size + x.tweets.size + linkedin.posts.size).toBe(0);
    expect(webhook.messages()).toHaveLength(1);
    expect((await runPublish(project, { now: '2026-12-03T20:30:00Z', env })).outcomes).toEqual([]);
  });

  it('marks a time-critical post missed once the run is later than its own lateness, and records each run against its slot', async () => {
    await project.write(
      'content/posts/2026/12/live.mdx',
      postFile(
        'title: Live now\npublishAt: 2026-12-03 18:30\nlateness: PT15M\nchannels: [mastodon]',
        'We are live now.',
      ),
    );
    const report = await runPublish(project, {
      now: '2026-12-03T17:50:00Z',
      env,
      runId: 'late-run',
      trigger: { event: 'schedule', cron: '7,22,37,52 * * * *' },
    });
    expect(report.outcomes.find((o) => o.key === 'live/mastodon')).toMatchObject({
      kind: 'missed',
      message:
        'not published within 15 minutes of 2026-12-03T17:30:00Z (the lateness its post allows), so it is not sent late',
    });
    expect(report.outcomes.find((o) => o.key === 'agm/mastodon')!.kind).toBe('published');
    expect(mastodon.statuses.size).toBe(2); // agm's thread of two; nothing of live
    expect((await ledgerOf(project)).runs).toEqual([
      {
        run: 'late-run',
        startedAt: '2026-12-03T17:50:00.000Z',
        trigger: 'schedule',
        cron: '7,22,37,52 * * * *',
        slot: '2026-12-03T17:37:00.000Z',
        lateSeconds: 780,
        finishedAt: '2026-12-03T17:50:00.000Z',
      },
    ]);
  });

  it("tells the team chat once 14 days and once 3 days before credentials expire, by herald.yaml or by LinkedIn's token introspection", async () => {
    // X's date is in herald.yaml; LinkedIn says when its token expires: 2027-01-20, as introspection answers.
    await project.write(
      'content/herald.yaml',
      heraldYaml(channels().replace('handle: RiversideRA,', 'handle: RiversideRA, credentialsExpire: 2026-12-14,')),
    );
    const withClient = {
      ...env,
      HERALD_LINKEDIN_CLIENT_ID: linkedinClient.id,
      HERALD_LINKEDIN_CLIENT_SECRET: linkedinClient.secret,
    };
    const texts = () =>
      webhook
        .messages()
        .map((m) => String(m['text']))
        .filter((t) => t.includes('credentials'));
    await runPublish(project, { now: '2026-12-03T12:00:00Z', env: withClient });
    expect(texts()).toEqual([
      'The credentials of channel "x" expire on 2026-12-14, in 10 days: reconnect x (create new credentials, store them in its secrets) and set its credentialsExpire to the new date.',
    ]);
    await runPublish(project, { now: '2026-12-03T12:15:00Z', env: withClient });
    expect(texts()).toHaveLength(1);
    await runPublish(project, { now: '2026-12-11T12:00:00Z', env: withClient });
    expect(texts()).toHaveLength(2);
    expect(texts()[1]).toContain('"x" expire on 2026-12-14, in 2 days');
    await runPublish(project, { now: '2027-01-08T12:00:00Z', env: withClient });
    expect(texts()[2]).toBe(
      'The credentials of channel "linkedin" expire on 2027-01-20, in 11 days: reconnect linkedin (create new credentials, store them in its secrets) and set its credentialsExpire to the new date.',
    );
    expect((await ledgerOf(project)).notices?.map((n) => [n.channel, n.level])).toEqual([
      ['x', 'warning'],
      ['x', 'alarm'],
      ['linkedin', 'warning'],
    ]);
  });

  it('does not send an expired post or one whose image licence ended', async () => {
    await project.write(
      'content/posts/2026/12/agm.mdx',
      postFile(
        'title: AGM\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]\nexpiresAt: 2026-12-03 18:32',
        'Live now.',
      ),
    );
    await project.write(
      'content/posts/2026/12/photo.mdx',
      postFile(
        'title: Photo\npublishAt: 2026-12-03 18:30\nchannels: [x]\nmedia:\n  - { src: ./hall.png, alt: The hall, rights: licensed, credit: Photo by Jan, expiresAt: 2026-12-01 }',
        'The hall.',
      ),
    );
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes.map((o) => [o.key, o.kind, o.message])).toEqual([
      ['agm/mastodon', 'expired', 'the post expired at 2026-12-03T17:32:00Z'],
      ['photo/x', 'expired', 'the licence of content/posts/2026/12/hall.png ended at 2026-11-30T23:00:00Z'],
    ]);
    expect(mastodon.statuses.size + x.tweets.size).toBe(0);
  });

  it('holds what the approval gate does not clear, with its reason, and records nothing', async () => {
    const gate = {
      decide: () => Promise.resolve({ cleared: false, reason: 'ada approved an earlier version of this file' }),
    };
    const report = await runPublish(project, { now: due, env, gate });
    expect(report.outcomes.map((o) => [o.key, o.kind, o.message])).toEqual([
      ['agm/mastodon', 'held', 'ada approved an earlier version of this file'],
      ['agm/x', 'held', 'ada approved an earlier version of this file'],
      ['agm/linkedin', 'held', 'ada approved an earlier version of this file'],
    ]);
    expect(mastodon.requests).toEqual([]);
    expect((await ledgerOf(project)).entries).toEqual({});
  });

  it('publishes each occurrence of a repeating evergreen post once, under its own ledger key', async () => {
    await project.write(
      'content/posts/2026/12/agm.mdx',
      postFile(
        'title: Tips\npublishAt: 2026-12-03 18:30\nkind: evergreen\nchannels: [mastodon]\nrepeat: { every: P1M, until: 2027-02-28 }',
        'Recycling tip: rinse the jars.',
      ),
    );
    const first = await runPublish(project, { now: due, env });
    const again = await runPublish(project, { now: '2026-12-03T18:00:00Z', env });
    const january = await runPublish(project, { now: '2027-01-03T17:40:00Z', env });
    expect(first.outcomes.map((o) => o.key)).toEqual(['agm/mastodon/2026-12-03T17:30:00Z']);
    expect(again.outcomes).toEqual([]);
    expect(january.outcomes.map((o) => [o.key, o.kind])).toEqual([['agm/mastodon/2027-01-03T17:30:00Z', 'published']]);
    expect(mastodon.statuses.size).toBe(2);
  });

  it("never sends LinkedIn a post twice when it answers 201 without the post's id, or 500 after creating it", async () => {
    await project.write(
      'content/posts/2026/12/second.mdx',
      postFile('title: Second\npublishAt: 2026-12-03 18:30\nchannels: [linkedin]', 'The second post.'),
    );
    linkedin.afterCreate.push('no-id', 'server-error');
    const report = await runPublish(project, { now: due, env, only: 'linkedin' });
    expect(report.outcomes.map((o) => [o.key, o.kind])).toEqual([
      ['agm/linkedin', 'unknown'],
      ['second/linkedin', 'unknown'],
    ]);
    expect(report.outcomes[0]!.message).toMatch(
      /accepted the post \(HTTP 201\) but did not say its id; Herald cannot tell whether it arrived/,
    );
    expect(report.outcomes[1]!.message).toMatch(
      /HTTP 500: Internal Server Error; Herald cannot tell whether it arrived/,
    );
    expect(linkedin.posts.size).toBe(2);
    const again = await runPublish(project, { now: '2026-12-03T17:50:00Z', env, only: 'linkedin' });
    expect(again.outcomes).toEqual([]);
    expect(linkedin.posts.size).toBe(2);
  });

  it('never sends a webhook message twice when the receiver answers 500 after accepting it, and gives each delivery an Idempotency-Key', async () => {
    await project.write(
      'content/posts/2026/12/agm.mdx',
      postFile('title: AGM\npublishAt: 2026-12-03 18:30\nchannels: [team-chat]', 'The annual meeting is live.'),
    );
    webhook.failAfterAccepting = 1;
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes).toMatchObject([{ key: 'agm/team-chat', kind: 'unknown' }]);
    expect(report.outcomes[0]!.message).toMatch(/HTTP 500: internal_error; Herald cannot tell whether it arrived/);
    const posts = webhook.requests.filter(
      (r) => r.path === webhookPath && !String(jsonOf(r)['text']).startsWith('Herald publish run'),
    );
    expect(posts).toHaveLength(1);
    expect(posts[0]!.headers['idempotency-key']).toMatch(/^herald-[0-9a-f]{40}$/);
    expect((await runPublish(project, { now: '2026-12-03T17:50:00Z', env })).outcomes).toEqual([]);
    expect(webhook.requests.filter((r) => r.path === webhookPath && r.headers['idempotency-key'])).toHaveLength(1);
  });

  it('takes down the part of an X thread that went out when the next was refused', async () => {
    const thread = (extra = '') =>
      postFile(
        `title: AGM\npublishAt: 2026-12-03 18:30\nchannels: [x]${extra}`,
        `Part one.\n\n---\n\n${'Too long. '.repeat(40)}`,
      );
    await project.write('content/posts/2026/12/agm.mdx', thread());
    const sent = await runPublish(project, { now: due, env });
    expect(sent.outcomes).toMatchObject([{ kind: 'failed' }]);
    expect(x.tweets.size).toBe(1);
    await project.write('content/posts/2026/12/agm.mdx', thread('\nretract: true'));
    const report = await runPublish(project, { now: '2026-12-03T18:00:00Z', env });
    expect(report.outcomes.map((o) => [o.key, o.kind])).toEqual([['agm/x', 'retracted']]);
    expect(x.tweets.size).toBe(0);
    expect((await ledgerOf(project)).entries['agm/x']).toMatchObject({ state: 'retracted' });
  });

  it('takes down the parts it knows of an X thread whose next part is unknown, and says more may be out there', async () => {
    const thread = (extra = '') =>
      postFile(`title: AGM\npublishAt: 2026-12-03 18:30\nchannels: [x]${extra}`, 'Part one.\n\n---\n\nPart two.');
    await project.write('content/posts/2026/12/agm.mdx', thread());
    let created = 0;
    x.onCreate = () => {
      if (++created === 2) x.hangAfterCreate = true;
    };
    const sent = await runPublish(project, { now: due, env });
    expect(sent.outcomes).toMatchObject([{ kind: 'unknown', links: [expect.stringMatching(/status\/\d+$/)] }]);
    expect(x.tweets.size).toBe(2);
    await project.write('content/posts/2026/12/agm.mdx', thread('\nretract: true'));
    const report = await runPublish(project, { now: '2026-12-03T18:00:00Z', env });
    expect(report.outcomes.map((o) => [o.key, o.kind])).toEqual([['agm/x', 'retracted']]);
    expect(report.outcomes[0]!.message).toMatch(
      /Whether more of it went out cannot be told \(x offers no free way to look it up\): check the account/,
    );
    // The part Herald knew of is gone; the one whose answer was lost is for a person to find.
    expect(x.tweets.size).toBe(1);
  });

  it('knows its own claim when the answer to writing it was lost, and sends the post', async () => {
    const github = await new FakeGitHub({ repository: 'example/riverside-social' }).start();
    try {
      const store = () =>
        new SealedLedgerStore(
          new GitHubLedgerStore({ token: githubToken, repository: 'example/riverside-social', apiUrl: github.url }),
          testLedgerKey,
        );
      await updateLedger(store(), (ledger) => ({ ledger, result: undefined }), { create: true });
      github.lostAnswers = 1;
      const report = await runPublish(project, { now: due, env, only: 'linkedin', store: store() });
      expect(report.outcomes.map((o) => [o.key, o.kind])).toEqual([['agm/linkedin', 'published']]);
      expect(linkedin.posts.size).toBe(1);
    } finally {
      await github.close();
    }
  });

  it('takes down a published post renamed and withdrawn in the same change, under its new name', async () => {
    const thread = 'Part one.\n\n---\n\nPart two.';
    await project.write(
      'content/posts/2026/12/agm.mdx',
      postFile('title: AGM\npublishAt: 2026-12-03 18:30\nchannels: [x]', thread),
    );
    await runPublish(project, { now: due, env });
    expect(x.tweets.size).toBe(2);
    await rm(join(project.root, 'content/posts/2026/12/agm.mdx'));
    await project.write(
      'content/posts/2026/12/annual-meeting.mdx',
      postFile('title: AGM\npublishAt: 2026-12-03 18:30\nchannels: [x]\nretract: true', thread),
    );
    const report = await runPublish(project, { now: '2026-12-03T18:00:00Z', env });
    expect(report.outcomes.map((o) => [o.key, o.kind])).toEqual([
      ['annual-meeting/x', 'renamed'],
      ['annual-meeting/x', 'retracted'],
    ]);
    expect(x.tweets.size).toBe(0);
    expect(Object.keys((await ledgerOf(project)).entries)).toEqual(['annual-meeting/x']);
  });

  it('takes down a published post moved to a later time and withdrawn in the same change', async () => {
    await project.write(
      'content/posts/2026/12/agm.mdx',
      postFile('title: AGM\npublishAt: 2026-12-03 18:30\nchannels: [x]', 'Part one.\n\n---\n\nPart two.'),
    );
    await runPublish(project, { now: due, env });
    expect(x.tweets.size).toBe(2);
    // It went out a day early: moved to the right day and withdrawn until someone decides.
    await project.write(
      'content/posts/2026/12/agm.mdx',
      postFile(
        'title: AGM\npublishAt: 2026-12-04 18:30\nchannels: [x]\nretract: true',
        'Part one.\n\n---\n\nPart two.',
      ),
    );
    const report = await runPublish(project, { now: '2026-12-03T18:00:00Z', env });
    expect(report.outcomes.map((o) => [o.key, o.kind])).toEqual([['agm/x', 'retracted']]);
    expect(x.tweets.size).toBe(0);
  });

  it('sends a post once when two runs go at once, one from before its file was renamed and one from after', async () => {
    const text = postFile('title: AGM\npublishAt: 2026-12-03 18:30\nchannels: [x]', 'The annual meeting is live.');
    await project.write('content/posts/2026/12/agm.mdx', text);
    const renamed = await projectOnDisk(
      { 'content/herald.yaml': heraldYaml(channels()), 'content/posts/2026/12/annual-meeting.mdx': text },
      { ledger: false },
    );
    try {
      // Both runs read the ledger before either claims: each plans to send, under its own id.
      let waiting = 2;
      let release!: () => void;
      const bothRead = new Promise<void>((resolve) => (release = resolve));
      const shared = (): LedgerStore => {
        const store = sealedStore(project.root);
        let first = true;
        return {
          where: store.where,
          read: async () => {
            const snapshot = await store.read();
            if (first) {
              first = false;
              if (--waiting === 0) release();
              await bothRead;
            }
            return snapshot;
          },
          write: (ledger, expected) => store.write(ledger, expected),
        };
      };
      const [before, after] = await Promise.all([
        runPublish(project, { now: due, env, runId: 'run-before', store: shared() }),
        runPublish(renamed, { now: due, env, runId: 'run-after', store: shared() }),
      ]);
      expect(x.tweets.size).toBe(1);
      expect([...before.outcomes, ...after.outcomes].map((o) => o.kind).sort()).toEqual(['busy', 'published']);
      const busy = [...before.outcomes, ...after.outcomes].find((o) => o.kind === 'busy')!;
      expect(busy.message).toMatch(
        /^another run is sending or sent it as (agm|annual-meeting)\/x, its id before its file was renamed/,
      );

      // The next run, with the renamed file, knows the post as what went out.
      const next = await runPublish(renamed, { now: '2026-12-03T17:45:00Z', env, store: sealedStore(project.root) });
      expect(next.outcomes.map((o) => o.kind)).not.toContain('published');
      expect(x.tweets.size).toBe(1);
    } finally {
      await renamed.remove();
    }
  });

  it("refuses to act when this machine's clock is far from GitHub's, which would send posts early or call them missed", async () => {
    const github = await new FakeGitHub({ repository: 'example/riverside-social' }).start();
    try {
      const store = () =>
        new SealedLedgerStore(
          new GitHubLedgerStore({ token: githubToken, repository: 'example/riverside-social', apiUrl: github.url }),
          testLedgerKey,
        );
      await updateLedger(store(), (ledger) => ({ ledger, result: undefined }), { create: true });
      github.now = Date.parse('2026-12-02T17:35:00Z');
      await expect(runPublish(project, { now: due, env, store: store() })).rejects.toThrow(
        /this machine's clock says 2026-12-03T17:35:00\.000Z, and the clock of example\/riverside-social@herald-ledger:ledger\.json says 2026-12-02T17:35:00\.000Z: 1440 minutes ahead\. .*set the clock right/,
      );
      expect(mastodon.requests).toEqual([]);
      // A few minutes apart is normal, and a dry run only looks.
      github.now = Date.parse('2026-12-03T17:33:00Z');
      expect((await runPublish(project, { now: due, env, store: store(), dryRun: true })).outcomes.length).toBe(3);
    } finally {
      await github.close();
    }
  });
});
