import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ledgerApprovalCache, rulesFingerprint, sealKey } from '../../../src/publish/approvals/cache.ts';
import { FileLedgerStore } from '../../../src/publish/ledger/index.ts';
import { serializeLedger } from '../../../src/lib/ledger/format.ts';
import { emptyLedger } from '../../../src/schemas/ledger.ts';
import type { Clearance } from '../../../src/schemas/ledger.ts';
import { testNow } from '../../helpers/project.ts';
import { bob, postPath, postText, Scenario } from './scenario.ts';

/**
 * What the gate remembers in the ledger: a later run re-checks only who may still approve, and an
 * entry nobody but the publish run could have sealed is never trusted.
 */

const mastodonToken = 'mastodon-token-0123456789';
let scenario: Scenario;
let folder: string;
let store: FileLedgerStore;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'herald-cache-'));
  // A run works only with a ledger started on purpose (herald ledger init).
  writeFileSync(join(folder, 'ledger.json'), serializeLedger(emptyLedger()));
  store = new FileLedgerStore(join(folder, 'ledger.json'));
});
afterEach(async () => {
  await scenario?.stop();
  rmSync(folder, { recursive: true, force: true });
});

async function decide(s: Scenario, token: string | null = mastodonToken) {
  const env = s.env(token ? { HERALD_MASTODON_TOKEN: token } : {});
  const { gate, post, project } = await s.gate(env, s.repo.dir, postPath, { store, now: testNow });
  const decision = await gate.decide(post, [project.channels['mastodon']!]);
  await gate.settle?.();
  return decision;
}

const remembered = (): Clearance[] => {
  try {
    return (JSON.parse(readFileSync(join(folder, 'ledger.json'), 'utf8')) as { cleared?: Clearance[] }).cleared ?? [];
  } catch {
    return [];
  }
};

it('a later run asks GitHub only whether the approvers still may approve', async () => {
  const s = (scenario = await Scenario.start());
  s.land('agm', bob, { [postPath]: postText() }, ['ada']);
  s.land('time', bob, { [postPath]: postText().replace('18:30 in', '18:45 in') }, ['grace']);
  const first = await decide(s);
  expect(first).toMatchObject({ cleared: true });
  const post = remembered().find((entry) => entry.input === postPath)!;
  expect(post.steps.map((step) => [step.pull, step.approvals.map((a) => a.login)])).toEqual([
    [2, ['grace']],
    [1, ['ada']],
  ]);
  const asked = s.github.requests.length;
  expect(await decide(s)).toEqual(first);
  expect(s.github.requests.slice(asked).sort()).toEqual([
    'GET /repos/riverside/social/collaborators/ada/permission',
    'GET /repos/riverside/social/collaborators/grace/permission',
  ]);
});

it('a remembered approval stops counting when the reviewer loses write access', async () => {
  const s = (scenario = await Scenario.start());
  s.land('agm', bob, { [postPath]: postText() }, ['ada']);
  expect(await decide(s)).toMatchObject({ cleared: true });
  s.github.permissions['ada'] = 'read';
  const decision = await decide(s);
  expect(decision.cleared).toBe(false);
  expect(decision.reason).toContain('ada has no write access to the repository');
});

it('an entry anyone could have written to the ledger branch clears nothing', async () => {
  const s = (scenario = await Scenario.start());
  const pushed = s.pushToMain(bob, postPath, postText('Pushed straight to main, never reviewed.'));
  // Someone who can push the ledger branch, but has not the channel's credentials, writes the entry a run would.
  const forger = ledgerApprovalCache(store, testNow);
  const rules = rulesFingerprint([
    ['mastodon'],
    [{ scopes: ['herald.yaml'], required: 1, reviewers: ['ada', 'grace', 'riverside/social-team'] }],
    [],
  ]);
  forger.put(
    { input: postPath, value: s.repo.blob('main', postPath), commit: pushed, rules },
    [{ pull: 1, approvals: [{ login: 'ada', commit: pushed }] }],
    sealKey([{ channel: 'mastodon', values: ['a-guess'] }])!,
  );
  await forger.flush();
  expect(remembered()).toHaveLength(1);
  const decision = await decide(s);
  expect(decision.cleared).toBe(false);
  expect(decision.reason).toContain(`in ${pushed.slice(0, 7)}, which no merged pull request brought in`);
});

it('an entry sealed with credentials since replaced is not used: the history is walked again', async () => {
  const s = (scenario = await Scenario.start());
  s.land('agm', bob, { [postPath]: postText() }, ['ada']);
  expect(await decide(s)).toMatchObject({ cleared: true });
  const asked = s.github.requests.length;
  expect(await decide(s, 'mastodon-token-rotated')).toMatchObject({ cleared: true });
  expect(s.github.requests.slice(asked)).toContain('GET /repos/riverside/social/pulls/1/reviews?per_page=100');
});

it("nothing is remembered without the channels' credentials, and an edited post replaces its entry", async () => {
  const s = (scenario = await Scenario.start());
  s.land('agm', bob, { [postPath]: postText() }, ['ada']);
  expect(await decide(s, null)).toMatchObject({ cleared: true });
  expect(remembered()).toEqual([]);
  expect(await decide(s)).toMatchObject({ cleared: true });
  s.land('time', bob, { [postPath]: postText().replace('18:30 in', '18:45 in') }, ['grace']);
  expect(await decide(s)).toMatchObject({ cleared: true });
  expect(
    remembered()
      .filter((entry) => entry.input === postPath)
      .map((entry) => entry.value),
  ).toEqual([s.repo.blob('main', postPath)]);
});

it('keeps one entry for a setting every post of a run shares, not one per post', async () => {
  const s = (scenario = await Scenario.start());
  const other = 'content/posts/2026/12/repair-cafe.mdx';
  s.land('agm', bob, { [postPath]: postText(), [other]: postText('The repair café opens on Saturday.') }, ['ada']);
  const { gate, project } = await s.gate(s.env({ HERALD_MASTODON_TOKEN: mastodonToken }), s.repo.dir, postPath, {
    store,
    now: testNow,
  });
  for (const post of project.posts)
    expect(await gate.decide(post, [project.channels['mastodon']!])).toMatchObject({ cleared: true });
  await gate.settle?.();
  expect(
    remembered()
      .map((entry) => entry.input)
      .sort(),
  ).toEqual(['approvals', 'channels.mastodon', other, postPath, 'defaultBranch', 'locale', 'timezone'].sort());
});
