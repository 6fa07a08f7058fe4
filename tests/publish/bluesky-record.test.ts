import type { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPds, type Pds } from './bluesky-pds.ts';
import {
  heraldYaml,
  ledgerOf,
  png,
  postFile,
  projectOnDisk,
  runPublish as publish,
  type TestProject,
} from './helpers.ts';

/** What a Bluesky post record carries beside its text (language, labels, link card), read back from a real PDS. */
describe('the record Bluesky receives', () => {
  let pds: Pds;
  let reader: AtpAgent;
  const projects: TestProject[] = [];
  const env = { HERALD_BLUESKY_APP_PASSWORD: 'riverside-app-password' };
  const runPublish = (target: TestProject, options: Parameters<typeof publish>[1]) =>
    publish(target, { timeoutMs: 10_000, ...options });

  beforeAll(async () => {
    pds = await startPds();
    reader = await pds.account('riverside.test', env.HERALD_BLUESKY_APP_PASSWORD);
  });
  afterAll(async () => {
    for (const project of projects) await project.remove();
    await pds?.close();
  });

  /** A project with one post to Bluesky, due at 18:30 Warsaw time, of this front matter and body. */
  async function projectWith(
    id: string,
    frontmatter: string,
    body: string,
    files: Record<string, string | Uint8Array> = {},
    extra = '',
  ) {
    const project = await projectOnDisk({
      'content/herald.yaml': heraldYaml(
        `  - { id: bluesky, network: bluesky, handle: riverside.test, service: "${pds.url}" }\n`,
        extra,
      ),
      [`content/posts/2026/12/${id}.mdx`]: postFile(
        `title: ${id}\npublishAt: 2026-12-03 18:30\nchannels: [bluesky]\n${frontmatter}`,
        body,
      ),
      ...files,
    });
    projects.push(project);
    return project;
  }

  async function recordsOf(project: TestProject, id: string) {
    const entry = (await ledgerOf(project)).entries[`${id}/bluesky`]!;
    return Promise.all(
      entry.parts.map(
        async (part) =>
          (
            await reader.com.atproto.repo.getRecord({
              repo: reader.session!.did,
              collection: 'app.bsky.feed.post',
              rkey: part.id.split('/').at(-1)!,
            })
          ).data.value as Record<string, unknown>,
      ),
    );
  }

  it("gives every part of the thread the post's language, and herald.yaml's locale when it names none", async () => {
    const own = await projectWith('ola', 'lang: pt-BR', 'As portas abrem às sete.\n\n---\n\nAté já.');
    expect((await runPublish(own, { now: '2026-12-03T17:31:00Z', env })).outcomes.map((o) => o.kind)).toEqual([
      'published',
    ]);
    expect((await recordsOf(own, 'ola')).map((r) => r['langs'])).toEqual([['pt-BR'], ['pt-BR']]);

    const fallback = await projectWith('hello', '', 'Doors open at seven.', {}, 'locale: en-GB\n');
    await runPublish(fallback, { now: '2026-12-03T17:31:00Z', env });
    expect((await recordsOf(fallback, 'hello')).map((r) => r['langs'])).toEqual([['en-GB']]);
  });

  it('labels the first record with the content labels, as self-labels the app honours', async () => {
    const project = await projectWith(
      'flood',
      'contentLabels: [graphic-media, nudity]\nmedia:\n  - { src: ./underpass.png, alt: The flooded underpass, rights: owned }',
      'The underpass is flooded.\n\n---\n\nTake the bridge instead.',
      { 'content/posts/2026/12/underpass.png': png(6, 4) },
    );
    await runPublish(project, { now: '2026-12-03T17:31:00Z', env });
    const [first, second] = await recordsOf(project, 'flood');
    expect(first!['labels']).toEqual({
      $type: 'com.atproto.label.defs#selfLabels',
      values: [{ val: 'graphic-media' }, { val: 'nudity' }],
    });
    expect(second).not.toHaveProperty('labels');
  });
});
