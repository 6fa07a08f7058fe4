import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { post, testConfig } from '../helpers/project.ts';
import { clearLine, down, enter, Terminal } from '../helpers/terminal.ts';

const herald = resolve('scripts/herald.ts');
/** 2026-11-23 13:00 in Warsaw. */
const now = '2026-11-23T12:00:00Z';
const config = `${testConfig}  - id: team
    network: webhook
calendar:
  maxPerDayPerChannel: 2
  minGapMinutes: 60
  quietPeriods:
    - { from: 2026-12-24, to: 2026-12-26, reason: Holidays }
`;
const existing = {
  'content/posts/2026/11/agm-live.mdx': post('title: AGM live\npublishAt: 2026-11-24 09:00\nchannels: [mastodon]'),
  'content/posts/2026/12/renamed.mdx': post(
    'title: Renamed\npublishAt: 2026-12-03 10:00\nchannels: [x]\nid: repair-cafe',
  ),
};

const dirs: string[] = [];
async function project(files: Record<string, string> = existing, herald = config): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'herald-new-'));
  dirs.push(dir);
  for (const [path, content] of Object.entries({ 'content/herald.yaml': herald, ...files })) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function run(cwd: string, args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [herald, ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const newPost = (cwd: string, args: string[]) => run(cwd, ['new', '--now', now, ...args]);

/** What herald validate refuses in the project: the file and rule of each error. */
async function validationErrors(cwd: string): Promise<[string, string][]> {
  const { stdout } = await run(cwd, ['validate', '--now', now, '--format', 'json']);
  return (JSON.parse(stdout) as { errors: { file: string; rule: string }[] }).errors.map((p) => [p.file, p.rule]);
}

async function postFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(dir, 'content/posts'), { recursive: true });
  return entries
    .filter((entry) => entry.endsWith('.mdx'))
    .map((entry) => `content/posts/${entry.split('\\').join('/')}`)
    .sort();
}

