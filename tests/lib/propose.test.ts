import { describe, expect, it } from 'vitest';
import { proposedPostFile, proposePostUrl } from '../../src/lib/propose.ts';
import type { HeraldConfig } from '../../src/schemas/config.ts';
import { file, load } from '../helpers/project.ts';

const config = load([]).config as HeraldConfig;
const proposal = (date: string) => ({ date, title: 'New post: "our" café', body: 'Write the post here.' });

describe('propose a post on a day', () => {
  it('opens GitHub new-file page on the default branch, in the month folder', () => {
    const url = new URL(proposePostUrl(config, proposal('2026-12-03')));
    expect(`${url.origin}${url.pathname}`).toBe('https://github.com/example/test/new/main');
    expect(url.searchParams.get('filename')).toBe('content/posts/2026/12/2026-12-03-new-post.mdx');
    expect(url.searchParams.get('value')).toBe(proposedPostFile(config, proposal('2026-12-03')).text);
    // Spaces travel as %20: a "+" could reach the file as a plus sign.
    expect(url.search).not.toContain('+');
  });

  it('fills in front matter the loader accepts, on ordinary days and on daylight-saving days', () => {
    for (const date of ['2026-12-03', '2027-03-28', '2026-10-25', '2028-02-29']) {
      const proposed = proposedPostFile(config, proposal(date));
      const project = load([file(proposed.path, proposed.text)]);
      expect(project.problems).toEqual([]);
      expect(project.posts).toHaveLength(1);
      expect(project.posts[0]).toMatchObject({ id: `${date}-new-post`, title: 'New post: "our" café', channels: ['mastodon', 'bluesky', 'x'] });
      expect(project.posts[0]!.written.publishAt).toBe(`${date} 12:00`);
    }
  });

  it('leaves webhooks out of the channels unless they are all there is', () => {
    const withWebhook = { ...config, channels: [...config.channels, { id: 'team', network: 'webhook' as const, format: 'json' as const, notify: false }] };
    expect(proposedPostFile(withWebhook, proposal('2026-12-03')).text).toContain('channels: [mastodon, bluesky, x]');
    const onlyWebhook = { ...config, channels: [{ id: 'team', network: 'webhook' as const, format: 'json' as const, notify: false }] };
    expect(proposedPostFile(onlyWebhook, proposal('2026-12-03')).text).toContain('channels: [team]');
  });
});
