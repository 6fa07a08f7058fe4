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
import { mastodonToken, startMastodon, type FakeMastodon } from './fakes/mastodon.ts';

const due = '2026-12-03T17:35:00Z';
const link = 'https://other.example/@ada/113567000000000000';

describe('boosting on Mastodon', () => {
  let mastodon: FakeMastodon;
  let project: TestProject;
  let boosted: string;
  const env = { HERALD_MASTODON_TOKEN: mastodonToken };
  const repostFile = (extra = '') =>
    postFile(`title: Clean-up\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]\nrepost: ${link}${extra}`, '');

  beforeEach(async () => {
    mastodon = await startMastodon();
    boosted = mastodon.addRemote(link, 'The river clean-up is on Saturday.');
    project = await projectOnDisk({
      'content/herald.yaml': heraldYaml(
        `  - { id: mastodon, network: mastodon, instance: "${mastodon.url}", visibility: unlisted }\n`,
      ),
      'content/posts/2026/12/clean-up.mdx': repostFile(),
    });
  });
  afterEach(async () => {
    await mastodon.close();
    await project.remove();
  });

  const boostRequests = () => mastodon.requests.filter((r) => r.path.endsWith('/reblog'));

  it("boosts the status its link names, found through search, with the channel's visibility, and posts no status", async () => {
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes.map((o) => [o.post, o.kind, o.links])).toEqual([['clean-up', 'published', [link]]]);
    const boost = mastodon.boosts.get(boosted)!;
    expect(boost).toMatchObject({ visibility: 'unlisted', reblog: { id: boosted, url: link } });
    expect(boostRequests().map((r) => [r.path, JSON.parse(r.body.toString())])).toEqual([
      [`/api/v1/statuses/${boosted}/reblog`, { visibility: 'unlisted' }],
    ]);
    expect(mastodon.requests.some((r) => r.path === '/api/v2/search' || r.path.startsWith('/api/v2/search?'))).toBe(
      true,
    );
    expect(mastodon.statuses.size).toBe(0);
    expect((await ledgerOf(project)).entries['clean-up/mastodon']).toMatchObject({
      state: 'published',
      parts: [{ id: boost.id, url: link, repostOf: boosted }],
    });
  });

  it("sends the post's own visibility over the channel's", async () => {
    await project.write('content/posts/2026/12/clean-up.mdx', repostFile('\nvisibility: private'));
    await runPublish(project, { now: due, env });
    expect(mastodon.boosts.get(boosted)!.visibility).toBe('private');
  });

  it('boosts once when run again', async () => {
    await runPublish(project, { now: due, env });
    const again = await runPublish(project, { now: '2026-12-03T17:50:00Z', env });
    expect(again.outcomes).toEqual([]);
    expect(boostRequests()).toHaveLength(1);
    expect(mastodon.boosts.size).toBe(1);
  });

  it('asks again after a 500 and a cut connection, and Mastodon keeps one boost', async () => {
    mastodon.boostFaults.push('server-error', 'reset');
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes.map((o) => o.kind)).toEqual(['published']);
    expect(boostRequests()).toHaveLength(3);
    expect(mastodon.boosts.size).toBe(1);
    expect((await ledgerOf(project)).entries['clean-up/mastodon']!.parts).toEqual([
      expect.objectContaining({ id: mastodon.boosts.get(boosted)!.id, repostOf: boosted }),
    ]);
  });

  it('finds the boost of a run that died before recording it, and does not boost again', async () => {
    await runPublish(project, { now: due, env });
    const entry = (await ledgerOf(project)).entries['clean-up/mastodon']!;
    await changeLedger(
      project,
      (ledger) =>
        void (ledger.entries['clean-up/mastodon'] = {
          ...entry,
          state: 'pending',
          parts: [],
          claim: { run: 'dead-run', at: due },
        }),
    );
    mastodon.now = Date.parse('2026-12-03T19:10:00Z');
    const report = await runPublish(project, { now: '2026-12-03T19:10:00Z', env });
    expect(report.outcomes.map((o) => [o.kind, o.message])).toEqual([
      ['published', 'found on the network: it had arrived'],
    ]);
    expect(boostRequests()).toHaveLength(1);
  });

  it("boosts from the run when due, never handing a boost to Mastodon's scheduler, which has none", async () => {
    await project.write(
      'content/posts/2026/12/doors.mdx',
      postFile('title: Doors\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]', 'Doors open at seven.'),
    );
    mastodon.now = Date.parse('2026-12-03T16:30:00Z');
    const early = await runPublish(project, { now: '2026-12-03T16:30:00Z', env });
    // The text post due at the same time is handed off; the boost waits for its time.
    expect(early.outcomes.map((o) => [o.post, o.kind])).toEqual([['doors', 'handed-off']]);
    expect([...mastodon.scheduled.values()].map((s) => s.params.text)).toEqual(['Doors open at seven.']);
    expect(mastodon.boosts.size).toBe(0);
  });

  it('past its window, a boost left unknown is not settled with a link, and retract: true finds it and undoes it', async () => {
    await runPublish(project, { now: due, env });
    const entry = (await ledgerOf(project)).entries['clean-up/mastodon']!;
    await changeLedger(
      project,
      (ledger) => void (ledger.entries['clean-up/mastodon'] = { ...entry, state: 'unknown', parts: [] }),
    );
    for (const links of [[link], []]) {
      const refused = await runHerald(
        project.root,
        ['ledger', 'settle', 'clean-up', 'mastodon', 'published', ...links],
        {
          HERALD_LEDGER_KEY: testLedgerKey,
        },
      );
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(
        'if it is on the account, leave it unknown (retract: true finds it there and undoes it)',
      );
    }
    const late = '2026-12-10T12:00:00Z';
    expect((await runPublish(project, { now: late, env })).outcomes).toEqual([]);
    await project.write('content/posts/2026/12/clean-up.mdx', repostFile('\nretract: true'));
    const report = await runPublish(project, { now: late, env });
    expect(report.outcomes.map((o) => o.kind)).toEqual(['retracted']);
    expect(mastodon.requests.filter((r) => r.path.endsWith('/unreblog')).map((r) => r.path)).toEqual([
      `/api/v1/statuses/${boosted}/unreblog`,
    ]);
  });

  it('undoes the boost when the post says retract: true', async () => {
    await runPublish(project, { now: due, env });
    await project.write('content/posts/2026/12/clean-up.mdx', repostFile('\nretract: true'));
    const report = await runPublish(project, { now: '2026-12-03T18:00:00Z', env });
    expect(report.outcomes.map((o) => o.kind)).toEqual(['retracted']);
    expect(mastodon.boosts.size).toBe(0);
    expect(mastodon.requests.filter((r) => r.path.endsWith('/unreblog')).map((r) => r.path)).toEqual([
      `/api/v1/statuses/${boosted}/unreblog`,
    ]);
    expect(mastodon.requests.some((r) => r.method === 'DELETE')).toBe(false);
    expect((await ledgerOf(project)).entries['clean-up/mastodon']).toMatchObject({ state: 'retracted' });
  });

  it('fails a boost of a status the server cannot find, saying which, and boosts nothing', async () => {
    const lost = 'https://other.example/@ada/1';
    await project.write(
      'content/posts/2026/12/clean-up.mdx',
      postFile(`title: Clean-up\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]\nrepost: ${lost}`, ''),
    );
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes).toMatchObject([{ kind: 'failed' }]);
    expect(report.outcomes[0]!.message).toContain(`cannot find the post to repost, ${lost}`);
    expect(boostRequests()).toEqual([]);
  });
});
