import { afterEach, beforeEach, expect, it } from 'vitest';
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
import { startX, xEnv, type FakeX } from './fakes/x.ts';

const due = '2026-12-03T17:35:00Z';
const quoted = '1859000000000000001';
const quoteFile = (extra = '') =>
  postFile(
    `title: AGM\npublishAt: 2026-12-03 18:30\nchannels: [x]\nquote: https://x.com/RiversideRA/status/${quoted}${extra}`,
    'Come and help!',
  );

let x: FakeX;
let project: TestProject;
const env = xEnv();

beforeEach(async () => {
  x = await startX();
  x.now = Date.parse(due);
  project = await projectOnDisk({
    'content/herald.yaml': heraldYaml(`  - { id: x, network: x, handle: RiversideRA, api: "${x.url}" }\n`),
    'content/posts/2026/12/agm.mdx': quoteFile(),
  });
});
afterEach(async () => {
  await x.close();
  await project.remove();
});

it("settles a quote post with its own link, never the quoted post's, which retracting would delete", async () => {
  await runPublish(project, { now: due, env });
  const entry = (await ledgerOf(project)).entries['agm/x']!;
  const [own] = entry.parts;
  await changeLedger(project, (ledger) => void (ledger.entries['agm/x'] = { ...entry, state: 'unknown', parts: [] }));
  const settle = (link: string) =>
    runHerald(project.root, ['ledger', 'settle', 'agm', 'x', 'published', link], { HERALD_LEDGER_KEY: testLedgerKey });

  const wrong = await settle(`https://x.com/RiversideRA/status/${quoted}`);
  expect(wrong.code).toBe(2);
  expect(wrong.stderr).toContain('is the post this one quotes: give the link of this post');
  expect((await ledgerOf(project)).entries['agm/x']).toMatchObject({ state: 'unknown', parts: [] });

  expect((await settle(own!.url!)).code).toBe(0);
  await project.write('content/posts/2026/12/agm.mdx', quoteFile('\nretract: true'));
  await runPublish(project, { now: '2026-12-03T18:00:00Z', env });
  expect(x.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([`/2/tweets/${own!.id}`]);
});

it('never deletes the quoted post that an earlier Herald recorded as the quote post, when settled with its link', async () => {
  await runPublish(project, { now: due, env });
  const entry = (await ledgerOf(project)).entries['agm/x']!;
  const link = `https://x.com/RiversideRA/status/${quoted}`;
  // What `herald ledger settle agm x published <link>` recorded before it refused the quoted link.
  await changeLedger(
    project,
    (ledger) => void (ledger.entries['agm/x'] = { ...entry, parts: [{ id: quoted, url: link }] }),
  );
  await project.write('content/posts/2026/12/agm.mdx', quoteFile('\nretract: true'));
  await runPublish(project, { now: '2026-12-03T18:00:00Z', env });
  expect(x.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
});
