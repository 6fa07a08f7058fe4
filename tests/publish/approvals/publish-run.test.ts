import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { formOf } from '../fakes/server.ts';
import { mastodonToken, startMastodon, type FakeMastodon } from '../fakes/mastodon.ts';
import { png, testLedgerKey } from '../helpers.ts';
import { person } from './git-fixture.ts';
import { ada, bob, carl, grace, Scenario } from './scenario.ts';

/** herald publish with the real approval gate: git history, the fake GitHub and fake Mastodon servers. */

const herald = fileURLToPath(new URL('../../../scripts/herald.ts', import.meta.url));
/** The real command line with its clock set in-process: a real publish run takes no --now. */
const heraldAt = fileURLToPath(new URL('../fixtures/herald-at.ts', import.meta.url));
const dir = 'content/posts/2026/12';
const post = (title: string, text: string, media = '') =>
  `---\ntitle: ${title}\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]\n${media}---\n${text}\n`;
const withImage = (title: string, text: string, image: string) =>
  post(title, text, `media:\n  - src: ./${image}\n    alt: The main hall, set for the meeting.\n    rights: owned\n`);
const yaml = (instance: string) =>
  `organization: Riverside\ntimezone: Europe/Warsaw\nrepository: riverside/social\nchannels:\n  - { id: mastodon, network: mastodon, instance: "${instance}" }\napprovals:\n  required: 1\n  reviewers: [ada, grace, dana, erin]\n`;
const erin = person('erin');
const short = (sha: string) => sha.slice(0, 7);

let mastodon: FakeMastodon;
let scenario: Scenario;
beforeEach(async () => {
  mastodon = await startMastodon();
});
afterEach(async () => {
  await scenario?.stop();
  await mastodon.close();
});

/** Runs the command line in the scenario's repository with only the environment Actions would give it. */
function cli(
  s: Scenario,
  args: string[],
  extra: Record<string, string> = {},
): Promise<{ code: number; stdout: string }> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('GITHUB_') && !name.startsWith('HERALD_')),
  );
  const env = {
    ...clean,
    ...s.env(),
    HERALD_MASTODON_TOKEN: mastodonToken,
    HERALD_LEDGER_KEY: testLedgerKey,
    ...extra,
  };
  return new Promise((done) => {
    execFile(process.execPath, args, { cwd: s.repo.dir, env }, (error, stdout) =>
      done({ code: error ? Number(error.code) : 0, stdout }),
    );
  });
}

const started = new WeakSet<Scenario>();
/** A real run of `herald publish` at `now`, in a repository whose ledger was started on purpose. */
async function publish(s: Scenario, now = '2026-12-03T17:31:00Z'): Promise<{ code: number; stdout: string }> {
  if (!started.has(s)) {
    started.add(s);
    expect((await cli(s, [herald, 'ledger', 'init'])).code).toBe(0);
  }
  return cli(s, [heraldAt, now, 'publish']);
}

const held = (stdout: string, id: string) => new RegExp(`${id}\\s+mastodon\\s+⏸ held\\s+(.*)`).exec(stdout)?.[1] ?? '';

