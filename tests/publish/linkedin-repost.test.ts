import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
import { linkedinToken, startLinkedin, type FakeLinkedin } from './fakes/linkedin.ts';

const due = '2026-12-03T17:35:00Z';
const parent = 'urn:li:share:7100000000000000042';
const link = `https://www.linkedin.com/feed/update/${parent}/`;

describe('resharing on LinkedIn', () => {
  let linkedin: FakeLinkedin;
  let project: TestProject;
  const env = { HERALD_LINKEDIN_ACCESS_TOKEN: linkedinToken };
  const repostFile = (extra = '') =>
    postFile(`title: Partner news\npublishAt: 2026-12-03 18:30\nchannels: [linkedin]\nrepost: ${link}${extra}`, '');

  beforeEach(async () => {
    linkedin = await startLinkedin();
    project = await projectOnDisk({
      'content/herald.yaml': heraldYaml(
        `  - { id: linkedin, network: linkedin, organization: "123456", api: "${linkedin.url}" }\n`,
      ),
      'content/posts/2026/12/partner-news.mdx': repostFile(),
    });
  });
  afterEach(async () => {
    await linkedin.close();
    await project.remove();
  });

  const postRequests = () => linkedin.requests.filter((r) => r.method === 'POST' && r.path === '/rest/posts');

  it('reshares the post its link names as the page, with no commentary, and records the reshare', async () => {
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes.map((o) => o.kind)).toEqual(['published']);
    const [reshare] = [...linkedin.posts.values()];
    expect(reshare).toEqual({
      urn: expect.stringMatching(/^urn:li:share:/),
      author: 'urn:li:organization:123456',
      commentary: '',
      reshareContext: { parent },
    });
    expect(JSON.parse(postRequests()[0]!.body.toString())).toMatchObject({
      lifecycleState: 'PUBLISHED',
      visibility: 'PUBLIC',
    });
    expect((await ledgerOf(project)).entries['partner-news/linkedin']).toMatchObject({
      state: 'published',
      parts: [{ id: reshare!.urn, url: `https://www.linkedin.com/feed/update/${reshare!.urn}/`, repostOf: parent }],
    });
    expect((await runPublish(project, { now: '2026-12-03T17:50:00Z', env })).outcomes).toEqual([]);
    expect(postRequests()).toHaveLength(1);
  });

  it('reports a reshare whose answer was lost as unknown, and never reshares it again', async () => {
    linkedin.afterCreate.push('server-error');
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes).toMatchObject([{ kind: 'unknown' }]);
    expect((await runPublish(project, { now: '2026-12-03T17:50:00Z', env })).outcomes).toEqual([]);
    expect(postRequests()).toHaveLength(1);
    expect(linkedin.posts.size).toBe(1);
  });

  it("is settled with the reshare's own link, never the reshared post's, so that retracting takes down the reshare only", async () => {
    linkedin.afterCreate.push('server-error');
    await runPublish(project, { now: due, env });
    const [reshare] = [...linkedin.posts.keys()];
    const settle = (...links: string[]) =>
      runHerald(project.root, ['ledger', 'settle', 'partner-news', 'linkedin', 'published', ...links], {
        HERALD_LEDGER_KEY: testLedgerKey,
      });

    const wrong = await settle(link);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(`"${link}" is the post this one reshares: give the reshare's own link`);
    expect((await ledgerOf(project)).entries['partner-news/linkedin']).toMatchObject({ state: 'unknown' });

    const own = `https://www.linkedin.com/feed/update/${reshare}/`;
    const activity = await settle('https://www.linkedin.com/feed/update/urn:li:activity:7100000000000000099/');
    expect(activity.code).toBe(2);
    expect(activity.stderr).toContain('names an activity, which LinkedIn cannot delete a post by');
    for (const links of [[], [own, own]]) {
      const notOne = await settle(...links);
      expect(notOne.code).toBe(2);
      expect(notOne.stderr).toContain('a reshare is one post: give its own link, once');
    }
    expect((await ledgerOf(project)).entries['partner-news/linkedin']).toMatchObject({ state: 'unknown' });

    const settled = await settle(`https://www.linkedin.com/feed/update/${reshare}/`);
    expect(settled.code).toBe(0);
    expect((await ledgerOf(project)).entries['partner-news/linkedin']).toMatchObject({
      state: 'published',
      parts: [{ id: reshare, repostOf: parent }],
    });

    await project.write('content/posts/2026/12/partner-news.mdx', repostFile('\nretract: true'));
    const report = await runPublish(project, { now: '2026-12-03T18:00:00Z', env });
    expect(report.outcomes.map((o) => o.kind)).toEqual(['retracted']);
    expect(linkedin.requests.filter((r) => r.method === 'DELETE').map((r) => decodeURIComponent(r.path))).toEqual([
      `/rest/posts/${reshare}`,
    ]);
  });

  it('never deletes the reshared post that an earlier Herald recorded as the reshare, when settled with its link', async () => {
    await runPublish(project, { now: due, env });
    const entry = (await ledgerOf(project)).entries['partner-news/linkedin']!;
    // What `herald ledger settle partner-news linkedin published <link>` recorded before it refused the link.
    await changeLedger(
      project,
      (ledger) => void (ledger.entries['partner-news/linkedin'] = { ...entry, parts: [{ id: parent, url: link }] }),
    );
    await project.write('content/posts/2026/12/partner-news.mdx', repostFile('\nretract: true'));
    await runPublish(project, { now: '2026-12-03T18:00:00Z', env });
    expect(linkedin.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
  });

  it('takes the reshare down when the post says retract: true, and only it', async () => {
    await runPublish(project, { now: due, env });
    const [reshare] = [...linkedin.posts.keys()];
    await project.write('content/posts/2026/12/partner-news.mdx', repostFile('\nretract: true'));
    const report = await runPublish(project, { now: '2026-12-03T18:00:00Z', env });
    expect(report.outcomes.map((o) => o.kind)).toEqual(['retracted']);
    expect(linkedin.posts.size).toBe(0);
    expect(linkedin.requests.filter((r) => r.method === 'DELETE').map((r) => decodeURIComponent(r.path))).toEqual([
      `/rest/posts/${reshare}`,
    ]);
  });
});
