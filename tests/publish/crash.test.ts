import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPds, type Pds } from './bluesky-pds.ts';
import { linkedinToken, startLinkedin, type FakeLinkedin } from './fakes/linkedin.ts';
import { mastodonToken, startMastodon, type FakeMastodon } from './fakes/mastodon.ts';
import { startX, xEnv, type FakeX } from './fakes/x.ts';
import {
  heraldYaml,
  ledgerOf,
  postFile,
  projectOnDisk,
  runPublish,
  testLedgerKey,
  type TestProject,
} from './helpers.ts';

/**
 * A run that dies between sending and recording: `herald publish` runs in a child process, and the
 * server kills it the moment it has created the post, before the answer reaches it. The ledger then
 * holds a claim nobody finished. The next run must not post again where it cannot be sure.
 */
describe('a crash between sending and recording', () => {
  let pds: Pds;
  let reader: AtpAgent;
  let mastodon: FakeMastodon;
  let x: FakeX;
  let linkedin: FakeLinkedin;
  let proxy: Server;
  let proxyUrl: string;
  let killOnBlueskyCreate: (() => void) | undefined;
  let project: TestProject;
  const env = {
    HERALD_MASTODON_TOKEN: mastodonToken,
    HERALD_BLUESKY_APP_PASSWORD: 'riverside-app-password',
    ...xEnv(),
    HERALD_LINKEDIN_ACCESS_TOKEN: linkedinToken,
  };

  beforeAll(async () => {
    [pds, mastodon, x, linkedin] = await Promise.all([startPds(), startMastodon(), startX(), startLinkedin()]);
    reader = await pds.account('riverside.test', env.HERALD_BLUESKY_APP_PASSWORD);
    // In front of the PDS: passes everything through, and kills the client once a post record exists.
    proxy = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const upstream = await fetch(`${pds.url}${request.url}`, {
        method: request.method,
        headers: Object.fromEntries(
          Object.entries(request.headers)
            .filter(([name]) => name !== 'host' && name !== 'connection')
            .map(([k, v]) => [k, String(v)]),
        ),
        ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
      });
      const body = Buffer.from(await upstream.arrayBuffer());
      if (request.url?.startsWith('/xrpc/com.atproto.repo.createRecord') && upstream.ok) killOnBlueskyCreate?.();
      response
        .writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' })
        .end(body);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    project = await projectOnDisk({
      'content/herald.yaml': heraldYaml(
        [
          `  - { id: mastodon, network: mastodon, instance: "${mastodon.url}" }`,
          `  - { id: bluesky, network: bluesky, handle: riverside.test, service: "${proxyUrl}" }`,
          `  - { id: x, network: x, api: "${x.url}" }`,
          `  - { id: linkedin, network: linkedin, organization: "123456", api: "${linkedin.url}" }`,
          '',
        ].join('\n'),
      ),
      'content/posts/2026/12/agm.mdx': postFile(
        'title: AGM live\npublishAt: 2026-12-03 18:30\nchannels: [mastodon, bluesky, x, linkedin]',
        'The annual meeting is live now.',
      ),
    });
  });
  afterAll(async () => {
    proxy?.closeAllConnections();
    await new Promise((resolve) => proxy?.close(resolve));
    await Promise.all([mastodon?.close(), x?.close(), linkedin?.close(), project?.remove()]);
    await pds?.close();
  });

  /** Runs `herald publish --only channel` in a child process, and kills it when `arm` says the post exists. */
  async function crashWhileSending(channel: string, arm: (kill: () => void) => void): Promise<NodeJS.Signals | null> {
    // Started by GitHub's schedule, as the event payload of a scheduled workflow says.
    await project.write('event.json', JSON.stringify({ schedule: '7,22,37,52 * * * *' }));
    const child = spawn(
      process.execPath,
      [new URL('./fixtures/publish-child.ts', import.meta.url).pathname, '2026-12-03T17:31:00Z', '--only', channel],
      {
        cwd: project.root,
        env: {
          ...process.env,
          ...env,
          HERALD_LEDGER_KEY: testLedgerKey,
          GITHUB_EVENT_NAME: 'schedule',
          GITHUB_EVENT_PATH: join(project.root, 'event.json'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    arm(() => child.kill('SIGKILL'));
    const [, signal] = (await new Promise((resolve) => child.on('exit', (...args) => resolve(args)))) as [
      number | null,
      NodeJS.Signals | null,
    ];
    if (signal !== 'SIGKILL') throw new Error(`the run was not killed mid-send; it printed:\n${output}`);
    return signal;
  }

  it('leaves each channel claimed but unrecorded after the kill', async () => {
    await crashWhileSending('mastodon', (kill) => (mastodon.onCreate = kill));
    await crashWhileSending('bluesky', (kill) => (killOnBlueskyCreate = kill));
    await crashWhileSending('x', (kill) => (x.onCreate = kill));
    await crashWhileSending('linkedin', (kill) => (linkedin.onCreate = kill));
    mastodon.onCreate = x.onCreate = linkedin.onCreate = killOnBlueskyCreate = undefined;

    const { entries, runs } = await ledgerOf(project);
    for (const channel of ['mastodon', 'bluesky', 'x', 'linkedin'])
      expect(entries[`agm/${channel}`]).toMatchObject({ state: 'pending', parts: [] });
    // Each killed run is on record, with its slot and delay, and without an end.
    expect(runs).toHaveLength(4);
    for (const run of runs!)
      expect(run).toEqual({
        run: run.run,
        startedAt: '2026-12-03T17:31:00.000Z',
        trigger: 'schedule',
        cron: '7,22,37,52 * * * *',
        slot: '2026-12-03T17:22:00.000Z',
        lateSeconds: 540,
      });
    expect(mastodon.statuses.size).toBe(1);
    expect(x.tweets.size).toBe(1);
    expect(linkedin.posts.size).toBe(1);
  }, 240_000);

  it('then publishes no duplicate: Mastodon and Bluesky find the post on the network, X and LinkedIn are reported unknown', async () => {
    // The next scheduled run, after the claims' lease ran out, and after Mastodon forgot the Idempotency-Key.
    mastodon.now = Date.parse('2026-12-03T18:40:00Z');
    const report = await runPublish(project, {
      now: '2026-12-03T18:40:00Z',
      env,
      runId: 'next-run',
      timeoutMs: 10_000,
    });
    const kinds = Object.fromEntries(report.outcomes.map((o) => [o.channel, o.kind]));
    expect(kinds).toEqual({ mastodon: 'published', bluesky: 'published', x: 'unknown', linkedin: 'unknown' });
    expect(report.outcomes.find((o) => o.channel === 'mastodon')!.message).toBe('found on the network: it had arrived');

    expect(mastodon.statuses.size).toBe(1);
    expect(mastodon.keys()).toHaveLength(1);
    const records = await reader.com.atproto.repo.listRecords({
      repo: reader.session!.did,
      collection: 'app.bsky.feed.post',
    });
    expect(records.data.records).toHaveLength(1);
    expect(x.tweets.size).toBe(1);
    expect(linkedin.posts.size).toBe(1);

    const entries = (await ledgerOf(project)).entries;
    expect(entries['agm/mastodon']!.parts[0]!.id).toBe([...mastodon.statuses.keys()][0]);
    expect(entries['agm/bluesky']!.parts[0]!.id).toBe(records.data.records[0]!.uri);
    expect(entries['agm/x']).toMatchObject({ state: 'unknown' });
    expect(report.outcomes.find((o) => o.channel === 'x')!.message).toMatch(
      /x offers no free way to look it up; Herald cannot tell whether it arrived\. Check the account, then run herald ledger settle agm x/,
    );
  }, 120_000);

  it('and the run after that leaves the unknown deliveries to a person', async () => {
    const report = await runPublish(project, {
      now: '2026-12-03T19:10:00Z',
      env,
      runId: 'third-run',
      timeoutMs: 10_000,
    });
    expect(report.outcomes).toEqual([]);
    expect(x.tweets.size).toBe(1);
    expect(linkedin.posts.size).toBe(1);
  });
});
