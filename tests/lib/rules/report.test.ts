import { describe, expect, it } from 'vitest';
import { buildReport, formatMarkdownSummary } from '../../../src/lib/rules/report.ts';
import { file, load, post } from '../../helpers/project.ts';

const agm = file(
  'content/posts/2026/12/agm.mdx',
  post(
    `title: The annual meeting goes live
publishAt: 2026-12-03 18:30
channels: [mastodon, x]
media:
  - src: ./agm-hall.jpg
    alt: Members seated in the main hall, facing the board's table.
    rights: licensed
    credit: Photo by Jan Kowalski`,
    'The annual meeting is live now. Watch and vote from home: https://riverside.example/agm\n\n---\n\nQuestions for the board? Reply here.',
  ),
);
const long = file(
  'content/posts/2026/12/long.mdx',
  post('title: Far too long\npublishAt: 2026-12-05 10:00\nchannels: [x]', 'word '.repeat(80)),
);

function summary(files = [agm, long], budget?: number) {
  const project = load(files);
  return formatMarkdownSummary(buildReport(project.problems, project.posts, project.channels), budget);
}

describe('the step summary', () => {
  it('shows the local time the post goes out, with the instant', () => {
    expect(summary()).toContain(
      '`content/posts/2026/12/agm.mdx` · 2026-12-03 18:30 Europe/Warsaw (2026-12-03T17:30:00Z)',
    );
  });

  it('lists each image with its credit and its alt text', () => {
    const text = summary();
    expect(text).toContain('**Images** (sent with the first part)');
    expect(text).toContain(
      "- `content/posts/2026/12/agm-hall.jpg` · Photo by Jan Kowalski  \n  alt text (58 characters): Members seated in the main hall, facing the board's table.",
    );
  });

  it('shows every thread part per network with its count against the limit', () => {
    const text = summary();
    expect(text).toMatch(
      /\*\*x\*\* \(x\)\n\nPart 1 of 2, \d+ \/ 280\n\n```text\nThe annual meeting is live now\. Watch and vote from home: https:\/\/riverside\.example\/agm\n```/,
    );
    expect(text).toContain('Part 2 of 2, 36 / 500\n\n```text\nQuestions for the board? Reply here.\n```');
  });

  it('flags a part over the limit', () => {
    expect(summary()).toMatch(/### Far too long[\s\S]*\*\*x\*\* \(x\)\n\n399 \/ 280 ⚠️ too long/);
  });

  it("puts a post's findings under the post, and findings in files that are not shown in a table", () => {
    const misfiled = file(
      'content/posts/2026/11/misfiled.mdx',
      post('title: Misfiled\npublishAt: 2026-12-06 10:00\nchannels: [mastodon]'),
    );
    const typo = file(
      'content/posts/2026/12/typo.mdx',
      post('title: Typo\npublishAt: 2026-12-06 10:00\nchannels: [mastodn]'),
    );
    const text = summary([agm, misfiled, typo]);
    expect(text).toMatch(
      /### Misfiled\n\n.*\n\n- ⚠️ line 3, post\/folder: A post published on 2026-12-06 belongs in content\/posts\/2026\/12\//,
    );
    expect(text).toContain(
      '### Findings in other files\n\n| File | Line | Rule | Message |\n| --- | --- | --- | --- |\n| content/posts/2026/12/typo.mdx | 4 | ❌ post/unknown-channel | There is no channel "mastodn" in herald.yaml. Did you mean "mastodon"? Channels: mastodon, bluesky, x. |',
    );
    expect(text).not.toMatch(/\| content\/posts\/2026\/11\/misfiled\.mdx \|/);
  });

  it("stops adding posts before GitHub's size limit and says how many it left out", () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      file(
        `content/posts/2026/12/p${i}.mdx`,
        post(
          `title: Post ${i}\npublishAt: 2026-12-03 ${String(10 + (i % 10)).padStart(2, '0')}:00\nchannels: [mastodon]`,
          'A short post.',
        ),
      ),
    );
    const text = summary(many, 4_000);
    expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(4_200);
    const shown = text.match(/^### Post/gm)?.length ?? 0;
    expect(shown).toBeGreaterThan(0);
    expect(text).toContain(
      `_${30 - shown} more posts are not shown: the summary would be too long for GitHub. Run \`npx herald validate\` to see everything._`,
    );
  });
});
