import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub, githubToken } from './fakes/github.ts';
import { mastodonToken, startMastodon, type FakeMastodon } from './fakes/mastodon.ts';
import { startX, xEnv, type FakeX } from './fakes/x.ts';
import { heraldYaml, ledgerOf, postFile, projectOnDisk, testLedgerKey, type TestProject } from './helpers.ts';

/**
 * Exactly once, through the command line, in the cases people actually hit: a published post renamed,
 * a ledger emptied or lost, a ledger edited by hand, a delivery a person settles. `publish-child.ts`
 * is `herald publish` with an approval gate that clears everything and its clock set in-process;
 * `herald ledger` runs as users run it.
 */

const herald = new URL('../../scripts/herald.ts', import.meta.url).pathname;
const publishChild = new URL('./fixtures/publish-child.ts', import.meta.url).pathname;
const slow = 240_000;

describe('herald publish and herald ledger', () => {
  let mastodon: FakeMastodon;
  let x: FakeX;
  let project: TestProject;
  let env: Record<string, string>;

  beforeEach(async () => {
    [mastodon, x] = await Promise.all([startMastodon(), startX()]);
    env = {
      HERALD_MASTODON_TOKEN: mastodonToken,
      ...xEnv(),
      HERALD_LEDGER_KEY: testLedgerKey,
    };
    project = await projectOnDisk({
      'content/herald.yaml': heraldYaml(
        `  - { id: mastodon, network: mastodon, instance: "${mastodon.url}" }\n  - { id: x, network: x, handle: RiversideRA, api: "${x.url}" }\n`,
      ),
      'content/posts/2026/12/agm-live.mdx': postFile(
        'title: AGM live\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]',
        'The annual meeting is live now.',
      ),
    });
  });
  afterEach(async () => {
    await Promise.all([mastodon.close(), x.close(), project.remove()]);
  });

  function spawn(
    argv: string[],
    extra: Record<string, string> = {},
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('GITHUB_') && !name.startsWith('HERALD_')),
    );
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        argv,
        { cwd: project.root, env: { ...clean, ...env, ...extra } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });
  }
  const publish = (at: string, args: string[] = [], extra: Record<string, string> = {}) =>
    spawn([publishChild, at, ...args], extra);
  const ledgerCommand = (args: string[], extra: Record<string, string> = {}) =>
    spawn([herald, 'ledger', ...args], extra);
  const texts = () => [...mastodon.statuses.values()].map((status) => status.text);

  it(
    'does not send a published post again when its file is renamed, moved to another month, or renamed and edited',
    async () => {
      expect((await publish('2026-12-03T17:31:00Z')).code).toBe(0);
      expect(texts()).toEqual(['The annual meeting is live now.']);

      // Renamed: a new file name is a new id, unless Herald recognises the post.
      await rm(join(project.root, 'content/posts/2026/12/agm-live.mdx'));
      await project.write(
        'content/posts/2026/12/annual-meeting-live.mdx',
        postFile(
          'title: AGM live\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]',
          'The annual meeting is live now!',
        ),
      );
      const renamed = await publish('2026-12-03T17:46:00Z');
      expect(renamed.code).toBe(0);
      expect(renamed.stdout).toMatch(
        /annual-meeting-live\s+mastodon\s+↪ renamed\s+.*recognised as "agm-live" \(content\/posts\/2026\/12\/agm-live\.mdx\)/,
      );
      expect(texts()).toEqual(['The annual meeting is live now.']);
      const entries = (await ledgerOf(project)).entries;
      expect(Object.keys(entries)).toEqual(['annual-meeting-live/mastodon']);
      expect(entries['annual-meeting-live/mastodon']).toMatchObject({
        state: 'published',
        file: 'content/posts/2026/12/annual-meeting-live.mdx',
      });

      // And once more, to another folder: still the same post, and the next run has nothing to do.
      await rm(join(project.root, 'content/posts/2026/12/annual-meeting-live.mdx'));
      await project.write(
        'content/posts/2026/11/agm.mdx',
        postFile(
          'title: AGM live\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]',
          'The annual meeting is live now!',
        ),
      );
      expect((await publish('2026-12-03T18:01:00Z')).stdout).toMatch(/agm\s+mastodon\s+↪ renamed/);
      expect((await publish('2026-12-03T18:16:00Z')).stdout).toContain('Nothing is due.');
      expect(texts()).toEqual(['The annual meeting is live now.']);
    },
    slow,
  );

  it(
    'stops with instructions when the ledger file was emptied or deleted, instead of sending everything again',
    async () => {
      expect((await publish('2026-12-03T17:31:00Z')).code).toBe(0);
      const ledger = join(project.root, '.herald', 'ledger.json');

      await writeFile(ledger, '');
      const blank = await publish('2026-12-03T17:46:00Z');
      expect(blank.code).toBe(2);
      expect(blank.stderr).toMatch(
        /ledger\.json is empty, which Herald never writes: restore it from its history \(or a backup\)/,
      );

      await rm(ledger);
      const lost = await publish('2026-12-03T17:46:00Z');
      expect(lost.code).toBe(2);
      expect(lost.stderr).toMatch(
        /there is no ledger at .*ledger\.json\. If posts were published before, it was lost or this is the wrong place: restore it .* If this is the first run, start one with herald ledger init\./,
      );
      expect(texts()).toHaveLength(1);

      // Starting again is a person's decision, and done once.
      expect((await ledgerCommand(['init'])).code).toBe(0);
      const again = await ledgerCommand(['init']);
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(
        /there is a ledger at .*ledger\.json already \(0 entries\); herald ledger init never replaces one/,
      );
    },
    slow,
  );

  it(
    'stops when the ledger branch on GitHub disappeared after posts were published',
    async () => {
      const github = await new FakeGitHub({ repository: 'example/riverside-social' }).start();
      try {
        const onGitHub = {
          GITHUB_TOKEN: githubToken,
          GITHUB_REPOSITORY: 'example/riverside-social',
          GITHUB_API_URL: github.url,
        };
        expect((await ledgerCommand(['init', '--ledger', 'github'], onGitHub)).code).toBe(0);
        expect((await publish('2026-12-03T17:31:00Z', ['--ledger', 'github'], onGitHub)).code).toBe(0);
        expect(JSON.parse(github.file('herald-ledger', 'ledger.json')!).entries['agm-live/mastodon'].state).toBe(
          'published',
        );

        github.branches.delete('herald-ledger');
        github.now = Date.parse('2026-12-03T17:46:00Z');
        const lost = await publish('2026-12-03T17:46:00Z', ['--ledger', 'github'], onGitHub);
        expect(lost.code).toBe(2);
        expect(lost.stderr).toMatch(
          /there is no ledger at example\/riverside-social@herald-ledger:ledger\.json\. If posts were published before, it was lost/,
        );
        expect(texts()).toHaveLength(1);
      } finally {
        await github.close();
      }
    },
    slow,
  );

  it(
    'will not take down or reply under a post the ledger was pointed at by hand: it stops, and says what changed',
    async () => {
      expect((await publish('2026-12-03T17:31:00Z')).code).toBe(0);
      // Someone posts by hand on the account; someone else points the ledger at that post and retracts ours.
      mastodon.statuses.set('999', {
        ...[...mastodon.statuses.values()][0]!,
        id: '999',
        text: 'The mayor thanks everyone.',
        url: `${mastodon.url}/@riverside/999`,
      });
      const ledger = join(project.root, '.herald', 'ledger.json');
      const forged = JSON.parse(await readFile(ledger, 'utf8'));
      forged.entries['agm-live/mastodon'].parts = [{ id: '999', url: `${mastodon.url}/@riverside/999` }];
      await writeFile(ledger, JSON.stringify(forged, null, 2));
      await project.write(
        'content/posts/2026/12/agm-live.mdx',
        postFile(
          'title: AGM live\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]\nretract: true',
          'The annual meeting is live now.',
        ),
      );

      const run = await publish('2026-12-03T18:00:00Z');
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /ledger\.json was changed outside Herald: the entry agm-live\/mastodon is not as Herald wrote it\. Restore the last version Herald wrote .*only if the change is right, vouch for the ledger as it is with herald ledger seal --yes\. Nothing is published until then\./,
      );
      expect(texts().sort()).toEqual(['The annual meeting is live now.', 'The mayor thanks everyone.']);
      expect(mastodon.requests.filter((r) => r.method === 'DELETE')).toEqual([]);

      const check = await ledgerCommand(['check']);
      expect(check.code).toBe(2);
      expect(check.stderr).toMatch(/changed outside Herald: the entry agm-live\/mastodon/);
    },
    slow,
  );

  it(
    'is settled by herald ledger settle, not by hand: published with its link, so a retraction takes it down; or not sent, so the next run sends it',
    async () => {
      await project.write(
        'content/posts/2026/12/agm-live.mdx',
        postFile('title: AGM live\npublishAt: 2026-12-03 18:30\nchannels: [x]', 'The annual meeting is live now.'),
      );
      await project.write(
        'content/posts/2026/12/doors.mdx',
        postFile('title: Doors\npublishAt: 2026-12-03 18:40\nchannels: [x]', 'Doors open at seven.'),
      );
      x.hangAfterCreate = true;
      const first = await publish('2026-12-03T17:31:00Z', ['--only', 'x']);
      expect(first.code).toBe(1);
      expect(first.stdout).toMatch(
        /agm-live\s+x\s+\? unknown\s+.*herald ledger settle agm-live x published <link\.\.\.> if it is there, or not-sent if it is not/,
      );
      const check = await ledgerCommand(['check']);
      expect(check.code).toBe(1);
      expect(check.stdout).toMatch(/1 to settle with herald ledger settle:\n {2}agm-live\/x: unknown/);

      const [tweet] = [...x.tweets.keys()];
      const bad = await ledgerCommand(['settle', 'agm-live', 'x', 'published', 'https://example.com/not-a-tweet']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(
        /"https:\/\/example\.com\/not-a-tweet" is not a post on x\.com; give its link as X shows it/,
      );
      const settled = await ledgerCommand([
        'settle',
        'agm-live',
        'x',
        'published',
        `https://x.com/RiversideRA/status/${tweet}`,
      ]);
      expect(settled).toMatchObject({
        code: 0,
        stdout: `Settled agm-live/x as published: https://x.com/RiversideRA/status/${tweet}.\n`,
      });
      expect((await ledgerCommand(['check'])).code).toBe(0);

      // The next one's answer is lost too, and this time the tweet never came to be (X dropped it).
      x.hangAfterCreate = true;
      const doorsRun = await publish('2026-12-03T17:41:00Z', ['--only', 'x']);
      expect(doorsRun.stdout).toMatch(/doors\s+x\s+\? unknown/);
      x.tweets.delete([...x.tweets.keys()].find((id) => id !== tweet)!);
      expect((await ledgerCommand(['settle', 'doors', 'x', 'not-sent'])).stdout).toBe(
        'Settled doors/x as not sent: the next run sends it if it is still within its window.\n',
      );
      const resent = await publish('2026-12-03T17:56:00Z', ['--only', 'x']);
      expect(resent.stdout).toMatch(/doors\s+x\s+✔ published/);

      await project.write(
        'content/posts/2026/12/agm-live.mdx',
        postFile(
          'title: AGM live\npublishAt: 2026-12-03 18:30\nchannels: [x]\nretract: true',
          'The annual meeting is live now.',
        ),
      );
      const retracted = await publish('2026-12-03T18:11:00Z', ['--only', 'x']);
      expect(retracted.stdout).toMatch(/agm-live\s+x\s+⌫ retracted/);
      expect(x.tweets.has(tweet!)).toBe(false);
      expect([...x.tweets.values()].map((t) => t.text)).toEqual(['Doors open at seven.']);
    },
    slow,
  );

  it(
    'refuses a real run without HERALD_LEDGER_KEY, and HERALD_NOW outside a dry run',
    async () => {
      const keyless = await spawn([herald, 'publish'], { HERALD_LEDGER_KEY: '' });
      expect(keyless.code).toBe(2);
      expect(keyless.stderr).toMatch(
        /HERALD_LEDGER_KEY is not set\. Herald seals the ledger with it, .* a dry run works without it\./,
      );
      const rehearsal = await spawn([herald, 'publish'], { HERALD_NOW: '2026-12-03T17:31:00Z' });
      expect(rehearsal.code).toBe(2);
      expect(rehearsal.stderr).toMatch(/HERALD_NOW is only for a dry run \(--dry-run\)/);
      const dry = await spawn([herald, 'publish', '--dry-run'], {
        HERALD_NOW: '2026-12-03T17:31:00Z',
        HERALD_LEDGER_KEY: '',
      });
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(
        /HERALD_LEDGER_KEY is not set: a real run would stop, and the ledger's seals were not checked\./,
      );
      expect(dry.stdout).toMatch(/agm-live\s+mastodon\s+⏸ would hold\s+not cleared/);
      expect(mastodon.requests).toEqual([]);
    },
    slow,
  );
});
