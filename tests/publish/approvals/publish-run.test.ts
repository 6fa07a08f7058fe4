import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { mastodonToken, startMastodon, type FakeMastodon } from '../fakes/mastodon.ts';
import { testLedgerKey } from '../helpers.ts';
import { bob, grace, Scenario } from './scenario.ts';

/** herald publish with the real approval gate: git history, the fake GitHub and a fake Mastodon. */

const herald = fileURLToPath(new URL('../../../scripts/herald.ts', import.meta.url));
const heraldAt = fileURLToPath(new URL('../fixtures/herald-at.ts', import.meta.url));
const post = (title: string, text: string) => `---\ntitle: ${title}\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]\n---\n${text}\n`;

let mastodon: FakeMastodon;
let scenario: Scenario;
beforeEach(async () => {
  mastodon = await startMastodon();
});
afterEach(async () => {
  await scenario?.stop();
  await mastodon.close();
});

it('sends the post reviewers approved and holds the one pushed past review, saying why', async () => {
  const yaml = `organization: Riverside\ntimezone: Europe/Warsaw\nrepository: riverside/social\nchannels:\n  - { id: mastodon, network: mastodon, instance: "${mastodon.url}" }\napprovals:\n  required: 1\n  reviewers: [ada, grace]\n`;
  const s = (scenario = await Scenario.start(undefined, yaml));
  const { pull } = s.propose('agm', bob, post('AGM', 'The annual meeting starts now.'));
  s.github.review(pull, 'ada', 'APPROVED');
  s.mergeCommit(pull, 'agm', grace);
  s.repo.write('content/posts/2026/12/notice.mdx', post('Notice', 'Pushed without a review.'));
  const pushed = s.repo.commit(bob, 'Push a notice straight to main');

  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GITHUB_') && !name.startsWith('HERALD_')));
  const env = { ...clean, ...s.env(), HERALD_MASTODON_TOKEN: mastodonToken, HERALD_LEDGER_KEY: testLedgerKey };
  const cli = (args: string[], extra: Record<string, string> = {}) =>
    new Promise<{ code: number; stdout: string }>((done) => {
      execFile(process.execPath, args, { cwd: s.repo.dir, env: { ...env, ...extra } }, (error, stdout) => done({ code: error ? Number(error.code) : 0, stdout }));
    });

  // The dry run says, per delivery, whether it is cleared and why not, and whether its credentials are set.
  const dry = await cli([herald, 'publish', '--dry-run', '--now', '2026-12-03T17:31:00Z'], { HERALD_MASTODON_TOKEN: '' });
  expect(dry.stdout).toMatch(/agm\s+mastodon\s+✖ would fail\s+cleared, but channel "mastodon" has no credentials: set HERALD_MASTODON_TOKEN/);
  expect(dry.stdout).toMatch(new RegExp(`notice\\s+mastodon\\s+⏸ would hold\\s+not cleared: main last changed content/posts/2026/12/notice\\.mdx in ${pushed.slice(0, 7)}`));
  const ready = await cli([herald, 'publish', '--dry-run', '--now', '2026-12-03T17:31:00Z']);
  expect(ready.stdout).toMatch(/agm\s+mastodon\s+→ would send\s+cleared: .*; credentials set/);
  expect(mastodon.requests).toEqual([]);

  // A real run, at the real time (set in-process by the test's entry point: a real run takes no --now).
  expect((await cli([herald, 'ledger', 'init'])).code).toBe(0);
  const result = await cli([heraldAt, '2026-12-03T17:31:00Z', 'publish']);

  expect([...mastodon.statuses.values()].map((status) => status.text)).toEqual(['The annual meeting starts now.']);
  expect(result.stdout).toMatch(/agm\s+mastodon\s+✔ published/);
  expect(result.stdout).toMatch(new RegExp(`notice\\s+mastodon\\s+⏸ held\\s+main last changed content/posts/2026/12/notice\\.mdx in ${pushed.slice(0, 7)}, which no merged pull request brought in`));
  expect(result.stdout).not.toContain(mastodonToken);
  expect(result.code).toBe(0);
}, 240_000);