it('sends the post reviewers approved and holds the one pushed past review, saying why', async () => {
  const s = (scenario = await Scenario.start(undefined, yaml(mastodon.url)));
  const { pull } = s.propose('agm', bob, post('AGM', 'The annual meeting starts now.'));
  s.github.review(pull, 'ada', 'APPROVED');
  s.mergeCommit(pull, 'agm', grace);
  s.repo.write(`${dir}/notice.mdx`, post('Notice', 'Pushed without a review.'));
  const pushed = s.repo.commit(bob, 'Push a notice straight to main');
  // Not due yet: the run neither judges it nor asks GitHub about it.
  s.repo.write(`${dir}/later.mdx`, post('Later', 'Next week.').replace('2026-12-03', '2026-12-10'));
  const later = s.repo.commit(bob, 'Push a later post straight to main');

  // The dry run says, per delivery, whether it is cleared and why not, and whether its credentials are set.
  const dry = await cli(s, [herald, 'publish', '--dry-run', '--now', '2026-12-03T17:31:00Z'], {
    HERALD_MASTODON_TOKEN: '',
  });
  expect(dry.stdout).toMatch(
    /agm\s+mastodon\s+✖ would fail\s+cleared, but channel "mastodon" has no credentials: set HERALD_MASTODON_TOKEN/,
  );
  expect(dry.stdout).toMatch(
    new RegExp(
      `notice\\s+mastodon\\s+⏸ would hold\\s+not cleared: main last changed ${dir}/notice\\.mdx in ${short(pushed)}`,
    ),
  );
  const ready = await cli(s, [herald, 'publish', '--dry-run', '--now', '2026-12-03T17:31:00Z']);
  expect(ready.stdout).toMatch(/agm\s+mastodon\s+→ would send\s+cleared: .*; credentials set/);
  expect(mastodon.requests).toEqual([]);

  const result = await publish(s);
  expect([...mastodon.statuses.values()].map((status) => status.text)).toEqual(['The annual meeting starts now.']);
  expect(result.stdout).toMatch(/agm\s+mastodon\s+✔ published/);
  expect(held(result.stdout, 'notice')).toContain(
    `main last changed ${dir}/notice.mdx in ${short(pushed)}, which no merged pull request brought in`,
  );
  expect(result.stdout).not.toContain('later');
  expect(s.github.requests.filter((r) => r.includes(pushed))).not.toEqual([]);
  expect(s.github.requests.filter((r) => r.includes(later))).toEqual([]);
  expect(result.stdout).not.toContain(mastodonToken);
  expect(result.code).toBe(0);
}, 240_000);

it('sends only posts whose every part was reviewed, by people who may still approve, and the reviewed bytes of their images', async () => {
  const s = (scenario = await Scenario.start(undefined, yaml(mastodon.url)));
  s.github.permissions = { ...s.github.permissions, erin: 'write' };
  const reviewedImage = Buffer.from(png(4, 3));

  s.land('clean', bob, { [`${dir}/clean.mdx`]: post('Clean', 'Reviewed from the first line to the last.') }, ['ada']);
  // The work tree's copy of this image is changed after the merge: the run must send the committed one.
  s.land(
    'exact',
    bob,
    {
      [`${dir}/exact.mdx`]: withImage('Exact', 'The hall is ready.', 'exact.png'),
      [`${dir}/exact.png`]: reviewedImage,
    },
    ['ada'],
  );

  s.land('laundered', bob, { [`${dir}/laundered.mdx`]: post('Laundered', 'Meet us at the hall.') }, ['ada']);
  const laundering = s.pushToMain(
    bob,
    `${dir}/laundered.mdx`,
    post('Laundered', 'Meet us at the hall. Send donations to IBAN XX00 1234.'),
  );
  s.land(
    'laundered-title',
    bob,
    { [`${dir}/laundered.mdx`]: post('Laundered, retitled', 'Meet us at the hall. Send donations to IBAN XX00 1234.') },
    ['grace'],
  );

  s.land(
    'photo',
    bob,
    {
      [`${dir}/photo.mdx`]: withImage('Photo', 'Our new banner.', 'photo.png'),
      [`${dir}/photo.png`]: Buffer.from(png(4, 3)),
    },
    ['ada'],
  );
  const swapped = s.pushToMain(bob, `${dir}/photo.png`, Buffer.from(png(6, 6)));

  s.land('lost', bob, { [`${dir}/lost.mdx`]: post('Lost', 'Approved by someone who has left.') }, ['dana']);
  s.github.permissions['dana'] = 'read';

  const coauthored = s.propose(
    'coauthor',
    carl,
    post('Coauthor', 'Written by carl, touched up by grace.'),
    `${dir}/coauthor.mdx`,
  );
  s.push('coauthor', grace, 'README.md', '# Riverside social (notes by grace)\n');
  s.github.review(coauthored.pull, 'grace', 'APPROVED');
  s.mergeCommit(coauthored.pull, 'coauthor', bob);

  const forged = s.propose('forged', carl, post('Forged', 'Written by carl.'), `${dir}/forged.mdx`);
  // erin's commit claims to be ada's, as author and committer; erin pushed it and approves.
  s.push('forged', erin, `${dir}/forged.mdx`, post('Forged', 'Written by carl, and by erin.'), ada);
  s.github.review(forged.pull, 'erin', 'APPROVED');
  s.mergeCommit(forged.pull, 'forged', bob);

  s.repo.write(`${dir}/exact.png`, Buffer.from(png(9, 9)));
  const result = await publish(s);

  expect([...mastodon.statuses.values()].map((status) => status.text).sort()).toEqual([
    'Reviewed from the first line to the last.',
    'The hall is ready.',
  ]);
  const uploads = mastodon.requests.filter((r) => r.path === '/api/v2/media');
  expect(uploads).toHaveLength(1);
  const file = (await formOf(uploads[0]!)).get('file') as File;
  expect(Buffer.from(await file.arrayBuffer()).equals(reviewedImage)).toBe(true);

  expect(held(result.stdout, 'laundered')).toContain(
    `main changed ${dir}/laundered.mdx in ${short(laundering)}, which no merged pull request brought in. Pull request #4 changed it later`,
  );
  expect(held(result.stdout, 'photo')).toContain(
    `main last changed the image ${dir}/photo.png in ${short(swapped)}, which no merged pull request brought in`,
  );
  expect(held(result.stdout, 'lost')).toContain('dana has no write access to the repository');
  expect(held(result.stdout, 'coauthor')).toContain("grace wrote this post, and an author's approval never counts");
  expect(held(result.stdout, 'forged')).toContain("erin wrote this post, and an author's approval never counts");
  expect(result.code).toBe(0);
}, 120_000);

