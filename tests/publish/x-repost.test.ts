import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runHerald } from '../helpers/cli.ts';
import {
  changeLedger,
  heraldYaml,
  ledgerOf,
  postFile,
  projectOnDisk,
  runPublish,
  testLedgerKey,
  type TestProject,
} from './helpers.ts';
import { startX, xEnv, xOpaqueAccessToken, xUserId, type FakeX } from './fakes/x.ts';
import { formatPayloads } from '../../src/publish/summary.ts';
import type { LedgerEntry } from '../../src/schemas/ledger.ts';

const due = '2026-12-03T17:35:00Z';
const link = 'https://x.com/ada/status/1860000000000000042';
const tweetId = '1860000000000000042';

describe('reposting on X', () => {
  let x: FakeX;
  let project: TestProject;
  const env = xEnv();
  const repostFile = (extra = '') =>
    postFile(`title: Clean-up\npublishAt: 2026-12-03 18:30\nchannels: [x]\nrepost: ${link}${extra}`, '');

  beforeEach(async () => {
    x = await startX();
    x.now = Date.parse(due);
    project = await projectOnDisk({
      'content/herald.yaml': heraldYaml(`  - { id: x, network: x, handle: RiversideRA, api: "${x.url}" }\n`),
      'content/posts/2026/12/clean-up.mdx': repostFile(),
    });
  });
  afterEach(async () => {
    await x.close();
    await project.remove();
  });

  const repostRequests = () => x.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/retweets'));
  /** Reposts, then leaves the ledger entry as a lost answer, a run that died or an older Herald left it. */
  const repostedThenLeft = async (left: Partial<LedgerEntry>) => {
    await runPublish(project, { now: due, env });
    const entry = (await ledgerOf(project)).entries['clean-up/x']!;
    await changeLedger(project, (ledger) => void (ledger.entries['clean-up/x'] = { ...entry, ...left }));
  };
  const unknown: Partial<LedgerEntry> = {
    state: 'unknown',
    parts: [],
    error: { message: 'a send that began may have arrived', permanent: true },
  };

  it("reposts the post its link names as the account, and creates no post of the account's own", async () => {
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes.map((o) => [o.post, o.kind, o.links])).toEqual([['clean-up', 'published', [link]]]);
    expect(repostRequests().map((r) => [r.path, JSON.parse(r.body.toString())])).toEqual([
      [`/2/users/${xUserId}/retweets`, { tweet_id: tweetId }],
    ]);
    expect([...x.retweets]).toEqual([tweetId]);
    expect(x.tweets.size).toBe(0);
    expect((await ledgerOf(project)).entries['clean-up/x']).toMatchObject({
      state: 'published',
      parts: [{ id: tweetId, url: link, repostOf: tweetId }],
    });
  });

  it('takes the account id from its access token, and asks X for it once only when the token does not hold it', async () => {
    await runPublish(project, { now: due, env });
    expect(x.requests.filter((r) => r.path === '/2/users/me')).toEqual([]);
    await project.write(
      'content/posts/2026/12/other.mdx',
      postFile('title: Other\npublishAt: 2026-12-03 18:30\nchannels: [x]\nrepost: https://x.com/ada/status/7', ''),
    );
    await project.write('content/posts/2026/12/clean-up.mdx', repostFile('\nretract: true'));
    const report = await runPublish(project, { now: due, env: { ...env, HERALD_X_ACCESS_TOKEN: xOpaqueAccessToken } });
    expect(report.outcomes.map((o) => [o.post, o.kind]).sort()).toEqual([
      ['clean-up', 'retracted'],
      ['other', 'published'],
    ]);
    expect(x.requests.filter((r) => r.path === '/2/users/me')).toHaveLength(1);
    expect([...x.retweets]).toEqual(['7']);
  });

  it('asks again after a 503 whose repost went through, and counts "retweeted: true" as done', async () => {
    x.retweetFaults.push('server-error');
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes.map((o) => o.kind)).toEqual(['published']);
    expect(repostRequests()).toHaveLength(2);
    expect([...x.retweets]).toEqual([tweetId]);
  });

  it('counts X\'s older "already retweeted" 403 as done too', async () => {
    x.repeatForbidden = true;
    x.retweetFaults.push('server-error');
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes.map((o) => o.kind)).toEqual(['published']);
    expect(repostRequests()).toHaveLength(2);
  });

  it('reposts once when run again, and asks again, never leaving it unknown, after a run died mid-send', async () => {
    await runPublish(project, { now: due, env });
    expect((await runPublish(project, { now: '2026-12-03T17:50:00Z', env })).outcomes).toEqual([]);
    const entry = (await ledgerOf(project)).entries['clean-up/x']!;
    await changeLedger(
      project,
      (ledger) =>
        void (ledger.entries['clean-up/x'] = {
          ...entry,
          state: 'pending',
          parts: [],
          claim: { run: 'dead-run', at: due },
        }),
    );
    const report = await runPublish(project, { now: '2026-12-03T18:10:00Z', env });
    expect(report.outcomes.map((o) => o.kind)).toEqual(['published']);
    expect(repostRequests()).toHaveLength(2);
    expect([...x.retweets]).toEqual([tweetId]);
  });

  it('shows in a dry run what it would repost and what that costs, and sends nothing', async () => {
    const report = await runPublish(project, { now: due, env, dryRun: true });
    expect(report.outcomes.map((o) => o.kind)).toEqual(['would-send']);
    const loaded = await project.load(Date.parse(due));
    const shown = formatPayloads(report, loaded.channels);
    expect(shown).toContain(`  reposts: ${link}\n`);
    expect(shown).toContain('costs USD 0.015');
    expect(shown).not.toContain('part 1');
    expect(x.requests).toEqual([]);
  });

  it('asks again for a repost left unknown (a run found no credentials to look with), where a post would wait for a person', async () => {
    await repostedThenLeft(unknown);
    const report = await runPublish(project, { now: '2026-12-03T18:00:00Z', env });
    expect(report.outcomes.map((o) => o.kind)).toEqual(['published']);
    expect(repostRequests()).toHaveLength(2);
    expect([...x.retweets]).toEqual([tweetId]);
  });

  describe('settled by hand', () => {
    const settle = (...args: string[]) =>
      runHerald(project.root, ['ledger', 'settle', 'clean-up', 'x', ...args], { HERALD_LEDGER_KEY: testLedgerKey });
    const deletes = () => x.requests.filter((r) => r.method === 'DELETE').map((r) => r.path);

    it("is never settled with a link: the link would be the reposted post's, which retracting would delete", async () => {
      await repostedThenLeft(unknown);
      const refused = await settle('published', link);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('a repost has no link of its own: settle it as published without a link');
      expect((await ledgerOf(project)).entries['clean-up/x']).toMatchObject({ state: 'unknown', parts: [] });
      expect((await settle('not-sent')).code).toBe(0);
      const report = await runPublish(project, { now: '2026-12-03T18:00:00Z', env });
      expect(report.outcomes.map((o) => o.kind)).toEqual(['published']);
      expect([...x.retweets]).toEqual([tweetId]);

      await project.write('content/posts/2026/12/clean-up.mdx', repostFile('\nretract: true'));
      await runPublish(project, { now: '2026-12-03T18:10:00Z', env });
      expect(deletes()).toEqual([`/2/users/${xUserId}/retweets/${tweetId}`]);
    });

    it('past its window, is settled as published without a link, and retract: true undoes the repost, deleting no post', async () => {
      await repostedThenLeft(unknown);
      const settled = await settle('published');
      expect(settled.code).toBe(0);
      expect((await ledgerOf(project)).entries['clean-up/x']).toMatchObject({
        state: 'published',
        parts: [{ id: tweetId, url: link, repostOf: tweetId }],
      });
      const late = '2026-12-10T12:00:00Z';
      expect((await runPublish(project, { now: late, env })).outcomes).toEqual([]);

      await project.write('content/posts/2026/12/clean-up.mdx', repostFile('\nretract: true'));
      const report = await runPublish(project, { now: late, env });
      expect(report.outcomes.map((o) => o.kind)).toEqual(['retracted']);
      expect(deletes()).toEqual([`/2/users/${xUserId}/retweets/${tweetId}`]);
      expect([...x.retweets]).toEqual([]);
    });

    it('lists the repost once when a send that never finished had recorded it already', async () => {
      // Settling reads the real clock: a claim from long ago is stale whenever the test runs.
      const claimedAt = '2000-01-01T00:00:00Z';
      await repostedThenLeft({
        state: 'pending',
        claim: { run: 'a run that died', at: claimedAt },
        updatedAt: claimedAt,
      });
      expect((await settle('published')).code).toBe(0);
      expect((await ledgerOf(project)).entries['clean-up/x']).toMatchObject({
        state: 'published',
        parts: [{ id: tweetId, repostOf: tweetId }],
      });
      expect((await ledgerOf(project)).entries['clean-up/x']!.parts).toHaveLength(1);
    });

    describe('under an id or a front matter that is no longer the repost', () => {
      it('refuses the link when the post was renamed since, so that retracting the renamed post never deletes the reposted one', async () => {
        await repostedThenLeft(unknown);
        await rm(join(project.root, 'content/posts/2026/12/clean-up.mdx'));
        await project.write('content/posts/2026/12/clean-up-day.mdx', repostFile());
        const refused = await settle('published', link);
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain('settle it as not-sent');
        expect((await ledgerOf(project)).entries['clean-up/x']).toMatchObject({ state: 'unknown', parts: [] });

        await project.write('content/posts/2026/12/clean-up-day.mdx', repostFile('\nretract: true'));
        await runPublish(project, { now: '2026-12-03T18:10:00Z', env });
        expect(deletes()).not.toContain(`/2/tweets/${tweetId}`);
      });

      it('refuses the link when the post is not in the project any more', async () => {
        await repostedThenLeft(unknown);
        await rm(join(project.root, 'content/posts/2026/12/clean-up.mdx'));
        const refused = await settle('published', link);
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain('not in the project');
        expect((await ledgerOf(project)).entries['clean-up/x']).toMatchObject({ state: 'unknown', parts: [] });
      });

      it('refuses the link when the post does not load, saying so', async () => {
        await repostedThenLeft(unknown);
        await project.write('content/posts/2026/12/clean-up.mdx', '---\ntitle: [Clean-up\n---\n');
        const refused = await settle('published', link);
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain('the post "clean-up" does not load (herald validate says why)');
      });

      it("refuses the link when the post's repost: was taken out since the delivery", async () => {
        await repostedThenLeft(unknown);
        const plain = (extra = '') =>
          postFile(`title: Clean-up\npublishAt: 2026-12-03 18:30\nchannels: [x]${extra}`, 'Clean-up on Saturday.');
        await project.write('content/posts/2026/12/clean-up.mdx', plain());
        const refused = await settle('published', link);
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain('has changed since it was sent');
        expect((await ledgerOf(project)).entries['clean-up/x']).toMatchObject({ state: 'unknown', parts: [] });

        await project.write('content/posts/2026/12/clean-up.mdx', plain('\nretract: true'));
        await runPublish(project, { now: '2026-12-03T18:10:00Z', env });
        expect(deletes()).not.toContain(`/2/tweets/${tweetId}`);
      });
    });
  });

  it('undoes, never deletes, a repost settled by an earlier Herald with the reposted post as its part', async () => {
    // What `herald ledger settle clean-up x published <link>` recorded before it refused the link.
    await repostedThenLeft({ parts: [{ id: tweetId, url: link }] });
    await project.write('content/posts/2026/12/clean-up.mdx', repostFile('\nretract: true'));
    const report = await runPublish(project, { now: '2026-12-03T18:00:00Z', env });
    expect(report.outcomes.map((o) => o.kind)).toEqual(['retracted']);
    expect(x.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
      `/2/users/${xUserId}/retweets/${tweetId}`,
    ]);
  });

  it('undoes the repost when the post says retract: true, and deletes no post', async () => {
    await runPublish(project, { now: due, env });
    await project.write('content/posts/2026/12/clean-up.mdx', repostFile('\nretract: true'));
    const report = await runPublish(project, { now: '2026-12-03T18:00:00Z', env });
    expect(report.outcomes.map((o) => o.kind)).toEqual(['retracted']);
    expect(x.retweets.size).toBe(0);
    expect(x.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
      `/2/users/${xUserId}/retweets/${tweetId}`,
    ]);
    expect((await ledgerOf(project)).entries['clean-up/x']).toMatchObject({ state: 'retracted' });
  });
});
