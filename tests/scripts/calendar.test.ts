import ICAL from 'ical.js';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { post, testConfig } from '../helpers/project.ts';

const herald = resolve('scripts/herald.ts');
/** 2026-11-23 13:00 in Warsaw. */
const now = '2026-11-23T12:00:00Z';
const config = `${testConfig}site: https://example.github.io/test/
calendar:
  quietPeriods:
    - { from: 2026-12-24, to: 2026-12-26, reason: Holidays }
`;
const files = {
  'content/posts/2026/11/sent.mdx': post('title: Sent\npublishAt: 2026-11-20 10:00\nchannels: [mastodon, x]'),
  'content/posts/2026/11/agm.mdx': post(
    'title: AGM\npublishAt: 2026-11-26 18:30\nchannels: [mastodon, bluesky]\ncampaign: agm-2026',
  ),
  // Weekly from 1 December at 09:00: 1, 8, 15, 22 and 29 December.
  'content/posts/2026/12/tip.mdx': post(
    'title: Tip of the week\npublishAt: 2026-12-01 09:00\nchannels: [bluesky]\nkind: evergreen\nrepeat: { every: P1W, until: 2026-12-31 }',
  ),
  'content/posts/2026/12/holiday.mdx': post('title: Holiday hours\npublishAt: 2026-12-24 10:00\nchannels: [x]'),
  'content/posts/2027/03/spring.mdx': post('title: Spring\npublishAt: 2027-03-30 10:00\nchannels: [x]'),
};
const ledger = {
  version: 1,
  entries: {
    'sent/mastodon': {
      post: 'sent',
      channel: 'mastodon',
      network: 'mastodon',
      state: 'published',
      contentHash: `sha256:${'0'.repeat(64)}`,
      scheduledAt: '2026-11-20T09:00:00Z',
      publishedAt: '2026-11-20T09:00:02Z',
      updatedAt: '2026-11-20T09:00:02Z',
      parts: [{ id: '1', url: 'https://mastodon.social/@test/1' }],
    },
  },
};

const dirs: string[] = [];
async function project(extra: Record<string, string> = {}, herald = config): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'herald-calendar-'));
  dirs.push(dir);
  for (const [path, content] of Object.entries({ 'content/herald.yaml': herald, ...files, ...extra })) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

