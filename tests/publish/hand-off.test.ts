import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  heraldYaml,
  changeLedger,
  ledgerOf,
  postFile,
  projectOnDisk,
  runPublish,
  type TestProject,
} from './helpers.ts';
import { mastodonToken, startMastodon, type FakeMastodon } from './fakes/mastodon.ts';

/**
 * Hand-off to Mastodon's scheduled statuses: a cleared post due within publishing.handOff (PT3H by
 * default) is scheduled on the instance by an earlier run, so it goes out on time however late the
 * next run starts; later runs replace, take back or confirm it. Both posts are due at 17:30Z.
 */
describe("handing posts to Mastodon's own scheduler", () => {
  let mastodon: FakeMastodon;
  let project: TestProject;
  const env = { HERALD_MASTODON_TOKEN: mastodonToken };
  const short = 'content/posts/2026/12/short.mdx';
  const shortPost = (extra = '', text = 'Doors open at seven.') =>
    postFile(`title: Short\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]${extra}`, text);

  beforeEach(async () => {
    mastodon = await startMastodon();
    project = await projectOnDisk({
      'content/herald.yaml': heraldYaml(`  - { id: mastodon, network: mastodon, instance: "${mastodon.url}" }\n`),
      'content/posts/2026/12/agm.mdx': postFile(
        'title: AGM live\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]',
        'The annual meeting is live now.\n\n---\n\nQuestions? Reply to this post.',
      ),
      [short]: shortPost(),
    });
  });
  afterEach(async () => {
    await mastodon.close();
    await project.remove();
  });

  /** A run at `at`, with the instance's clock at the same instant. */
  const runAt = (at: string, options: { paused?: boolean } = {}) => {
    mastodon.now = Date.parse(at);
    return runPublish(project, { now: at, env, ...options });
  };
  const creates = () => mastodon.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/statuses').length;

  it('hands a post off within the horizon and not before, and never a thread', async () => {
    expect((await runAt('2026-12-03T14:00:00Z')).outcomes).toEqual([]);
    expect(mastodon.scheduled.size).toBe(0);

    const report = await runAt('2026-12-03T15:00:00Z');
    expect(report.outcomes.map((o) => [o.key, o.kind, o.message])).toEqual([
      ['short/mastodon', 'handed-off', 'scheduled on mastodon for 2026-12-03T17:30:00.000Z'],
    ]);
    const [scheduled] = [...mastodon.scheduled.values()];
    expect(scheduled).toMatchObject({
      scheduled_at: '2026-12-03T17:30:00.000Z',
      params: { text: 'Doors open at seven.', visibility: 'public' },
    });
    expect((await ledgerOf(project)).entries['short/mastodon']).toMatchObject({
      state: 'handedOff',
      handOff: { id: scheduled!.id, at: '2026-12-03T17:30:00.000Z' },
      parts: [],
    });
    expect(mastodon.statuses.size).toBe(0);
  });

  it('hands off a poll with the post: the instance opens it when it publishes the status', async () => {
    await project.write(
      short,
      shortPost('\npoll:\n  options: [Saturday, Sunday]\n  duration: P1D', 'Which day suits you?'),
    );
    await runAt('2026-12-03T15:00:00Z');
    const [scheduled] = [...mastodon.scheduled.values()];
    expect(scheduled!.params.poll).toEqual({ options: ['Saturday', 'Sunday'], expires_in: 86_400, multiple: false });
    await runAt('2026-12-03T17:45:00Z');
    const status = [...mastodon.statuses.values()].find((s) => s.text === 'Which day suits you?');
    expect(status!.poll).toMatchObject({
      expires_at: '2026-12-04T17:30:00.000Z',
      options: [{ title: 'Saturday' }, { title: 'Sunday' }],
    });
  });

  it('says in a dry run what it would hand off, and hands off nothing', async () => {
    mastodon.now = Date.parse('2026-12-03T15:00:00Z');
    const report = await runPublish(project, { now: '2026-12-03T15:00:00Z', env, dryRun: true });
    expect(report.outcomes.map((o) => [o.key, o.kind, o.message])).toEqual([
      [
        'short/mastodon',
        'would-send',
        "if cleared, would be handed to mastodon's own scheduler for 2026-12-03T17:30:00Z",
      ],
    ]);
    expect(mastodon.scheduled.size).toBe(0);
    expect((await ledgerOf(project)).entries).toEqual({});
  });

  it('confirms later that it went live on time, and records the status and its link', async () => {
    await runAt('2026-12-03T15:00:00Z');
    // The next run starts two hours late; the instance published the post at 17:30 all the same.
    const report = await runAt('2026-12-03T19:20:00Z');
    const live = [...mastodon.statuses.values()].find((s) => s.text === 'Doors open at seven.')!;
    expect(live.created_at).toBe('2026-12-03T17:30:00.000Z');
    expect(report.outcomes.find((o) => o.key === 'short/mastodon')).toMatchObject({
      kind: 'published',
      links: [live.url],
      message: "went out from mastodon's own scheduler",
    });
    // Recorded as out at its time, not when the late run found it.
    expect((await ledgerOf(project)).entries['short/mastodon']).toMatchObject({
      state: 'published',
      parts: [{ id: live.id, url: live.url }],
      publishedAt: '2026-12-03T17:30:00.000Z',
    });
    expect(mastodon.scheduled.size).toBe(0);
    expect([...mastodon.statuses.values()].filter((s) => s.text === 'Doors open at seven.')).toHaveLength(1);
  });

  it('replaces the scheduled status when the post is edited: Mastodon cannot change its text', async () => {
    await runAt('2026-12-03T15:00:00Z');
    const [old] = [...mastodon.scheduled.keys()];
    await project.write(short, shortPost('', 'Doors open at half past seven.'));
    const report = await runAt('2026-12-03T15:15:00Z');
    expect(report.outcomes.map((o) => [o.kind, o.message])).toEqual([
      ['handed-off', 'replaced: scheduled on mastodon for 2026-12-03T17:30:00.000Z'],
    ]);
    expect([...mastodon.scheduled.values()].map((s) => s.params.text)).toEqual(['Doors open at half past seven.']);
    expect(mastodon.scheduled.has(old!)).toBe(false);
  });

  it('takes it back when the post is withdrawn', async () => {
    await runAt('2026-12-03T15:00:00Z');
    await project.write(short, shortPost('\nretract: true'));
    const report = await runAt('2026-12-03T15:15:00Z');
    expect(report.outcomes.map((o) => [o.kind, o.message])).toEqual([
      ['taken-back', 'the post is withdrawn (retract: true)'],
    ]);
    expect(mastodon.scheduled.size).toBe(0);
    expect((await ledgerOf(project)).entries['short/mastodon']).toBeUndefined();
    await runAt('2026-12-03T17:40:00Z');
    expect([...mastodon.statuses.values()].some((s) => s.text === 'Doors open at seven.')).toBe(false);
  });

  it('takes it back when the post moves beyond the horizon, so it does not go out at the old time', async () => {
    await runAt('2026-12-03T15:00:00Z');
    await project.write(short, shortPost().replace('2026-12-03 18:30', '2026-12-04 18:30'));
    const report = await runAt('2026-12-03T15:15:00Z');
    expect(report.outcomes.map((o) => [o.kind, o.message])).toEqual([
      ['taken-back', 'the post changed and can no longer be handed off'],
    ]);
    expect(mastodon.scheduled.size).toBe(0);
  });

  it("takes it back when the post's file is deleted", async () => {
    await runAt('2026-12-03T15:00:00Z');
    await rm(join(project.root, short));
    await runAt('2026-12-03T15:15:00Z');
    expect(mastodon.scheduled.size).toBe(0);
    expect((await ledgerOf(project)).entries['short/mastodon']).toBeUndefined();
  });

  it('takes back everything handed off on the first run after the pause, and hands off nothing while paused', async () => {
    await runAt('2026-12-03T15:00:00Z');
    const report = await runAt('2026-12-03T15:15:00Z', { paused: true });
    expect(report.outcomes.map((o) => [o.key, o.kind, o.message])).toEqual([
      ['short/mastodon', 'taken-back', 'publishing is paused'],
    ]);
    expect(mastodon.scheduled.size).toBe(0);
    expect((await runAt('2026-12-03T15:30:00Z', { paused: true })).outcomes).toEqual([]);
    expect(mastodon.scheduled.size).toBe(0);
    // The pause lifted: handed off again.
    expect((await runAt('2026-12-03T15:45:00Z')).outcomes.map((o) => o.kind)).toEqual(['handed-off']);
  });

  it('sends on time as usual when the instance says it is less than 5 minutes ahead by its clock', async () => {
    // This runner's clock says 8 minutes ahead; the instance's is 4 minutes further on.
    mastodon.now = Date.parse('2026-12-03T17:26:00Z');
    const report = await runPublish(project, { now: '2026-12-03T17:22:00Z', env });
    expect(report.outcomes).toEqual([]);
    expect(mastodon.scheduled.size).toBe(0);
    expect((await ledgerOf(project)).entries['short/mastodon']).toBeUndefined();
    const due = await runAt('2026-12-03T17:31:00Z');
    expect(due.outcomes.find((o) => o.key === 'short/mastodon')!.kind).toBe('published');
  });

  it('creates no second scheduled status when a run died between creating it and writing the ledger', async () => {
    await runAt('2026-12-03T15:00:00Z');
    // What the crash leaves: the scheduled status exists, the ledger does not know it.
    await changeLedger(project, (ledger) => void delete ledger.entries['short/mastodon']);
    const [id] = [...mastodon.scheduled.keys()];
    // Two hours on, after Mastodon forgot the Idempotency-Key: found among the scheduled statuses by the key kept in its params.
    const report = await runAt('2026-12-03T17:00:00Z');
    expect(report.outcomes.map((o) => o.kind)).toEqual(['handed-off']);
    expect([...mastodon.scheduled.keys()]).toEqual([id]);
    expect(creates()).toBe(1);
    expect((await ledgerOf(project)).entries['short/mastodon']).toMatchObject({ state: 'handedOff', handOff: { id } });
  });
});