describe('herald new with flags', () => {
  it('writes the post in its month folder, and herald validate passes it', async () => {
    const dir = await project();
    const result = await newPost(dir, [
      '--title',
      'Repair café: December',
      '--at',
      '2026-12-05 11:00',
      '--channels',
      'mastodon,bluesky',
      '--kind',
      'evergreen',
      '--campaign',
      'repair-cafe',
      '--labels',
      'event, community',
      '--text',
      'Bring what is broken. We fix it together.',
    ]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const path = 'content/posts/2026/12/repair-cafe-december.mdx';
    expect(result.stdout).toContain(
      `Created ${path}: "Repair café: December", 2026-12-05 11:00 (Europe/Warsaw), on mastodon, bluesky.`,
    );
    expect(await readFile(join(dir, path), 'utf8')).toBe(
      '---\ntitle: "Repair café: December"\npublishAt: 2026-12-05 11:00\nchannels: [mastodon, bluesky]\nkind: evergreen\ncampaign: repair-cafe\nlabels: [event, community]\nid: repair-cafe-december\n---\nBring what is broken. We fix it together.\n',
    );
    const validated = await run(dir, ['validate', '--now', now, path]);
    expect(validated.stdout).toContain('✔ 1 file checked, 1 post: 0 errors, 0 warnings.');
    expect(validated.code).toBe(0);
  });

  it("refuses a --text that breaks the style guide's house rules, as validate would", async () => {
    const guide =
      '---\ntitle: Style guide\ndescription: How we write.\nowner: Communications lead\nlastReviewed: 2026-11-01\nreviewEvery: P1Y\nhouseRules:\n  bannedPhrases:\n    - { phrase: utilise, use: use }\n---\nHow we write.\n';
    const dir = await project({ ...existing, 'content/handbook/style-guide.mdx': guide });
    const result = await newPost(dir, [
      '--title',
      'Hall',
      '--at',
      '2026-12-05 11:00',
      '--channels',
      'mastodon',
      '--text',
      'Come and utilise the hall.',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--text: .*utilise.*\(house\/banned-phrase\) Nothing was written\./);
    expect(await postFiles(dir)).toEqual(Object.keys(existing).sort());
  });

  it('writes a text with a warning, and shows the warning validate will show', async () => {
    const dir = await project();
    const result = await newPost(dir, [
      '--title',
      'Hall photo',
      '--at',
      '2026-12-05 11:00',
      '--channels',
      'mastodon',
      '--text',
      'The hall is ready.\n\n![The hall](./hall.jpg)',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^warning {2}body\/not-sent {2}This part is not sent: /m);
    const validated = await run(dir, ['validate', '--now', now, 'content/posts/2026/12/hall-photo.mdx']);
    expect(validated.stdout).toContain('body/not-sent');
    expect(validated.code).toBe(0);
  });

  it('with --yes takes the next free time and every public channel', async () => {
    const dir = await project();
    const result = await newPost(dir, ['--title', 'Leaf raking', '--yes']);
    expect(result.code).toBe(0);
    // 09:00 tomorrow is taken on mastodon by agm-live; 10:00 is an hour later.
    expect(result.stdout).toContain(
      'Created content/posts/2026/11/leaf-raking.mdx: "Leaf raking", 2026-11-24 10:00 (Europe/Warsaw), on mastodon, bluesky, x.',
    );
    expect(await readFile(join(dir, 'content/posts/2026/11/leaf-raking.mdx'), 'utf8')).toContain(
      'channels: [mastodon, bluesky, x]\nkind: original\nid: leaf-raking\n---\n',
    );
    // The file passes every check but one: its text is still the placeholder, and says so.
    expect(result.stdout).toContain(
      'Next: replace the placeholder text below the front matter with the post (until then herald validate reports post/placeholder)',
    );
    // The id is written out, so the post stays itself when its file is renamed.
    expect(await validationErrors(dir)).toEqual([['content/posts/2026/11/leaf-raking.mdx', 'post/placeholder']]);
  });

  it('writes a file that passes validate once the placeholder is replaced', async () => {
    const dir = await project();
    expect((await newPost(dir, ['--title', 'Leaf raking', '--yes'])).code).toBe(0);
    const path = join(dir, 'content/posts/2026/11/leaf-raking.mdx');
    const text = await readFile(path, 'utf8');
    await writeFile(
      path,
      text.replace(
        /---\n[^\n]*Write the post here[^\n]*\n$/,
        '---\nLeaf raking on Saturday at 10:00. Rakes and gloves provided.\n',
      ),
    );
    expect(await readFile(path, 'utf8')).not.toContain('Write the post here');
    expect(await validationErrors(dir)).toEqual([]);
  });

  it('never reuses a file name or an id, in any month, and never overwrites', async () => {
    const dir = await project();
    // Each with its own text: validate reports two posts that send the same text to one channel.
    const a = await newPost(dir, [
      '--title',
      'AGM: live!',
      '--at',
      '2026-12-10 10:00',
      '--channels',
      'x',
      '--text',
      'The meeting is live.',
    ]);
    const b = await newPost(dir, [
      '--title',
      'Repair café',
      '--at',
      '2026-12-10 12:00',
      '--channels',
      'x',
      '--text',
      'The repair café is open.',
    ]);
    const c = await newPost(dir, [
      '--title',
      'AGM live',
      '--at',
      '2027-01-10 12:00',
      '--channels',
      'x',
      '--text',
      'The January meeting is live.',
    ]);
    expect([a.code, b.code, c.code]).toEqual([0, 0, 0]);
    expect(await postFiles(dir)).toEqual([
      'content/posts/2026/11/agm-live.mdx',
      'content/posts/2026/12/agm-live-2.mdx',
      'content/posts/2026/12/renamed.mdx',
      'content/posts/2026/12/repair-cafe-2.mdx',
      'content/posts/2027/01/agm-live-3.mdx',
    ]);
    expect(await readFile(join(dir, 'content/posts/2026/11/agm-live.mdx'), 'utf8')).toBe(
      existing['content/posts/2026/11/agm-live.mdx'],
    );
    expect((await run(dir, ['validate', '--now', now])).code).toBe(0);
  });

  const bad: [name: string, args: string[], reason: RegExp][] = [
    [
      'an unknown channel',
      ['--title', 'T', '--at', '2026-12-05 11:00', '--channels', 'mastodn'],
      /There is no channel "mastodn" in herald\.yaml\. Did you mean "mastodon"\? Channels: mastodon, bluesky, x, team\./,
    ],
    [
      'an empty channel list',
      ['--title', 'T', '--at', '2026-12-05 11:00', '--channels', ' , '],
      /Name at least one channel: mastodon, bluesky, x, team\./,
    ],
    [
      'a time the spring change skips',
      ['--title', 'T', '--at', '2027-03-28 02:30', '--channels', 'x'],
      /--at: 2027-03-28 02:30 does not exist in Europe\/Warsaw: the clocks jump from 02:00 to 03:00 that night\. Pick 03:00 or later, or a time before 02:00\./,
    ],
    [
      'a time the autumn change repeats',
      ['--title', 'T', '--at', '2027-10-31 02:30', '--channels', 'x'],
      /happens twice in Europe\/Warsaw.*Write the offset to choose/,
    ],
    [
      'a past time',
      ['--title', 'T', '--at', '2026-11-20 10:00', '--channels', 'x'],
      /--at: 2026-11-20 10:00 has passed: it is 2026-11-23 13:00 in Europe\/Warsaw now\. Pick a later time\. The next free time is 2026-11-24 09:00\./,
    ],
    [
      'a day in a quiet period',
      ['--title', 'T', '--at', '2026-12-25 10:00', '--channels', 'x'],
      /--at: This post goes out on 2026-12-25, inside the quiet period 2026-12-24 to 2026-12-26 \(Holidays\)\. Move it after 2026-12-26\./,
    ],
    [
      'a time too close to another post',
      ['--title', 'T', '--at', '2026-11-24 09:30', '--channels', 'mastodon'],
      /--at: This post \(2026-11-24 09:30\) and content\/posts\/2026\/11\/agm-live\.mdx \(2026-11-24 09:00\) go to mastodon 30 minutes apart; herald\.yaml asks for at least 60 minutes.*The next free time is 2026-11-24 10:00\./,
    ],
    [
      'a time in another format',
      ['--title', 'T', '--at', '05/12/2026 11:00', '--channels', 'x'],
      /--at: "05\/12\/2026 11:00" is not a date and time\. Write it like 2026-12-03 18:30\./,
    ],
    [
      'an empty title',
      ['--title', '   ', '--at', '2026-12-05 11:00', '--channels', 'x'],
      /The title is empty\. Give the post a short internal title/,
    ],
    [
      'an unknown kind',
      ['--title', 'T', '--kind', 'advert', '--channels', 'x', '--yes'],
      /The kind "advert" is not one Herald knows\. Use original, reshare, evergreen\./,
    ],
    [
      'a misspelt kind',
      ['--title', 'T', '--kind', 'evergren', '--channels', 'x', '--yes'],
      /The kind "evergren" is not one Herald knows\. Did you mean evergreen\? Use original, reshare, evergreen\./,
    ],
    [
      'a campaign that is not an id',
      ['--title', 'T', '--campaign', 'AGM 2026', '--channels', 'x', '--yes'],
      /The campaign "AGM 2026" must be lower-case letters, digits and single hyphens, e\.g\. agm-2026\./,
    ],
    [
      'an unknown option',
      ['--title', 'T', '--when', 'tomorrow'],
      /Unknown option --when\. The options of herald new are --title, --at, /,
    ],
    [
      'no terminal and no title',
      ['--channels', 'x', '--at', '2026-12-05 11:00'],
      /cannot ask here \(no terminal\): give the post's title with --title "\.\.\."/,
    ],
    ['--yes and no title', ['--yes'], /cannot ask here \(--yes\): give the post's title with --title/],
    [
      'no terminal and no channels',
      ['--title', 'T', '--at', '2026-12-05 11:00'],
      /cannot ask here \(no terminal\): name the channels with --channels mastodon,bluesky,x, or add --yes to take every public channel\./,
    ],
    [
      'no terminal and no time',
      ['--title', 'T', '--channels', 'x'],
      /cannot ask here \(no terminal\): give the time with --at "2026-11-24 09:00" \(the next free time\), or add --yes to take it\./,
    ],
    [
      'a bad --now',
      ['--title', 'T', '--now', 'yesterday'],
      /--now needs an instant with its offset, like 2026-12-03T18:30:00\+01:00 or 2026-12-03T17:30:00Z \(got "yesterday"\)\./,
    ],
    [
      'an empty --text',
      ['--title', 'T', '--channels', 'x', '--yes', '--text', '  '],
      /--text is empty\. Give the post's text, or leave --text out to start from a placeholder\./,
    ],
    [
      'the text of a post already on the channel',
      ['--title', 'T', '--at', '2026-12-05 11:00', '--channels', 'bluesky,mastodon', '--text', 'Hello, neighbours.'],
      /: The new post cannot go out at any time\. This post sends the same text to mastodon as content\/posts\/2026\/11\/agm-live\.mdx \(2026-11-24 09:00\)\. Change the wording, or delete one of them\.$/m,
    ],
    [
      'a text too long for X',
      ['--title', 'T', '--at', '2026-12-05 11:00', '--channels', 'mastodon,x', '--text', 'a'.repeat(281)],
      /--text: This post is 281 characters on X \(x\), which allows 280: shorten it by 1, .*\(text\/length\) Nothing was written\./,
    ],
  ];

  it.each(bad)('refuses %s with exit code 2, the reason and nothing written', async (_name, args, reason) => {
    const dir = await project();
    const result = await newPost(dir, args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(reason);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await postFiles(dir)).toEqual(Object.keys(existing).sort());
  });

  it('refuses to run on a broken herald.yaml, saying where it is broken', async () => {
    const dir = await project({}, 'organization: X\ntimezone: Europe/Warsaw\nrepository: a/b\nchannels: []\n');
    const result = await newPost(dir, ['--title', 'T', '--yes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /content\/herald\.yaml has an error, so no post can be created:\n {2}content\/herald\.yaml:4:\d+ {2}.*\nFix it first; npx herald validate checks every file\./,
    );
  });

  it('gives each draft a placeholder of its own, so drafts never collide', async () => {
    const dir = await project();
    const first = await newPost(dir, ['--title', 'Leaf raking', '--yes']);
    const second = await newPost(dir, ['--title', 'Leaf raking', '--yes']);
    expect([first.code, second.code]).toEqual([0, 0]);
    // 09:00 and 10:00 were taken on mastodon, and two posts a day is its limit.
    expect(second.stdout).toContain(
      'Created content/posts/2026/11/leaf-raking-2.mdx: "Leaf raking", 2026-11-25 09:00 (Europe/Warsaw)',
    );
    // Each is reported for its placeholder, and neither for sending the other's text.
    expect(await validationErrors(dir)).toEqual([
      ['content/posts/2026/11/leaf-raking-2.mdx', 'post/placeholder'],
      ['content/posts/2026/11/leaf-raking.mdx', 'post/placeholder'],
    ]);
  });

  it("follows herald.yaml's severities: a rule turned off allows the time, a warning is shown", async () => {
    const dir = await project(existing, `${config}rules:\n  calendar/min-gap: off\n  calendar/quiet-period: warn\n`);
    const close = await newPost(dir, [
      '--title',
      'Close',
      '--channels',
      'mastodon',
      '--yes',
      '--text',
      'Right after the AGM post.',
    ]);
    expect(close.stdout).toContain(
      'Created content/posts/2026/11/close.mdx: "Close", 2026-11-24 09:00 (Europe/Warsaw), on mastodon.',
    );
    const holiday = await newPost(dir, [
      '--title',
      'Holiday',
      '--at',
      '2026-12-25 10:00',
      '--channels',
      'x',
      '--text',
      'Merry Christmas, neighbours.',
    ]);
    expect(holiday.code).toBe(0);
    expect(holiday.stdout).toContain(
      'warning  calendar/quiet-period  This post goes out on 2026-12-25, inside the quiet period 2026-12-24 to 2026-12-26 (Holidays). Move it after 2026-12-26.\nCreated content/posts/2026/12/holiday.mdx',
    );
    const validated = await run(dir, ['validate', '--now', now]);
    expect(validated.stdout).toContain('0 errors, 1 warning.');
    expect(validated.code).toBe(0);
  });

  it('says so when no time in the coming year is free', async () => {
    const closed = `${testConfig}calendar:\n  quietPeriods:\n    - { from: 2026-11-24, to: 2027-12-31, reason: Closed }\n`;
    const result = await newPost(await project({}, closed), ['--title', 'T', '--channels', 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /there is no free time on x in the next year; give one with --at "YYYY-MM-DD HH:MM"\./,
    );
  });
});

describe('herald new in a terminal', () => {
  it('asks for each thing, refuses bad answers with the reason and asks again, then writes the post', async () => {
    const dir = await project();
    const terminal = new Terminal(dir, ['new', '--now', now]);
    await terminal.answer(/Title \(for the team, never sent\):/, enter);
    await terminal.answer(/The title is empty\./, 'Volunteer evening' + enter);
    // Every public channel is chosen to begin with; untick bluesky and x, tick the team webhook.
    await terminal.answer(/Channels/, `${down} ${down} ${down} ${enter}`);
    await terminal.answer(/Kind:/, down + enter);
    // The suggestion stands ready to edit: 09:00 is taken on mastodon, so it is 10:00.
    await terminal.answer(
      /When \(YYYY-MM-DD HH:MM, Europe\/Warsaw\): \(2026-11-24 10:00\)/,
      clearLine + '2026-12-25 18:00' + enter,
    );
    await terminal.answer(/quiet period 2026-12-24 to 2026-12-26 \(Holidays\)/, clearLine + '2027-03-28 02:30' + enter);
    await terminal.answer(/does not exist in Europe\/Warsaw/, clearLine + '2026-11-20 18:00' + enter);
    await terminal.answer(/has passed/, clearLine + '2026-11-24 09:30' + enter);
    await terminal.answer(/herald\.yaml asks for at least 60 minutes/, clearLine + '2026-12-01 18:00' + enter);
    await terminal.answer(/Create content\/posts\/2026\/12\/volunteer-evening\.mdx\?/, enter);
    expect(await terminal.exited).toBe(0);
    expect(terminal.text).toContain(
      'Created content/posts/2026/12/volunteer-evening.mdx: "Volunteer evening", 2026-12-01 18:00 (Europe/Warsaw), on mastodon, team.',
    );
    expect(await readFile(join(dir, 'content/posts/2026/12/volunteer-evening.mdx'), 'utf8')).toMatch(
      /^---\ntitle: Volunteer evening\npublishAt: 2026-12-01 18:00\nchannels: \[mastodon, team\]\nkind: reshare\nid: volunteer-evening\n---\n/,
    );
    expect(await validationErrors(dir)).toEqual([['content/posts/2026/12/volunteer-evening.mdx', 'post/placeholder']]);
  });

  it('asks only for what the flags leave out, and takes the suggestion with enter', async () => {
    const dir = await project();
    const terminal = new Terminal(dir, [
      'new',
      '--now',
      now,
      '--title',
      'Book swap',
      '--channels',
      'bluesky',
      '--kind',
      'original',
    ]);
    await terminal.answer(/When .*\(2026-11-24 09:00\)/, enter);
    await terminal.answer(/Create content\/posts\/2026\/11\/book-swap\.mdx\?/, enter);
    expect(await terminal.exited).toBe(0);
    expect(terminal.text).not.toMatch(/Title|Channels|Kind:/);
    expect(await readFile(join(dir, 'content/posts/2026/11/book-swap.mdx'), 'utf8')).toContain(
      'publishAt: 2026-11-24 09:00\nchannels: [bluesky]\n',
    );
  });

  it('refuses to have no channel at all', async () => {
    const dir = await project();
    const terminal = new Terminal(dir, ['new', '--now', now, '--title', 'T']);
    // "a" ticks every channel, a second "a" unticks them all.
    await terminal.answer(/Channels/, `aa${enter}`);
    await terminal.answer(/Choose at least one channel \(space selects\)\./, `a${enter}`);
    await terminal.answer(/Kind:/, enter);
    await terminal.answer(/When/, enter);
    await terminal.answer(/Create/, enter);
    expect(await terminal.exited).toBe(0);
    expect(terminal.text).toContain('on mastodon, bluesky, x, team.');
  });

  it('writes nothing when the author says no, or presses Ctrl-C', async () => {
    const dir = await project();
    const no = new Terminal(dir, ['new', '--now', now, '--title', 'Not now', '--channels', 'x', '--kind', 'original']);
    await no.answer(/When/, enter);
    await no.answer(/Create/, 'n' + enter);
    expect(await no.exited).toBe(1);
    expect(no.text).toContain('Nothing was written.');

    const interrupted = new Terminal(dir, ['new', '--now', now]);
    await interrupted.answer(/Title/, 'Half done\x03');
    expect(await interrupted.exited).toBe(1);
    expect(interrupted.text).toContain('Cancelled. Nothing was written.');
    expect(await postFiles(dir)).toEqual(Object.keys(existing).sort());
  });
});