function run(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('GITHUB_') && !name.startsWith('HERALD_')),
  );
  return new Promise((done) => {
    execFile(
      process.execPath,
      [herald, 'calendar', '--now', now, ...args],
      { cwd, env: { ...clean, ...env } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('herald calendar', () => {
  it('prints four weeks from today by default, day by day, each repetition marked', async () => {
    const { code, stdout, stderr } = await run(await project(), []);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Test Association: 2026-11-23 to 2026-12-20, times in Europe/Warsaw\n');
    expect(stdout).toContain(
      '\nThu 2026-11-26\n  18:30  AGM  [agm]\n         ◷ mastodon scheduled  ·  ◷ bluesky scheduled\n',
    );
    expect(stdout).toContain('\nTue 2026-12-01\n  09:00  Tip of the week  [tip]\n');
    expect(stdout).toContain('\nTue 2026-12-15\n  09:00  Tip of the week ↻  [tip]\n');
    // Before today, after the period: left out.
    expect(stdout).not.toContain('[sent]');
    expect(stdout).not.toContain('2026-12-22');
    expect(stdout).toMatch(/\n4 publications on 4 days\.\n$/);
  });

  it('shows what the ledger says went out, and what was missed', async () => {
    const dir = await project({ '.herald/ledger.json': JSON.stringify(ledger) });
    const { stdout } = await run(dir, ['--from', '2026-11-20', '--to', '2026-11-20']);
    expect(stdout).toContain(
      '  10:00  Sent  [sent]\n         ✓ mastodon published https://mastodon.social/@test/1  ·  ! x missed\n',
    );
  });

  it('marks quiet days, and narrows to one channel', async () => {
    const { stdout } = await run(await project(), ['--from', '2026-12-20', '--to', '2026-12-31', '--channel', 'x']);
    expect(stdout).toContain('Test Association: 2026-12-20 to 2026-12-31 on x, times in Europe/Warsaw');
    expect(stdout).toContain(
      '\nThu 2026-12-24  (quiet period: Holidays)\n  10:00  Holiday hours  [holiday]\n         ◷ x scheduled\n',
    );
    expect(stdout).not.toContain('Tip of the week');
    expect(stdout).toMatch(/\n1 publication on 1 day\.\n$/);
  });

  it('says when nothing is planned, and when publishing is paused', async () => {
    const { stdout } = await run(await project(), ['--from', '2027-01-01', '--to', '2027-01-31'], {
      HERALD_PAUSED: '1',
    });
    expect(stdout).toBe(
      'Test Association: 2027-01-01 to 2027-01-31, times in Europe/Warsaw\nPublishing is paused: nothing is sent until it is resumed.\n\nNothing is planned in this period.\n',
    );
  });

  it('prints JSON for scripts: each publication with its UTC instant, local time and statuses', async () => {
    const { stdout } = await run(await project(), ['--format', 'json', '--from', '2026-12-01', '--to', '2026-12-08']);
    const plan = JSON.parse(stdout);
    expect(plan).toMatchObject({
      organization: 'Test Association',
      timezone: 'Europe/Warsaw',
      from: '2026-12-01',
      to: '2026-12-08',
      paused: false,
    });
    expect(plan.publications).toEqual([
      {
        id: 'tip',
        title: 'Tip of the week',
        file: 'content/posts/2026/12/tip.mdx',
        publishAt: '2026-12-01T08:00:00Z',
        local: '2026-12-01 09:00',
        repetition: false,
        kind: 'evergreen',
        labels: [],
        channels: [{ channel: 'bluesky', network: 'bluesky', state: 'scheduled' }],
      },
      {
        id: 'tip',
        title: 'Tip of the week',
        file: 'content/posts/2026/12/tip.mdx',
        publishAt: '2026-12-08T08:00:00Z',
        local: '2026-12-08 09:00',
        repetition: true,
        kind: 'evergreen',
        labels: [],
        channels: [{ channel: 'bluesky', network: 'bluesky', state: 'scheduled' }],
      },
    ]);
  });

  it('prints iCalendar for calendar apps, an event per publication, right across the spring clock change', async () => {
    const { stdout } = await run(await project(), [
      '--format',
      'ics',
      '--from',
      '2026-11-23',
      '--to',
      '2027-03-31',
      '--channel',
      'x',
    ]);
    const events = new ICAL.Component(ICAL.parse(stdout)).getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    expect(events.map((e) => [e.uid, e.startDate.toJSDate().toISOString()])).toEqual([
      ['holiday.x@example/test', '2026-12-24T09:00:00.000Z'],
      // 10:00 in Warsaw on 30 March is summer time, +02:00.
      ['spring.x@example/test', '2027-03-30T08:00:00.000Z'],
    ]);
    expect(String(events[0]!.component.getFirstPropertyValue('url'))).toBe(
      'https://example.github.io/test/posts/holiday/',
    );
    // RFC 5545 3.4: the last line, END:VCALENDAR, ends with CRLF like every other.
    expect(stdout.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('leaves out files with errors and says which', async () => {
    const dir = await project({
      'content/posts/2026/12/broken.mdx': post('title: Broken\npublishAt: 2026-12-02 25:00\nchannels: [x]'),
    });
    const { code, stdout, stderr } = await run(dir, ['--to', '2026-12-05']);
    expect(code).toBe(0);
    expect(stderr).toContain(
      'herald calendar: 1 file(s) have errors and are left out: content/posts/2026/12/broken.mdx. Run herald validate.',
    );
    expect(stdout).not.toContain('Broken');
  });

  it('says so when the ledger it was given cannot be read, and goes on', async () => {
    const { code, stderr, stdout } = await run(await project(), [
      '--ledger',
      'nowhere.json',
      '--from',
      '2026-11-20',
      '--to',
      '2026-11-20',
    ]);
    expect(code).toBe(0);
    expect(stderr).toContain(
      'herald calendar: the ledger could not be read, so past posts show as missed (there is no ledger at nowhere.json.',
    );
    expect(stdout).toContain('! mastodon missed');
  });

  const bad: [string, string[], RegExp][] = [
    [
      'a date in another format',
      ['--from', '01/12/2026'],
      /--from must be a date like 2026-12-01, not "01\/12\/2026"\./,
    ],
    [
      'a day that does not exist',
      ['--to', '2027-02-29'],
      /--to 2027-02-29 is not a day of the calendar\. Check the month and the day\./,
    ],
    [
      'an end before the start',
      ['--from', '2026-12-10', '--to', '2026-12-01'],
      /--to \(2026-12-01\) is before --from \(2026-12-10\)\. Give the first day first\./,
    ],
    [
      'an end before today, with no start given',
      ['--to', '2026-11-01'],
      /--to \(2026-11-01\) is before today \(2026-11-23\), where the plan starts without --from\. Give --from as well\./,
    ],
    [
      'an unknown channel',
      ['--channel', 'mastodn'],
      /--channel: There is no channel "mastodn" in herald\.yaml\. Did you mean "mastodon"\? Channels: mastodon, bluesky, x\./,
    ],
    ['an unknown format', ['--format', 'csv'], /--format must be one of text, ics, json, not "csv"\./],
    [
      'a misspelt format',
      ['--format', 'jsn'],
      /--format must be one of text, ics, json, not "jsn"\. Did you mean json\?/,
    ],
    [
      'an unknown option',
      ['--month', '2026-12'],
      /Unknown option --month\. The options of herald calendar are --from, --to, /,
    ],
    [
      'a --now on a day that does not exist',
      ['--now', '2026-02-30T10:00:00Z'],
      /--now needs an instant with its offset, like 2026-12-03T18:30:00\+01:00 or 2026-12-03T17:30:00Z \(got "2026-02-30T10:00:00Z"\)\./,
    ],
    [
      'a --now without its offset',
      ['--now', '2026-12-03 18:30'],
      /--now needs an instant with its offset, like 2026-12-03T18:30:00\+01:00 or 2026-12-03T17:30:00Z \(got "2026-12-03 18:30"\)\./,
    ],
  ];

  it.each(bad)('refuses %s with exit code 2 and the reason', async (_name, args, reason) => {
    const result = await run(await project(), args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(reason);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });

  it('refuses to run on a broken herald.yaml, saying where', async () => {
    const result = await run(
      await project({}, 'organization: X\ntimezone: Europe/Warsaw\nrepository: a/b\nchannels: []\n'),
      [],
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^herald calendar: content\/herald\.yaml has an error, so the calendar cannot be shown:\n {2}content\/herald\.yaml:4:\d+ {2}.*\nFix it first; npx herald validate checks every file\.\n$/,
    );
  });
});