it('never sends a token to the server a direct push names in herald.yaml', async () => {
  const elsewhere = await startMastodon();
  try {
    const s = (scenario = await Scenario.start(undefined, yaml(mastodon.url)));
    s.land('agm', bob, { [`${dir}/agm.mdx`]: post('AGM', 'The annual meeting starts now.') }, ['ada']);
    const pushed = s.pushToMain(bob, 'content/herald.yaml', yaml(elsewhere.url));
    const result = await publish(s);
    expect(elsewhere.requests).toEqual([]);
    expect(mastodon.requests).toEqual([]);
    expect(held(result.stdout, 'agm')).toContain(
      `main last changed the channel mastodon in content/herald.yaml in ${short(pushed)}, which no merged pull request brought in`,
    );
  } finally {
    await elsewhere.close();
  }
});

it('takes a post down only through a reviewed destination: a retraction is held when a direct push moved the channel', async () => {
  const elsewhere = await startMastodon();
  try {
    const s = (scenario = await Scenario.start(undefined, yaml(mastodon.url)));
    s.land('agm', bob, { [`${dir}/agm.mdx`]: post('AGM', 'The annual meeting starts now.') }, ['ada']);
    expect((await publish(s)).stdout).toMatch(/agm\s+mastodon\s+✔ published/);
    s.land(
      'retract',
      bob,
      {
        [`${dir}/agm.mdx`]: post('AGM', 'The annual meeting starts now.').replace(
          'channels:',
          'retract: true\nchannels:',
        ),
      },
      ['ada'],
    );
    const pushed = s.pushToMain(bob, 'content/herald.yaml', yaml(elsewhere.url));
    const result = await publish(s, '2026-12-03T19:00:00Z');
    expect(elsewhere.requests).toEqual([]);
    expect(mastodon.statuses.size).toBe(1);
    expect(held(result.stdout, 'agm')).toContain(
      `main last changed the channel mastodon in content/herald.yaml in ${short(pushed)}`,
    );
  } finally {
    await elsewhere.close();
  }
}, 120_000);
