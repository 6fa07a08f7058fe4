import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mastodonToken, startMastodon, type FakeMastodon } from './fakes/mastodon.ts';
import { placeholderText } from '../../src/lib/calendar/placeholder.ts';
import { heraldYaml, png, postFile, projectOnDisk, testLedgerKey, type TestProject } from './helpers.ts';

const herald = new URL('../../scripts/herald.ts', import.meta.url).pathname;
/** The real command line with its clock set in-process: a real publish run takes no --now. */
const heraldAt = new URL('./fixtures/herald-at.ts', import.meta.url).pathname;

describe('herald publish', () => {
  let mastodon: FakeMastodon;
  let project: TestProject;

  beforeEach(async () => {
    mastodon = await startMastodon();
    project = await projectOnDisk({
      'content/herald.yaml': heraldYaml(`  - { id: mastodon, network: mastodon, instance: "${mastodon.url}" }\n`),
      'content/posts/2026/12/agm.mdx': postFile(
        'title: AGM live\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]\ncontentWarning: Meeting\nmedia:\n  - { src: ./hall.png, alt: Members seated in the main hall, rights: owned }',
        'The **annual meeting** is [live](https://riverside.example/agm) now.\n\n---\n\nQuestions? Reply here.',
      ),
      'content/posts/2026/12/hall.png': png(),
    });
  });
  afterEach(async () => {
    await mastodon.close();
    await project.remove();
  });

  function spawnHerald(
    argv: string[],
    env: Record<string, string>,
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const clean = Object.fromEntries(
        Object.entries(process.env).filter(([name]) => !name.startsWith('GITHUB_') && !name.startsWith('HERALD_')),
      );
      execFile(
        process.execPath,
        argv,
        {
          cwd: project.root,
          env: { ...clean, HERALD_MASTODON_TOKEN: mastodonToken, HERALD_LEDGER_KEY: testLedgerKey, ...env },
        },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });
  }
  /** `herald publish` as a user runs it. */
  const run = (args: string[], env: Record<string, string> = {}) => spawnHerald([herald, 'publish', ...args], env);
  /** A real run of `herald publish` at `at`. */
  const runAt = (at: string, args: string[], env: Record<string, string> = {}) =>
    spawnHerald([heraldAt, at, 'publish', ...args], env);

  it('prints in a dry run the exact text of each part, the image and its alt text, and no secret', async () => {
    const { code, stdout } = await run(['--dry-run', '--now', '2026-12-03T18:31:00+01:00']);
    expect(code).toBe(0);
    expect(stdout).toContain('agm → mastodon (mastodon), due 2026-12-03T17:30:00Z');
    expect(stdout).toContain('visibility: public · content warning: Meeting');
    // Counted as the server counts it, with the content warning ("Meeting", 7) on every part.
    expect(stdout).toContain('part 1/2 (68/500):\n    The annual meeting is live https://riverside.example/agm now.');
    expect(stdout).toContain('  image: content/posts/2026/12/hall.png\n    alt: Members seated in the main hall');
    expect(stdout).toContain('part 2/2 (29/500):\n    Questions? Reply here.');
    // Without GITHUB_TOKEN nothing can be cleared, and the dry run says so rather than "would send".
    expect(stdout).toMatch(/agm\s+mastodon\s+⏸ would hold\s+not cleared: Approvals are checked on GitHub/);
    expect(stdout).not.toContain(mastodonToken);
    expect(mastodon.requests).toEqual([]);
  });

  it('prints in a dry run the poll that goes with the first part', async () => {
    await project.write(
      'content/posts/2026/12/vote.mdx',
      postFile(
        'title: Vote\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]\npoll:\n  options: [Saturday, Sunday]\n  duration: P1DT6H\n  multiple: true',
        'Which day suits you?',
      ),
    );
    const { stdout } = await run(['--dry-run', '--now', '2026-12-03T18:31:00+01:00']);
    expect(stdout).toContain(
      'part 1/1 (20/500):\n    Which day suits you?\n  poll (open 1 day, 6 hours, more than one choice):\n    - Saturday\n    - Sunday',
    );
  });

  it('holds every post when approvals cannot be checked, and says why', async () => {
    const { code, stdout } = await runAt('2026-12-03T17:31:00Z', []);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /agm\s+mastodon\s+⏸ held\s+Approvals are checked on GitHub, and GITHUB_TOKEN and GITHUB_REPOSITORY are not set/,
    );
    expect(mastodon.requests).toEqual([]);
  });

  it('never sends a post validate finds an error in, and says so in the dry run too', async () => {
    await project.write(
      'content/posts/2026/12/draft.mdx',
      postFile('title: Draft\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]', placeholderText('draft')),
    );
    const dry = await run(['--dry-run', '--now', '2026-12-03T17:31:00Z']);
    expect(dry.stdout).toMatch(
      /draft\s+mastodon\s+⏸ held\s+herald validate finds an error in it \(line 6: .*\[post\/placeholder\]\)/,
    );
    const real = await runAt('2026-12-03T17:31:00Z', []);
    expect(real.stdout).toMatch(/draft\s+mastodon\s+⏸ held\s+herald validate finds an error in it/);
    expect(mastodon.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('exits 1 with a table when a post was missed', async () => {
    const { code, stdout } = await runAt('2026-12-03T21:00:00Z', []);
    expect(code).toBe(1);
    expect(stdout).toMatch(/Post\s+Channel\s+Result\s+Details/);
    expect(stdout).toMatch(/agm\s+mastodon\s+✖ missed\s+not published within 2 hours of 2026-12-03T17:30:00Z/);
    expect(stdout).toContain('1 missed. 1 need attention.');
  });

  it('stops everything while HERALD_PAUSED=1, exit 0', async () => {
    const { code, stdout } = await runAt('2026-12-03T17:31:00Z', [], { HERALD_PAUSED: '1' });
    expect(code).toBe(0);
    expect(stdout).toContain(
      'Publishing is paused (publishing.paused in herald.yaml or HERALD_PAUSED=1): nothing is sent; retractions still go.',
    );
    expect(mastodon.requests).toEqual([]);
  });

  it.each([
    [
      ['--dry-run', '--now', '2026-12-03 18:30'],
      /--now needs an instant with its offset, like 2026-12-03T18:30:00\+01:00/,
    ],
    [
      ['--now', '2026-12-03T17:31:00Z'],
      /--now is only for a dry run \(--dry-run\): a real run publishes at the real time/,
    ],
    [
      ['--only', 'mastodn'],
      /--only: There is no channel "mastodn" in herald\.yaml\. Did you mean "mastodon"\? Channels: mastodon\./,
    ],
    [
      ['--frobnicate'],
      /Unknown option --frobnicate\. The options of herald publish are --now, --dry-run, --only, --ledger, --help/,
    ],
  ])('refuses %j with a clear message and exit 2', async (args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('will not publish with a broken herald.yaml: exit 2, pointing at the line', async () => {
    await project.write(
      'content/herald.yaml',
      'organization: Test\ntimezone: Europe/Warsaw\nrepository: example/test\nchannels: []\n',
    );
    const { code, stderr } = await runAt('2026-12-03T17:31:00Z', []);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^herald publish: content\/herald\.yaml has an error, so nothing is published:\n {2}content\/herald\.yaml:4:\d+ {2}.*\nFix it first; npx herald validate checks every file\.\n$/,
    );
    expect(mastodon.requests).toEqual([]);
  });

  it('will not publish with a broken ledger: exit 2, saying which file and what to do', async () => {
    await project.write('.herald/ledger.json', '{"version": 1, "entries": ');
    const { code, stderr } = await runAt('2026-12-03T17:31:00Z', []);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /herald publish could not run: .*\.herald\/ledger\.json is not valid JSON .*Fix or restore it from git history/,
    );
    expect(mastodon.requests).toEqual([]);
  });

  it('will not start a new ledger at a path given with --ledger: a typo there would send everything again', async () => {
    const { code, stderr } = await runAt('2026-12-03T17:31:00Z', ['--ledger', '.herald/leger.json']);
    expect(code).toBe(2);
    expect(stderr).toContain(
      'herald publish could not run: there is no ledger at .herald/leger.json. If posts were published before, it was lost or this is the wrong place',
    );
    expect(mastodon.requests).toEqual([]);
    expect(existsSync(join(project.root, '.herald/leger.json'))).toBe(false);
    const before = await run(['--dry-run', '--ledger', '.herald/leger.json', '--now', '2026-12-03T17:31:00Z']);
    expect(before.stdout).toContain(
      'There is no ledger at .herald/leger.json: a real run would stop. Start one with herald ledger init, or restore it if posts were published before.',
    );

    const created = await spawnHerald([herald, 'ledger', 'init', '--ledger', '.herald/leger.json'], {});
    expect(created).toMatchObject({ code: 0, stdout: 'Started an empty ledger at .herald/leger.json.\n' });
    const dry = await run(['--dry-run', '--ledger', '.herald/leger.json', '--now', '2026-12-03T17:31:00Z']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/agm\s+mastodon\s+⏸ would hold/);
  }, 120_000);
});
